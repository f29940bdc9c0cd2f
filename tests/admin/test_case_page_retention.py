"""The case page after retention: a case whose phone number was cleared says so (not that
the reporter refused contact); an anonymised case says what was removed and when, and shows
its statistics without a trace of the story, the address, the notes or typed reasons."""

from __future__ import annotations

from datetime import timedelta

from aiohttp import web
from aiohttp.test_utils import TestClient

from tests.admin.seed import csrf_from, log_in
from tests.support.deps import make_deps
from tests.triage.services.cases.test_detail import DECLINE_TEXT, NOTE_TEXT, REF, T0, seed_case
from triage.domain.retention import RetentionPolicy
from triage.services.retention.run import run_retention
from triage.storage.uow import UnitOfWorkFactory

Client = TestClient[web.Request, web.Application]
POLICY = RetentionPolicy(phone_days=30, case_days=365)


async def _page(client: Client, uow_factory: UnitOfWorkFactory, days: int, lang: str) -> str:
    await seed_case(uow_factory, status="closed", closed_at=T0 + timedelta(days=1))
    clock = T0 + timedelta(days=1 + days)
    await run_retention(make_deps(uow_factory, clock=lambda: clock), POLICY)
    await log_in(client)
    return await (await client.get(f"/reports/{REF}?lang={lang}")).text()


async def test_a_cleared_number_is_not_a_refusal(
    client: Client, uow_factory: UnitOfWorkFactory
) -> None:
    page = await _page(client, uow_factory, 31, "id")
    assert "Nomor dihapus setelah kasus ditutup (retensi data)" in page
    assert "tidak bersedia dihubungi" not in page and "+628123" not in page
    assert "Jl. Melati 7" in page  # the rest waits for the case limit
    assert "Data pribadi kasus ini dihapus" not in page


async def test_an_anonymised_case_says_what_went_and_keeps_its_statistics(
    client: Client, uow_factory: UnitOfWorkFactory
) -> None:
    page = await _page(client, uow_factory, 366, "en")
    assert "personal data was removed on" in page
    for gone in ("dipukul", "Jl. Melati 7", "+628123", NOTE_TEXT, DECLINE_TEXT, "Kecamatan"):
        assert gone not in page, gone
    assert REF in page and "Kota Bandung" in page and 'class="badge badge-tinggi"' in page


async def test_an_anonymised_case_offers_no_forms_and_refuses_a_stale_one(
    client: Client, uow_factory: UnitOfWorkFactory
) -> None:
    page = await _page(client, uow_factory, 366, "id")
    assert 'id="note-text"' not in page and 'id="override-reason"' not in page
    assert 'id="actions"' not in page and 'href="#actions"' not in page
    refused = await client.post(
        f"/reports/{REF}/notes", data={"csrf_token": csrf_from(page), "text": "Budi di Jl. Mawar"}
    )
    assert refused.status == 409
    html = await refused.text()
    assert "tidak bisa diubah lagi" in html and 'role="alert"' in html
    assert "Jl. Mawar" not in html
    override = await client.post(
        f"/reports/{REF}/urgency",
        data={"csrf_token": csrf_from(page), "urgency": "DARURAT", "reason": "Siti menelepon"},
    )
    assert override.status == 409
    assert "Siti menelepon" not in await override.text()
