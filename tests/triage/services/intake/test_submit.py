"""submit_report on real databases: one transaction, routing, deadlines, duplicates."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import func, select

from tests.e2e.harness import add_worker
from tests.support.deps import make_deps
from triage.domain.age import ChildAge
from triage.domain.intake.facts import ReportDetails
from triage.domain.model import Answer, Category, ReportFacts
from triage.services.common.deps import TriageDeps
from triage.services.intake.submit import submit_report
from triage.storage.tables import (
    AssessmentRow,
    Assignment,
    CaseEvent,
    Deadline,
    OutboxMessage,
    Report,
)
from triage.storage.uow import UnitOfWorkFactory

NOW = datetime(2026, 11, 23, 3, 0, tzinfo=UTC)  # 10:00 WIB, a Monday
DETAILS = ReportDetails("id", None, "today", "neighbour", None, None, (), None, False, True)


def deps_for(uow: UnitOfWorkFactory, clock: datetime = NOW) -> TriageDeps:
    return make_deps(uow, clock=lambda: clock)


def facts(
    description: str = "Anak tetangga sering dipukul ayahnya.", **changes: object
) -> ReportFacts:
    base = ReportFacts(
        categories=(Category.KEKERASAN_FISIK,),
        child_age=ChildAge.exact(8),
        immediate_danger=Answer.NO,
        description=description,
        region_code="31.74",
    )
    return ReportFacts(**{**{f: getattr(base, f) for f in base.__slots__}, **changes})  # type: ignore[arg-type]


async def submit(deps: TriageDeps, report_facts: ReportFacts, chat_id: int = 1001) -> str:
    async with deps.uow() as uow:
        submitted = await submit_report(uow.session, deps, report_facts, DETAILS, chat_id)
        await uow.commit()
    return submitted.reference


async def count(uow: UnitOfWorkFactory, table: type) -> int:
    async with uow() as unit:
        return int((await unit.session.exec(select(func.count()).select_from(table))).one())


async def test_a_report_is_stored_with_everything_it_needs_in_one_go(
    uow_factory: UnitOfWorkFactory,
) -> None:
    worker_id = await add_worker(uow_factory, "Sari", 2001, ["31.74"])
    deps = deps_for(uow_factory)
    reference = await submit(deps, facts())
    async with uow_factory() as uow:
        report = (await uow.session.exec(select(Report).where(Report.reference == reference))).one()
        assessment = (await uow.session.exec(select(AssessmentRow))).one()
        assignment = (await uow.session.exec(select(Assignment))).one()
        outbox = (await uow.session.exec(select(OutboxMessage))).one()
        events = [e.kind for e in (await uow.session.exec(select(CaseEvent))).all()]
    assert report.assigned_worker_id == worker_id and report.status == "assigned"
    assert (report.happened, report.reporter_relation) == ("today", "neighbour")
    assert assessment.rules_version == deps.rules.version and assessment.reasons
    assert assignment.kind == "assigned" and assignment.worker_id == worker_id
    assert outbox.chat_id == 2001 and reference in outbox.text
    assert events == ["received", "routed"]
    assert await count(uow_factory, Deadline) >= 4


async def test_a_failure_before_commit_leaves_nothing_behind(
    uow_factory: UnitOfWorkFactory,
) -> None:
    await add_worker(uow_factory, "Sari", 2001, ["31.74"])
    deps = deps_for(uow_factory)

    async def crash_before_commit() -> None:
        async with deps.uow() as uow:
            await submit_report(uow.session, deps, facts(), DETAILS, 1001)
            raise RuntimeError("crash before commit")

    with pytest.raises(RuntimeError):
        await crash_before_commit()
    for table in (Report, AssessmentRow, Assignment, OutboxMessage, Deadline, CaseEvent):
        assert await count(uow_factory, table) == 0


async def test_nobody_on_duty_goes_to_the_supervisor(uow_factory: UnitOfWorkFactory) -> None:
    supervisor = await add_worker(uow_factory, "Kepala", 3001, ["31"], role="supervisor")
    deps = deps_for(uow_factory)
    await submit(deps, facts())
    async with uow_factory() as uow:
        assignment = (await uow.session.exec(select(Assignment))).one()
    assert assignment.worker_id == supervisor
    assert assignment.kind == "supervisor_province"


async def test_nobody_at_all_lands_in_the_national_queue(uow_factory: UnitOfWorkFactory) -> None:
    reference = await submit(deps_for(uow_factory), facts(region_code="91.01"))
    async with uow_factory() as uow:
        report = (await uow.session.exec(select(Report).where(Report.reference == reference))).one()
        assignment = (await uow.session.exec(select(Assignment))).one()
    assert report.status == "new" and report.assigned_worker_id is None
    assert assignment.kind == "national_queue"
    assert await count(uow_factory, OutboxMessage) == 0


async def test_a_similar_report_goes_to_the_same_worker_as_a_duplicate(
    uow_factory: UnitOfWorkFactory,
) -> None:
    first = await add_worker(uow_factory, "Sari", 2001, ["31.74"])
    await add_worker(uow_factory, "Dewi", 2002, ["31.74"])
    story = "Anak kecil di gang mawar sering dipukul ayahnya pakai sapu sampai memar."
    await submit(deps_for(uow_factory), facts(story), chat_id=1001)
    later = deps_for(uow_factory, NOW + timedelta(hours=5))
    await submit(later, facts(story + " Tolong dibantu."), chat_id=1002)
    async with uow_factory() as uow:
        reports = (await uow.session.exec(select(Report).order_by(Report.received_at))).all()
        outbox = (await uow.session.exec(select(OutboxMessage).order_by(OutboxMessage.id))).all()
    assert reports[1].duplicate_of_id == reports[0].id
    assert reports[1].assigned_worker_id == first
    assert "Mungkin sama" in outbox[1].text


async def test_references_are_unique_and_not_sequential(uow_factory: UnitOfWorkFactory) -> None:
    deps = deps_for(uow_factory)
    references = [
        await submit(deps, facts(f"Laporan nomor {i} tentang anak terlantar.")) for i in range(5)
    ]
    assert len(set(references)) == 5
    assert references != sorted(references)
