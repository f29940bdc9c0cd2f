"""Records a routing decision (the assignment row, the case's holder and a "routed" event), and
builds the message the new assignee gets."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlmodel.ext.asyncio.session import AsyncSession

from triage.domain.case import routed_status
from triage.domain.model import Reason, Urgency
from triage.domain.routing import RoutingDecision
from triage.domain.timezones import local_zone_code
from triage.services.cases.facts import case_place
from triage.services.common.deps import TriageDeps
from triage.services.common.events import add_event
from triage.services.outbox.notices import NewCase
from triage.services.outbox.port import Envelope, OutgoingMessage
from triage.storage.tables import Assignment, Report, Worker

EXPLANATION_MAX_CHARS = 500


async def record_assignment(
    session: AsyncSession, report: Report, decision: RoutingDecision, now: datetime
) -> Assignment:
    """Used for the first routing and for every re-routing (decline, escalation)."""
    assert report.id is not None
    assignment = Assignment(
        report_id=report.id,
        worker_id=decision.worker_id,
        kind=decision.kind.value,
        reason_code=decision.reason_code,
        explanation=decision.explanation[:EXPLANATION_MAX_CHARS],
        created_at=now,
    )
    session.add(assignment)
    report.assigned_worker_id = decision.worker_id
    report.status = routed_status(decision.worker_id)
    if decision.worker_id is not None:
        worker = await session.get(Worker, decision.worker_id)
        if worker is not None:
            worker.last_assigned_at = now
    await session.flush()
    data = {
        "kind": decision.kind.value,
        "worker_id": decision.worker_id,
        "reason": decision.reason_code,
        "explanation": decision.explanation,
        "assignment_id": assignment.id,
    }
    await add_event(session, report.id, "routed", "system", data, now)
    return assignment


def new_case_notice(
    deps: TriageDeps,
    report: Report,
    assignment_id: int,
    worker: Worker,
    reasons: Sequence[Reason],
    now: datetime,
    duplicate_of: str | None = None,
) -> NewCase:
    """What a new assignee is told about the case, whoever assigned it."""
    return NewCase(
        assignment_id=assignment_id,
        reference=report.reference,
        urgency=report.urgency,
        place=case_place(deps, report),
        categories=tuple(report.categories),
        story=report.description,
        reasons=tuple(reasons),
        accept_due=now + deps.rules.sla[Urgency(report.urgency)].accept,
        zone_code=local_zone_code(worker.region_codes, report.kabkota_code),
        duplicate_of=duplicate_of,
    )


def assignment_message(
    deps: TriageDeps,
    report: Report,
    assignment_id: int,
    worker: Worker,
    reasons: Sequence[Reason],
    now: datetime,
    duplicate_of: str | None = None,
) -> OutgoingMessage:
    """What the new assignee (a worker or a supervisor) gets, once per assignment."""
    assert worker.telegram_user_id is not None
    case = new_case_notice(deps, report, assignment_id, worker, reasons, now, duplicate_of)
    to = Envelope(f"assign:{assignment_id}", worker.telegram_user_id)
    return deps.messages.new_case(to, case)
