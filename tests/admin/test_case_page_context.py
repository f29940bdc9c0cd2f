"""The case page says when it happened and who reported, from staff's side, in either
language; reports from before both were stored say "unknown"."""

from __future__ import annotations

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient

from tests.admin.seed import log_in
from tests.triage.services.cases.test_detail import REF, seed_case
from triage.storage.uow import UnitOfWorkFactory

Client = TestClient[web.Request, web.Application]
UNKNOWN = {"id": "Tidak diketahui", "en": "Unknown"}


def _fact(page: str, term: str) -> str:
    after = page[page.index(f"{term}</dt>") :]
    return after[after.index("<dd>") + len("<dd>") : after.index("</dd>")]


@pytest.mark.parametrize(
    ("happened", "relation", "lang", "shown_when", "shown_who"),
    [
        ("now", "self", "id", "Sedang terjadi", "Anak itu sendiri"),
        ("now", "self", "en", "Happening now", "The child themselves"),
        ("earlier", "neighbour", "id", "Lebih dari seminggu", "Tetangga"),
        (None, None, "id", None, None),
        (None, None, "en", None, None),
    ],
)
async def test_when_and_who_reported(
    client: Client,
    uow_factory: UnitOfWorkFactory,
    happened: str | None,
    relation: str | None,
    lang: str,
    shown_when: str | None,
    shown_who: str | None,
) -> None:
    await seed_case(uow_factory, happened=happened, reporter_relation=relation)
    await log_in(client)
    page = await (await client.get(f"/reports/{REF}?lang={lang}")).text()
    when_term, who_term = {
        "id": ("Kapan terjadi", "Pelapor"),
        "en": ("When it happened", "Reporter"),
    }[lang]
    for term, expected in ((when_term, shown_when), (who_term, shown_who)):
        fact = _fact(page, term)
        assert fact == expected if expected else UNKNOWN[lang] in fact and "muted" in fact
