"""Reporter-side services on real databases: the hourly limit, blocking, status, ratings."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlmodel import select

from tests.triage.services.intake.test_submit import DETAILS, deps_for, facts, submit
from triage.domain.intake.inputs import Press
from triage.services.intake import conversation as intake_service
from triage.services.intake import reporter as reporter_service
from triage.services.intake.reporter import RatingOutcome
from triage.storage.tables import Draft, Report
from triage.storage.uow import UnitOfWorkFactory

NOW = datetime(2026, 11, 23, 3, 0, tzinfo=UTC)


async def test_the_hourly_limit_keeps_the_draft_and_says_why(
    uow_factory: UnitOfWorkFactory,
) -> None:
    deps = deps_for(uow_factory, NOW)
    deps.reports_per_hour = 2
    for i in range(2):
        await submit(deps, facts(f"Laporan ke-{i} tentang anak yang dipukul."), chat_id=1001)
    async with uow_factory() as uow:
        uow.session.add(Draft(chat_id=1001, user_id=1001, step="summary", answers={
            "immediate_danger": "no", "categories": ["kekerasan_fisik"], "region_code": "31.74",
            "description": "Anak dipukul lagi malam ini oleh ayahnya.", "consented": True,
        }, version=3, created_at=NOW, updated_at=NOW))  # fmt: skip
        await uow.commit()
    reply = await intake_service.answer(deps, 1001, 1001, Press("submit", 3), "id")
    assert reply.submitted is None and not reply.changed
    assert "2 laporan" in deps.translator.text(
        "id", reply.notices[0].msgid, **reply.notices[0].values
    )
    async with uow_factory() as uow:
        assert await uow.session.get(Draft, 1001) is not None
    later = deps_for(uow_factory, NOW + timedelta(hours=1, minutes=1))
    later.reports_per_hour = 2
    assert (await intake_service.answer(later, 1001, 1001, Press("submit", 3), "id")).submitted


async def test_a_blocked_account_cannot_submit(uow_factory: UnitOfWorkFactory) -> None:
    deps = deps_for(uow_factory, NOW)
    await reporter_service.set_blocked(deps, 1001, True, "test")
    async with uow_factory() as uow:
        refusal = await reporter_service.submission_refusal(uow.session, 1001, 1001, NOW, 5)
    assert refusal == "blocked"


async def test_status_and_rating_belong_to_the_reporting_chat(
    uow_factory: UnitOfWorkFactory,
) -> None:
    deps = deps_for(uow_factory, NOW)
    reference = await submit(deps, facts(), chat_id=1001)
    assert [r.reference for r in await reporter_service.my_reports(deps, 1001)] == [reference]
    assert await reporter_service.my_reports(deps, 2002) == []
    assert (
        await reporter_service.rate(deps, 1001, 1001, reference, 5) is RatingOutcome.NOT_YOURS
    )  # open
    async with uow_factory() as uow:
        report = (await uow.session.exec(select(Report))).one()
        report.status = "closed"
        await uow.commit()
    assert await reporter_service.rate(deps, 2002, 2002, reference, 1) is RatingOutcome.NOT_YOURS
    assert await reporter_service.rate(deps, 1001, 1001, reference, 4) is RatingOutcome.THANKED
    assert (
        await reporter_service.rate(deps, 1001, 1001, reference, 1) is RatingOutcome.ALREADY_RATED
    )
    assert (
        await reporter_service.take_comment(deps, 1001, 1001, "Terima kasih, cepat sekali.")
        == reference
    )
    assert await reporter_service.take_comment(deps, 1001, 1001, "lagi") is None
    async with uow_factory() as uow:
        report = (await uow.session.exec(select(Report))).one()
    assert (report.rating, report.rating_comment) == (4, "Terima kasih, cepat sekali.")


async def test_a_new_report_ends_the_wait_for_a_rating_comment(
    uow_factory: UnitOfWorkFactory,
) -> None:
    deps = deps_for(uow_factory, NOW)
    reference = await submit(deps, facts(), chat_id=1001)
    async with uow_factory() as uow:
        report = (await uow.session.exec(select(Report))).one()
        report.status = "closed"
        await uow.commit()
    assert await reporter_service.rate(deps, 1001, 1001, reference, 3) is RatingOutcome.THANKED
    await intake_service.begin(deps, 1001, 1001, "id")
    assert await reporter_service.take_comment(deps, 1001, 1001, "Anak di sebelah rumah") is None
    async with uow_factory() as uow:
        report = (await uow.session.exec(select(Report))).one()
    assert (report.rating, report.rating_comment) == (3, None)


__all__ = ["DETAILS"]
