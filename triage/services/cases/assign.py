"""Records a routing decision: the assignment row, the case's holder and a "routed" event."""

from __future__ import annotations

from datetime import datetime

from sqlmodel.ext.asyncio.session import AsyncSession

from triage.domain.case import routed_status
from triage.domain.routing import RoutingDecision
from triage.services.common.events import add_event
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
