"""The case page and its read model show the child's sex next to the age, in either language;
an unknown sex (and every report from before it was asked) says so."""

from __future__ import annotations

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient
from markupsafe import escape

from tests.admin.seed import log_in
from tests.triage.services.cases.test_detail import ADMIN, REF, T0, seed_case
from triage.domain.child_sex import ChildSex
from triage.services.cases.detail import case_detail
from triage.services.common.deps import TriageDeps
from triage.storage.uow import UnitOfWorkFactory

Client = TestClient[web.Request, web.Application]


@pytest.mark.parametrize(
    ("stored", "sex"), [("female", ChildSex.FEMALE), ("male", ChildSex.MALE), (None, None)]
)
async def test_the_read_model_carries_the_sex(
    deps: TriageDeps, uow_factory: UnitOfWorkFactory, stored: str | None, sex: ChildSex | None
) -> None:
    await seed_case(uow_factory, child_sex=stored)
    detail = await case_detail(deps, ADMIN, REF, T0)
    assert detail is not None
    assert detail.child_sex is sex


@pytest.mark.parametrize(
    ("stored", "lang", "shown"),
    [
        ("female", "id", "<dd>Perempuan</dd>"),
        ("female", "en", "<dd>Girl</dd>"),
        ("male", "id", "<dd>Laki-laki</dd>"),
        ("male", "en", "<dd>Boy</dd>"),
        (None, "id", '<dd><span class="muted">Tidak diketahui</span></dd>'),
        (None, "en", '<dd><span class="muted">Unknown</span></dd>'),
    ],
)
async def test_the_page_shows_the_sex_after_the_age(
    client: Client, uow_factory: UnitOfWorkFactory, stored: str | None, lang: str, shown: str
) -> None:
    await seed_case(uow_factory, child_sex=stored)
    await log_in(client)
    page = await (await client.get(f"/reports/{REF}?lang={lang}")).text()
    age = {"id": "Usia anak", "en": str(escape("Child's age"))}[lang]
    sex = {"id": "Jenis kelamin anak", "en": str(escape("Child's sex"))}[lang]
    assert page.index(f"{age}</dt>") < page.index(f"{sex}</dt>")
    facts = page[page.index(f"{sex}</dt>") :]
    assert facts[: facts.index("</dd>") + len("</dd>")].endswith(shown)
