"""A case's progress after acceptance: contacted, visited, closed. One event each (referrals to
the directory's services: triage/services/referrals/actions.py)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlmodel import col, select

from triage.domain.case import CaseStatus, Outcome
from triage.domain.model import Urgency
from triage.domain.sla import CaseEvent as SlaEvent
from triage.domain.sla import on_event
from triage.services.cases.accept import (
    Acting,
    ActionResult,
    ActionStatus,
    Body,
    advance,
    run_action,
)
from triage.services.common.deps import TriageDeps
from triage.services.common.events import add_event
from triage.services.outbox.port import Envelope
from triage.services.outbox.queue import enqueue
from triage.services.sla import deadlines
from triage.storage.tables import CaseEvent
from triage.storage.uow import UnitOfWork


async def _progress(
    deps: TriageDeps, telegram_user_id: int, assignment_id: int, action: str, body: Body
) -> ActionResult:
    """Like run_action, for actions that need the case accepted first."""

    async def checked(uow: UnitOfWork, acting: Acting, now: datetime) -> ActionResult:
        if acting.assignment.accepted_at is None:
            return acting.result(ActionStatus.NOT_ACCEPTED)
        return await body(uow, acting, now)

    return await run_action(deps, telegram_user_id, assignment_id, action, checked)


async def _events(uow: UnitOfWork, report_id: int, kind: str) -> list[dict[str, Any]]:
    query = select(CaseEvent).where(col(CaseEvent.report_id) == report_id, CaseEvent.kind == kind)
    return [event.data for event in (await uow.session.exec(query)).all()]


async def _first_contact(uow: UnitOfWork, deps: TriageDeps, acting: Acting, now: datetime) -> None:
    """The first contact with the family stops the contact timers; later ones change nothing."""
    report = acting.report
    if report.first_contact_at is not None:
        return
    report.first_contact_at = now
    urgency = Urgency(report.urgency)
    change = on_event(SlaEvent.FIRST_CONTACT, report.reference, urgency, now, deps.rules)
    await deadlines.apply_change(uow.session, acting.report_id, change)


async def mark_contacted(
    deps: TriageDeps, telegram_user_id: int, assignment_id: int
) -> ActionResult:
    """The worker reached the child, the family or the reporter for the first time."""

    async def body(uow: UnitOfWork, acting: Acting, now: datetime) -> ActionResult:
        if acting.report.first_contact_at is not None:
            return acting.result(ActionStatus.ALREADY_DONE)
        await _first_contact(uow, deps, acting, now)
        advance(acting.report, CaseStatus.CONTACTED)
        data = {"assignment_id": acting.assignment.id}
        await add_event(uow.session, acting.report_id, "contacted", acting.actor, data, now)
        return acting.result()

    return await _progress(deps, telegram_user_id, assignment_id, "contacted", body)


async def mark_visited(deps: TriageDeps, telegram_user_id: int, assignment_id: int) -> ActionResult:
    """A home visit or assessment took place (which counts as a first contact too)."""

    async def body(uow: UnitOfWork, acting: Acting, now: datetime) -> ActionResult:
        if await _events(uow, acting.report_id, "visited"):
            return acting.result(ActionStatus.ALREADY_DONE)
        await _first_contact(uow, deps, acting, now)
        advance(acting.report, CaseStatus.VISITED)
        data = {"assignment_id": acting.assignment.id}
        await add_event(uow.session, acting.report_id, "visited", acting.actor, data, now)
        return acting.result()

    return await _progress(deps, telegram_user_id, assignment_id, "visited", body)


async def close_case(
    deps: TriageDeps, telegram_user_id: int, assignment_id: int, outcome: str
) -> ActionResult:
    """Close with an outcome: every timer stops; the reporter hears of it and is asked to rate."""
    closed_as = Outcome(outcome)  # ValueError for an outcome the bot never offers

    async def body(uow: UnitOfWork, acting: Acting, now: datetime) -> ActionResult:
        report = acting.report
        advance(report, CaseStatus.CLOSED)
        report.closed_at = now
        data = {"assignment_id": acting.assignment.id, "outcome": closed_as.value}
        await add_event(uow.session, acting.report_id, "closed", acting.actor, data, now)
        urgency = Urgency(report.urgency)
        change = on_event(SlaEvent.CLOSED, report.reference, urgency, now, deps.rules)
        await deadlines.apply_change(uow.session, acting.report_id, change)
        if report.notify_reporter:
            key = f"reporter:{report.reference}:closed"
            to = Envelope(key, report.reporter_chat_id, report.language)
            message = deps.messages.reporter_closed(to, report.reference)
            await enqueue(uow.session, message, now, report_id=acting.report_id)
        return acting.result(detail=closed_as)

    return await _progress(deps, telegram_user_id, assignment_id, "close", body)
