"""Declining a case: the assignment ends with a reason and routing picks the next person."""

from __future__ import annotations

from datetime import datetime

from triage.domain.case import DeclineReason
from triage.domain.model import Urgency
from triage.domain.routing import RoutingDecision, route
from triage.domain.sla import CaseEvent as SlaEvent
from triage.domain.sla import on_event
from triage.services.cases.accept import Acting, ActionResult, ActionStatus, run_action
from triage.services.cases.assign import assignment_message, record_assignment
from triage.services.cases.facts import assessment_reasons
from triage.services.common.deps import TriageDeps
from triage.services.common.events import add_event
from triage.services.outbox.queue import enqueue
from triage.services.sla import deadlines
from triage.services.sla.override import next_generation
from triage.services.workers.roster import declined_by, roster_for
from triage.storage.tables import Assignment, Report, Worker
from triage.storage.uow import UnitOfWork

OTHER_TEXT_CHARS = 480


async def decline_case(
    deps: TriageDeps, telegram_user_id: int, assignment_id: int, reason: str
) -> ActionResult:
    """Decline with a DeclineReason (OTHER with a typed text goes via worker_input)."""
    declined_for = DeclineReason(reason)  # ValueError for a reason the bot never offers

    async def body(uow: UnitOfWork, acting: Acting, now: datetime) -> ActionResult:
        return await decline_in(uow, deps, acting, now, declined_for)

    return await run_action(deps, telegram_user_id, assignment_id, "decline", body)


async def decline_in(
    uow: UnitOfWork,
    deps: TriageDeps,
    acting: Acting,
    now: datetime,
    reason: DeclineReason,
    text: str | None = None,
) -> ActionResult:
    """End the assignment and pass the case on, inside the caller's unit of work."""
    assignment = acting.assignment
    if assignment.accepted_at is not None:
        return acting.result(ActionStatus.ALREADY_ACCEPTED)
    assignment.active, assignment.declined_at = False, now
    typed = " ".join((text or "").split())[:OTHER_TEXT_CHARS]
    assignment.decline_reason = f"{reason.value}: {typed}" if typed else reason.value
    data: dict[str, object] = {"assignment_id": assignment.id, "reason": reason.value}
    if typed:
        data["text"] = typed
    await add_event(uow.session, acting.report_id, "declined", acting.actor, data, now)
    await uow.session.flush()
    decision = await _decide(uow, deps, acting, now)
    new = await record_assignment(uow.session, acting.report, decision, now)
    await _restart_timers(uow, deps, acting.report, now)
    await _notify(uow, deps, acting.report, new, now)
    return acting.result(detail=decision.kind.value)


async def _decide(
    uow: UnitOfWork, deps: TriageDeps, acting: Acting, now: datetime
) -> RoutingDecision:
    """Route again, leaving out everyone who ever declined this case (and the decliner)."""
    report = acting.report
    refused = await declined_by(uow.session, acting.report_id)
    refused |= {w for w in (acting.assignment.worker_id, acting.worker.id) if w is not None}
    region = report.kabkota_code or ""
    roster = await roster_for(uow.session, region)
    return route(region, Urgency(report.urgency), roster, refused, now, deps.rules)


async def _restart_timers(uow: UnitOfWork, deps: TriageDeps, report: Report, now: datetime) -> None:
    """New accept timers under a generation no earlier deadline of the case used."""
    assert report.id is not None
    generation = await next_generation(uow.session, report.id)
    urgency = Urgency(report.urgency)
    change = on_event(SlaEvent.REASSIGNED, report.reference, urgency, now, deps.rules, generation)
    await deadlines.apply_change(uow.session, report.id, change)


async def _notify(
    uow: UnitOfWork, deps: TriageDeps, report: Report, assignment: Assignment, now: datetime
) -> None:
    """The new assignee gets the assignment message (a supervisor as well as a worker)."""
    worker = await uow.session.get(Worker, assignment.worker_id) if assignment.worker_id else None
    if worker is None or worker.telegram_user_id is None or assignment.id is None:
        return
    assert report.id is not None
    reasons = await assessment_reasons(uow.session, report.id)
    message = assignment_message(deps, report, assignment.id, worker, reasons, now)
    await enqueue(uow.session, message, now, report_id=report.id)
