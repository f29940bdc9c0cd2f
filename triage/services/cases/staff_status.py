"""Staff move a case's status forward (only as the domain allows) or close it with an outcome.

Each form carries the status the page showed; if the case moved on since, nothing changes.
Setting a status records what it implies: accepted (the accept timers stop, the reporter
hears of it) and, for contacted or visited, the first contact (the contact timers stop).
"""

from __future__ import annotations

from datetime import datetime

from triage.domain.case import (
    ACCEPT_IMPLIED,
    CONTACT_IMPLIED,
    CaseStatus,
    Outcome,
    Referral,
    is_finished,
    may_move,
    staff_may_set,
)
from triage.domain.model import Urgency
from triage.domain.sla import CaseEvent as SlaEvent
from triage.domain.sla import on_event
from triage.services.cases.staff_common import (
    DONE,
    REASON_MAX_CHARS,
    StaffOutcome,
    StaffResult,
    cleaned,
    holder_of,
    queue,
    run_staff_action,
    staff_actor,
    to_reporter,
    to_worker,
)
from triage.services.common.deps import TriageDeps
from triage.services.common.events import add_event
from triage.services.outbox.notices import StaffClosure, StaffStatusChange
from triage.services.sla import deadlines
from triage.services.sla.sweep import active_assignment
from triage.services.staff.accounts import StaffIdentity
from triage.storage.tables import Report
from triage.storage.uow import UnitOfWork


def _refusal(report: Report, seen_status: str) -> StaffResult | None:
    """Closed first (nothing leaves CLOSED), then a page that no longer shows the truth."""
    if is_finished(CaseStatus(report.status)):
        return StaffResult(StaffOutcome.CLOSED)
    if report.status != seen_status:
        return StaffResult(StaffOutcome.STALE, report.status)
    return None


async def change_status(
    deps: TriageDeps,
    viewer: StaffIdentity,
    reference: str,
    target: CaseStatus,
    reason: str,
    seen_status: str,
    referral: Referral | None = None,
) -> StaffResult:
    """Set a staff-settable status; REFERRED names the service the case went to."""
    why = cleaned(reason, REASON_MAX_CHARS)
    if (target is CaseStatus.REFERRED) != (referral is not None):
        raise ValueError("a referral comes with the REFERRED status, and only with it")

    async def body(uow: UnitOfWork, report: Report, now: datetime) -> StaffResult:
        refused = _refusal(report, seen_status)
        if refused is not None:
            return refused
        current = CaseStatus(report.status)
        if not staff_may_set(current, target, has_holder=report.assigned_worker_id is not None):
            return StaffResult(StaffOutcome.NOT_ALLOWED)
        await _milestones(uow, deps, report, target, now)
        report.status = target.value
        data: dict[str, object] = {"from_status": current.value, "to_status": target.value}
        if referral is not None:
            data["to"] = referral.value
        data["reason"] = why
        await _record(uow, viewer, report, "status_changed", data, now)
        change = StaffStatusChange(
            report.reference, target.value, referral.value if referral else None
        )
        holder = await holder_of(uow, report)
        if holder is not None:
            to = to_worker(holder, f"staff-status:{report.reference}:{target.value}")
            await queue(uow, report, deps.messages.staff_status_change(to, change), now)
        return DONE

    return await run_staff_action(deps, viewer, reference, "change_status", body)


async def _milestones(
    uow: UnitOfWork, deps: TriageDeps, report: Report, target: CaseStatus, now: datetime
) -> None:
    """What the new status says happened: the case was accepted, the family contacted."""
    assert report.id is not None
    urgency = Urgency(report.urgency)
    if target in ACCEPT_IMPLIED:
        assignment = await active_assignment(uow.session, report.id)
        if assignment is not None and assignment.accepted_at is None:
            assignment.accepted_at = now
        if report.accepted_at is None:
            report.accepted_at = now
            change = on_event(SlaEvent.ACCEPTED, report.reference, urgency, now, deps.rules)
            await deadlines.apply_change(uow.session, report.id, change)
            if report.notify_reporter:
                to = to_reporter(report, f"reporter:{report.reference}:accepted")
                message = deps.messages.reporter_accepted(to, report.reference)
                await queue(uow, report, message, now)
    if target in CONTACT_IMPLIED and report.first_contact_at is None:
        report.first_contact_at = now
        change = on_event(SlaEvent.FIRST_CONTACT, report.reference, urgency, now, deps.rules)
        await deadlines.apply_change(uow.session, report.id, change)


async def _record(
    uow: UnitOfWork,
    viewer: StaffIdentity,
    report: Report,
    kind: str,
    data: dict[str, object],
    now: datetime,
) -> None:
    assert report.id is not None
    await add_event(uow.session, report.id, kind, staff_actor(viewer), data, now)


async def close_by_staff(
    deps: TriageDeps,
    viewer: StaffIdentity,
    reference: str,
    outcome: Outcome,
    reason: str,
    seen_status: str,
) -> StaffResult:
    """Close with an outcome: every timer stops; the reporter (if they asked to be kept
    informed) hears of it and may rate; the holder is told."""
    why = cleaned(reason, REASON_MAX_CHARS)

    async def body(uow: UnitOfWork, report: Report, now: datetime) -> StaffResult:
        refused = _refusal(report, seen_status)
        if refused is not None:
            return refused
        if not may_move(CaseStatus(report.status), CaseStatus.CLOSED):
            return StaffResult(StaffOutcome.NOT_ALLOWED)
        assert report.id is not None
        report.status = CaseStatus.CLOSED.value
        report.closed_at = now
        data: dict[str, object] = {"outcome": outcome.value, "reason": why}
        await _record(uow, viewer, report, "closed", data, now)
        change = on_event(
            SlaEvent.CLOSED, report.reference, Urgency(report.urgency), now, deps.rules
        )
        await deadlines.apply_change(uow.session, report.id, change)
        if report.notify_reporter:
            to = to_reporter(report, f"reporter:{report.reference}:closed")
            await queue(uow, report, deps.messages.reporter_closed(to, report.reference), now)
        holder = await holder_of(uow, report)
        if holder is not None:
            to = to_worker(holder, f"staff-closed:{report.reference}")
            closure = StaffClosure(report.reference, outcome.value)
            await queue(uow, report, deps.messages.staff_closure(to, closure), now)
        return DONE

    return await run_staff_action(deps, viewer, reference, "close", body)
