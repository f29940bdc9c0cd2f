"""The case page shows the case's referrals (a directory service, one the worker typed) and
their changes on the timeline, in both languages; an older version's referral still reads."""

from __future__ import annotations

from datetime import timedelta

from aiohttp import web
from aiohttp.test_utils import TestClient
from sqlmodel import select

from tests.admin.seed import log_in
from tests.admin.test_case_page import PAGE, admin_app  # noqa: F401 - the fixture
from tests.triage.services.cases.test_detail import T0, seed_case
from triage.storage.tables import CaseEvent, ReferralRow, Report, ServiceEntry
from triage.storage.uow import UnitOfWorkFactory

Client = TestClient[web.Request, web.Application]


async def seed_referrals(uow_factory: UnitOfWorkFactory) -> None:
    await seed_case(uow_factory)
    later = T0 + timedelta(hours=4)
    async with uow_factory() as uow:
        report = (await uow.session.exec(select(Report))).one()
        service = ServiceEntry(
            name="UPTD PPA Kota Bandung (pusat)", type="uptd_ppa", region_codes=["32.73"],
            phone="+62225550103", created_at=T0, updated_at=T0,
        )  # fmt: skip
        uow.session.add(service)
        await uow.session.flush()
        assert report.id is not None and service.id is not None
        made = [
            ReferralRow(report_id=report.id, service_id=service.id, service_type="uptd_ppa",
                        status="accepted", created_at=T0, updated_at=later),
            ReferralRow(report_id=report.id, service_type="other", status="declined",
                        typed_service="Yayasan <b>Pelita</b>", decline_note="Kuota penuh",
                        created_at=T0, updated_at=later),
        ]  # fmt: skip
        uow.session.add_all(made)
        await uow.session.flush()
        for kind, data in (
            ("referred", {"referral_id": made[0].id, "type": "uptd_ppa"}),
            ("referral_updated", {"referral_id": made[0].id, "from": "sent", "to": "accepted"}),
            ("referred", {"to": "police"}),  # an older version's referral
        ):
            uow.session.add(
                CaseEvent(report_id=report.id, at=later, kind=kind, actor="system", data=data)
            )
        await uow.commit()


async def test_the_case_page_lists_referrals_and_their_changes(
    client: Client, uow_factory: UnitOfWorkFactory
) -> None:
    await seed_referrals(uow_factory)
    await log_in(client, "spv.bandung")

    page = await (await client.get(PAGE)).text()
    english = await (await client.get(f"{PAGE}?lang=en")).text()

    section = page.split('id="referrals-title"', 1)[1].split("</section>", 1)[0]
    for expected in (
        "UPTD PPA Kota Bandung", "diterima layanan", "+62225550103",
        "Yayasan &lt;b&gt;Pelita&lt;/b&gt;", "ditolak layanan", "Kuota penuh",
        "ditulis petugas, tidak ada di direktori",
    ):  # fmt: skip
        assert expected in section, expected
    for sentence in (
        "Dirujuk ke layanan: UPTD PPA",
        "Status rujukan diubah dari terkirim ke diterima layanan",
        "Dirujuk ke Polisi",
    ):
        assert sentence in page, sentence
    assert "Referral status changed from sent to accepted by the service" in english
    assert "declined by the service" in english


async def test_a_case_without_referrals_says_so(
    client: Client, uow_factory: UnitOfWorkFactory
) -> None:
    await seed_case(uow_factory)
    await log_in(client, "spv.bandung")

    assert "Belum dirujuk ke layanan" in await (await client.get(PAGE)).text()
