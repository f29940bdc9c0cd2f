"""Deactivating a worker: the row stays for the history, the Telegram binding ends at once,
and each open case they held is routed again (`routing.route`) in the same transaction, with
its timeline events, fresh accept timers and the new holder's message in the outbox."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from sqlmodel import col, select

from triage.domain.case import OPEN_STATUSES, CaseStatus
from triage.domain.model import Urgency
from triage.domain.routing import route
from triage.domain.sla import CaseEvent as SlaEvent
from triage.domain.sla import on_event
from triage.services.cases.assign import assignment_message, record_assignment
from triage.services.cases.facts import assessment_reasons
from triage.services.common.deps import TriageDeps
from triage.services.common.events import add_event, audit
from triage.services.outbox.queue import enqueue
from triage.services.sla import deadlines
from triage.services.sla.override import next_generation
from triage.services.staff.accounts import StaffIdentity
from triage.services.workers.managed import Refusal, lock_active_worker
from triage.services.workers.records import end_binding
from triage.services.workers.roster import declined_by, roster_for
from triage.storage.tables import Assignment, Report, Worker
from triage.storage.uow import UnitOfWork

REASON_MAX_CHARS = 500
_BEFORE_ACCEPT = (CaseStatus.NEW, CaseStatus.ASSIGNED)


class DeactivateStatus(StrEnum):
    DONE = "done"
    HIDDEN = "hidden"  # unknown, or outside the viewer's regions
    NOT_ALLOWED = "not_allowed"  # visible, but only an admin may deactivate them
    ALREADY_INACTIVE = "already_inactive"


_REFUSED = {
    Refusal.HIDDEN: DeactivateStatus.HIDDEN,
    Refusal.INACTIVE: DeactivateStatus.ALREADY_INACTIVE,
    Refusal.NOT_ALLOWED: DeactivateStatus.NOT_ALLOWED,
}


@dataclass(frozen=True, slots=True)
class Reassigned:
    """Where one of the worker's open cases went."""

    reference: str
    kind: str  # a RoutingKind value
    worker_id: int | None
    worker_name: str | None


@dataclass(frozen=True, slots=True)
class DeactivateResult:
    status: DeactivateStatus
    reassigned: tuple[Reassigned, ...] = ()


async def deactivate_worker(
    deps: TriageDeps, viewer: StaffIdentity, worker_id: int, reason: str, now: datetime
) -> DeactivateResult:
    """Deactivate with a reason (the caller checks it is given and not too long)."""
    async with deps.uow() as uow:
        worker = await lock_active_worker(uow, viewer, worker_id)
        if isinstance(worker, Refusal):
            return DeactivateResult(_REFUSED[worker])
        _end(worker, reason, now)
        await uow.session.flush()  # routing below must no longer see them
        moved = [
            await _reroute(uow, deps, report, worker_id, f"staff:{viewer.username}", now)
            for report in await _open_cases(uow, worker_id)
        ]
        audit(uow.session, viewer.username, "worker_deactivated", now, staff_id=viewer.id,
              worker_id=worker_id, cases=len(moved))  # fmt: skip
        await uow.commit()
    return DeactivateResult(DeactivateStatus.DONE, tuple(moved))


def _end(worker: Worker, reason: str, now: datetime) -> None:
    """Inactive, and unbound: no lookup by Telegram account or invite finds them any more."""
    worker.active = False
    worker.deactivated_at = now
    worker.deactivation_reason = reason.strip()[:REASON_MAX_CHARS]
    end_binding(worker)
    worker.updated_at = now


async def _open_cases(uow: UnitOfWork, worker_id: int) -> list[Report]:
    query = (
        select(Report)
        .where(
            col(Report.assigned_worker_id) == worker_id,
            col(Report.status).in_(OPEN_STATUSES),
        )
        .order_by(col(Report.received_at))
        .with_for_update()
    )
    return list((await uow.session.exec(query)).all())


async def _reroute(
    uow: UnitOfWork, deps: TriageDeps, report: Report, worker_id: int, actor: str, now: datetime
) -> Reassigned:
    """End the worker's assignment, route the case again, restart the accept timers, notify."""
    assert report.id is not None
    session = uow.session
    held = await session.exec(
        select(Assignment).where(
            col(Assignment.report_id) == report.id, col(Assignment.active).is_(True)
        )
    )
    for assignment in held.all():
        assignment.active = False
        session.add(assignment)
    data = {"worker_id": worker_id}
    await add_event(session, report.id, "worker_deactivated", actor, data, now)
    region = report.kabkota_code or ""
    roster = await roster_for(session, region)
    refused = await declined_by(session, report.id)
    decision = route(region, Urgency(report.urgency), roster, refused, now, deps.rules)
    progressed = CaseStatus(report.status)
    new = await record_assignment(session, report, decision, now)
    if progressed not in _BEFORE_ACCEPT:  # accepted, contacted …: the work done is kept
        report.status = progressed
    await _restart_accept_timers(uow, deps, report, now)
    holder = await session.get(Worker, decision.worker_id) if decision.worker_id else None
    if holder is not None and holder.telegram_user_id is not None and new.id is not None:
        reasons = await assessment_reasons(session, report.id)
        message = assignment_message(deps, report, new.id, holder, reasons, now)
        await enqueue(session, message, now, report_id=report.id)
    return Reassigned(
        report.reference, decision.kind.value, decision.worker_id, holder.name if holder else None
    )


async def _restart_accept_timers(
    uow: UnitOfWork, deps: TriageDeps, report: Report, now: datetime
) -> None:
    """The new holder must accept within the urgency's target, as after a decline."""
    assert report.id is not None
    generation = await next_generation(uow.session, report.id)
    change = on_event(
        SlaEvent.REASSIGNED, report.reference, Urgency(report.urgency), now, deps.rules, generation
    )
    await deadlines.apply_change(uow.session, report.id, change)
