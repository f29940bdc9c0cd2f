"""The case page and its read model show the child's age as the reporter gave it."""

from __future__ import annotations

from typing import Any

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient
from markupsafe import escape

from tests.admin.seed import log_in
from tests.triage.services.cases.test_detail import ADMIN, REF, T0, seed_case
from triage.domain.age import ChildAge
from triage.services.cases.detail import case_detail
from triage.services.common.deps import TriageDeps
from triage.storage.uow import UnitOfWorkFactory

Client = TestClient[web.Request, web.Application]
BAND = {"child_age": None, "age_band_lower": 6, "age_band_upper": 12}
TYPED = {"child_age": 7}
NONE = {"child_age": None}


@pytest.mark.parametrize(
    ("stored", "age"),
    [(BAND, ChildAge.band(6, 12)), (TYPED, ChildAge.exact(7)), (NONE, ChildAge())],
)
async def test_the_read_model_keeps_the_age_as_given(
    deps: TriageDeps, uow_factory: UnitOfWorkFactory, stored: dict[str, Any], age: ChildAge
) -> None:
    await seed_case(uow_factory, **stored)
    detail = await case_detail(deps, ADMIN, REF, T0)
    assert detail is not None
    assert detail.child_age == age


@pytest.mark.parametrize(
    ("stored", "lang", "shown", "not_shown"),
    [
        (BAND, "id", "<dd>6–12 tahun</dd>", "<dd>12 tahun</dd>"),
        (BAND, "en", "<dd>6–12 years</dd>", "<dd>12 years</dd>"),
        (TYPED, "id", "<dd>7 tahun</dd>", "–"),
        (TYPED, "en", "<dd>7 years</dd>", "tahun"),
        (NONE, "id", '<span class="muted">Tidak diketahui</span>', "None tahun"),
    ],
)
async def test_the_page_shows_the_age_as_given(
    client: Client,
    uow_factory: UnitOfWorkFactory,
    stored: dict[str, Any],
    lang: str,
    shown: str,
    not_shown: str,
) -> None:
    await seed_case(uow_factory, **stored)
    await log_in(client)
    page = await (await client.get(f"/reports/{REF}?lang={lang}")).text()
    label = {"id": "Usia anak", "en": str(escape("Child's age"))}[lang]
    facts = page[page.index(f"{label}</dt>") :]
    facts = facts[: facts.index("</dd>") + len("</dd>")]
    assert shown in facts
    assert not_shown not in facts
