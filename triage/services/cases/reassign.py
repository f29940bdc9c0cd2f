"""Staff hand a case to another worker on the case page, with a reason: the new holder gets the
case with Accept / Decline buttons, the previous one is told they need not act any more."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import NamedTuple

from sqlalchemy import select as select_columns
from sqlmodel import col, func, select
from sqlmodel.ext.asyncio.session import AsyncSession

from triage.domain.case import CaseStatus, is_finished, reassigned_status
from triage.domain.model import Urgency
from triage.domain.roster import Role, codes_cover
from triage.domain.routing import RoutingKind
from triage.domain.sla import CaseEvent as SlaEvent
from triage.domain.sla import on_event
from triage.services.cases.assign import new_case_notice
from triage.services.cases.detail_model import WorkerChoice
from triage.services.cases.facts import assessment_reasons
from triage.services.cases.queue_sql import CLOSED_RANK_OFFSET
from triage.services.cases.staff_common import (
    REASON_MAX_CHARS,
    StaffOutcome,
    StaffResult,
    cleaned,
    holder_of,
    queue,
    run_staff_action,
    staff_actor,
    to_worker,
)
from triage.services.common.deps import TriageDeps
from triage.services.common.events import add_event
from triage.services.outbox.notices import CaseMovedAway, StaffAssignment
from triage.services.sla import deadlines
from triage.services.sla.override import next_generation
from triage.services.sla.sweep import active_assignment
from triage.services.staff.accounts import StaffIdentity
from triage.services.workers.scope import may_see
from triage.storage.tables import Assignment, Report, Worker
from triage.storage.uow import UnitOfWork

REASON_CODE = "staff.reassigned"


def may_receive(viewer: StaffIdentity, worker: Worker) -> bool:
    """A worker the viewer may hand a case to: active, reachable in Telegram, and one the
    viewer may see (for a supervisor, working in one of the supervisor's regions)."""
    if not worker.active or worker.telegram_user_id is None:
        return False
    return may_see(viewer, worker.region_codes)


class _Reachable(NamedTuple):
    """A worker who may receive a case, as _CHOICE_COLUMNS reads one."""

    id: int | None  # never None for a stored worker; typed as the column is
    name: str
    role: str
    region_codes: list[str]
    on_duty: bool
    on_leave_until: datetime | None


_CHOICE_COLUMNS = (
    col(Worker.id),
    col(Worker.name),
    col(Worker.role),
    col(Worker.region_codes),
    col(Worker.on_duty),
    col(Worker.on_leave_until),
)


async def worker_choices(
    session: AsyncSession, viewer: StaffIdentity, report: Report, now: datetime
) -> tuple[WorkerChoice, ...]:
    """Who the case could go to: those covering its kabupaten/kota first, workers before
    supervisors, then by name; the current holder is left out. Read as the few columns the
    list shows, not as worker objects: a country has hundreds of workers, and building each
    object cost more than the queries."""
    reachable = col(Worker.telegram_user_id).is_not(None), col(Worker.active).is_(True)
    connection = await session.connection()
    rows = (await connection.execute(select_columns(*_CHOICE_COLUMNS).where(*reachable))).all()
    workers = [w for w in (_Reachable(*row) for row in rows) if may_see(viewer, w.region_codes)]
    loads = await _open_cases(session, (w.id for w in workers if w.id is not None))
    choices = [
        _choice(w, w.id, report.kabkota_code, loads.get(w.id, 0), now)
        for w in workers
        if w.id is not None and w.id != report.assigned_worker_id
    ]
    return tuple(sorted(choices, key=lambda c: (not c.covers_case, c.role != Role.WORKER, c.name)))


def _choice(
    worker: _Reachable, worker_id: int, region: str | None, load: int, now: datetime
) -> WorkerChoice:
    on_leave = worker.on_leave_until is not None and now < worker.on_leave_until
    return WorkerChoice(
        id=worker_id,
        name=worker.name,
        role=worker.role,
        covers_case=codes_cover(worker.region_codes, region),
        on_duty=worker.on_duty and not on_leave,
        open_cases=load,
    )


async def _open_cases(session: AsyncSession, ids: Iterable[int]) -> dict[int, int]:
    """Each worker's open cases, counted on `ix_report_worker_queue` (worker, queue_rank):
    the open ones are a range of it, so neither the closed cases nor the table are read."""
    wanted = sorted(set(ids))
    if not wanted:
        return {}
    query = (
        select(col(Report.assigned_worker_id), func.count())
        .where(col(Report.assigned_worker_id).in_(wanted))
        .where(col(Report.queue_rank) < CLOSED_RANK_OFFSET)
        .group_by(col(Report.assigned_worker_id))
    )
    return {worker_id: count for worker_id, count in (await session.exec(query)).all() if worker_id}


def holder_kind(worker: Worker, region: str | None) -> RoutingKind:
    """How the assignment shows the new holder: a worker, or a supervisor of the kabupaten/kota
    or of its province."""
    if worker.role != Role.SUPERVISOR:
        return RoutingKind.ASSIGNED
    codes = worker.region_codes
    if region is not None and region not in codes and codes_cover(codes, region):
        return RoutingKind.SUPERVISOR_PROVINCE
    return RoutingKind.SUPERVISOR_KABKOTA


async def reassign_case(
    deps: TriageDeps,
    viewer: StaffIdentity,
    reference: str,
    worker_id: int,
    reason: str,
    seen_holder: int | None,
) -> StaffResult:
    """Hand the case to `worker_id`; `seen_holder` is who held it when the page was shown."""
    why = cleaned(reason, REASON_MAX_CHARS)

    async def body(uow: UnitOfWork, report: Report, now: datetime) -> StaffResult:
        if is_finished(CaseStatus(report.status)):
            return StaffResult(StaffOutcome.CLOSED)
        if report.assigned_worker_id != seen_holder:
            return StaffResult(StaffOutcome.STALE)
        if report.assigned_worker_id == worker_id:
            return StaffResult(StaffOutcome.SAME_HOLDER)
        target = await uow.session.get(Worker, worker_id)
        if target is None or not may_receive(viewer, target):
            return StaffResult(StaffOutcome.UNKNOWN_WORKER)
        await _hand_over(uow, deps, viewer, report, target, why, now)
        return StaffResult(StaffOutcome.DONE, target.name)

    return await run_staff_action(deps, viewer, reference, "reassign", body)


async def _hand_over(
    uow: UnitOfWork,
    deps: TriageDeps,
    viewer: StaffIdentity,
    report: Report,
    target: Worker,
    why: str,
    now: datetime,
) -> None:
    assert report.id is not None and target.id is not None
    session = uow.session
    previous_holder = await holder_of(uow, report)
    previous = await active_assignment(session, report.id)
    if previous is not None:
        previous.active = False
    kind = holder_kind(target, report.kabkota_code)
    assignment = Assignment(
        report_id=report.id,
        worker_id=target.id,
        kind=kind.value,
        reason_code=REASON_CODE,
        explanation="handed over by staff on the case page",
        created_at=now,
    )
    session.add(assignment)
    old_holder_id = report.assigned_worker_id
    report.assigned_worker_id = target.id
    report.status = reassigned_status(CaseStatus(report.status))
    target.last_assigned_at = now
    await session.flush()
    assert assignment.id is not None
    data = {
        "worker_id": target.id,
        "kind": kind.value,
        "from_worker_id": old_holder_id,
        "assignment_id": assignment.id,
        "reason": why,
    }
    await add_event(session, report.id, "reassigned", staff_actor(viewer), data, now)
    if report.accepted_at is None:  # the new holder's clock to accept starts now
        generation = await next_generation(session, report.id)
        urgency = Urgency(report.urgency)
        change = on_event(
            SlaEvent.REASSIGNED, report.reference, urgency, now, deps.rules, generation
        )
        await deadlines.apply_change(session, report.id, change)
    await _tell(uow, deps, report, assignment.id, target, previous_holder, why, now)


async def _tell(
    uow: UnitOfWork,
    deps: TriageDeps,
    report: Report,
    assignment_id: int,
    target: Worker,
    previous: Worker | None,
    why: str,
    now: datetime,
) -> None:
    """The new holder gets the case with its buttons; the previous one is told it moved."""
    assert report.id is not None
    reasons = await assessment_reasons(uow.session, report.id)
    case = new_case_notice(deps, report, assignment_id, target, reasons, now)
    given = StaffAssignment(case, why)
    message = deps.messages.staff_assignment(to_worker(target, f"assign:{assignment_id}"), given)
    await queue(uow, report, message, now)
    if previous is not None and previous.id != target.id:
        moved = CaseMovedAway(report.reference, target.name)
        to = to_worker(previous, f"moved:{assignment_id}:{previous.id}")
        await queue(uow, report, deps.messages.case_moved_away(to, moved), now)
