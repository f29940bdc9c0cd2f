"""What a fired SLA deadline sends, and to whom: a reminder, or an escalation one step up.

Imports the domain, storage tables and the roster/events/outbox services. Nothing is queued
here: the sweep queues the returned message in its transaction (`sla_sweep._fire`).
"""

from __future__ import annotations

from datetime import datetime

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from triage.domain.routing import RoutingKind, next_escalation
from triage.domain.sla import DeadlineKey, DeadlineKind
from triage.services.common.deps import TriageDeps
from triage.services.common.events import add_event
from triage.services.outbox.notices import DeadlineBreach, DeadlineReminder
from triage.services.outbox.port import Envelope, OutgoingMessage
from triage.services.workers.roster import Rosters, declined_by, roster_for
from triage.storage.tables import Assignment, CaseEvent, Deadline, Report, Worker


async def remind(
    session: AsyncSession, deps: TriageDeps, row: Deadline, report: Report,
    assignment: Assignment | None,
) -> OutgoingMessage | None:  # fmt: skip
    """Remind whoever holds the case now; the text names the breach time of the same ladder."""
    key = DeadlineKey.parse(row.key)
    kind = key.kind
    breach = key.first_breach().format()
    found = await session.exec(select(col(Deadline.due_at)).where(Deadline.key == breach))
    holder = assignment.worker_id if kind is DeadlineKind.ACCEPT_REMINDER and assignment else None
    chat_id = await _chat_id(session, holder or report.assigned_worker_id)
    if chat_id is None:
        return None
    reminder = DeadlineReminder(
        kind, report.reference, report.urgency, report.kabkota_code,
        due=found.first() or row.due_at, assignment_id=assignment.id if assignment else None,
    )  # fmt: skip
    return deps.messages.deadline_reminder(Envelope(row.key, chat_id), reminder)


async def escalate(
    session: AsyncSession, deps: TriageDeps, row: Deadline, report: Report,
    assignment: Assignment | None, now: datetime, rosters: Rosters | None = None,
) -> OutgoingMessage | None:  # fmt: skip
    """One step up (routing.next_escalation): an event on the timeline, a message if someone.

    `rosters`, read once for a batch of deadlines, saves reading the region's roster here.
    """
    assert report.id is not None
    key = DeadlineKey.parse(row.key)
    kind, level = key.kind, key.level
    held_by = await _holder(session, kind, report, assignment)
    if held_by[0] is RoutingKind.NATIONAL_QUEUE:
        return None  # already in the national queue: nobody further up to tell
    region = report.kabkota_code or ""
    if rosters is not None and region in rosters.codes:
        roster = rosters.covering(region)
    else:
        roster = await roster_for(session, region)
    declined = await declined_by(session, report.id)
    decision = next_escalation(region, *held_by, roster, declined, now, deps.rules)
    data = {
        "ladder": kind.value.removesuffix("_breach"), "level": level, "deadline": row.key,
        "assignment_id": assignment.id if assignment else None, "from": held_by[0].value,
        "to": decision.kind.value, "worker_id": decision.worker_id,
        "reason": decision.reason_code, "explanation": decision.explanation,
    }  # fmt: skip
    await add_event(session, report.id, "escalated", "system", data, now)
    chat_id = await _chat_id(session, decision.worker_id)
    if chat_id is None:
        return None
    breach = DeadlineBreach(
        kind, report.reference, report.urgency, place=deps.regions.name(region) or "-",
        categories=tuple(report.categories), story=report.description,
        region_code=report.kabkota_code, received_at=report.received_at, due=row.due_at,
        assignment_id=assignment.id if assignment else None,
    )  # fmt: skip
    return deps.messages.deadline_breach(Envelope(row.key, chat_id), breach)


async def _holder(
    session: AsyncSession, kind: DeadlineKind, report: Report, assignment: Assignment | None
) -> tuple[RoutingKind, int | None]:
    """Who failed to act: the last accept escalation's target, else the assignee."""
    if kind is not DeadlineKind.ACCEPT_BREACH:
        worker = report.assigned_worker_id
        return (RoutingKind.ASSIGNED, worker) if worker else (RoutingKind.NATIONAL_QUEUE, None)
    assert assignment is not None  # is_moot refuses accept deadlines without one
    events = await session.exec(
        select(CaseEvent)
        .where(col(CaseEvent.report_id) == report.id, col(CaseEvent.kind) == "escalated")
        .order_by(col(CaseEvent.id).desc())
    )
    for event in events:
        data = event.data
        if data.get("ladder") == "accept" and data.get("assignment_id") == assignment.id:
            return RoutingKind(data["to"]), data.get("worker_id")
    return RoutingKind(assignment.kind), assignment.worker_id


async def _chat_id(session: AsyncSession, worker_id: int | None) -> int | None:
    if worker_id is None:
        return None
    found = await session.exec(
        select(col(Worker.telegram_user_id)).where(col(Worker.id) == worker_id)
    )
    return found.first()
