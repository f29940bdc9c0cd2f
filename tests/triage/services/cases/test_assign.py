"""Recording a routing decision: the assignment row, the case's holder and status, the worker's
last assignment time and a "routed" event."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlmodel import col, select

from triage.domain.routing import RoutingDecision, RoutingKind
from triage.services.cases.assign import EXPLANATION_MAX_CHARS, record_assignment
from triage.storage.tables import Assignment, CaseEvent, Report, Worker
from triage.storage.uow import UnitOfWorkFactory

T0 = datetime(2026, 11, 23, 3, 0, tzinfo=UTC)
LATER = T0 + timedelta(minutes=5)


async def test_a_decision_becomes_the_assignment_and_the_case_holder(
    uow_factory: UnitOfWorkFactory,
) -> None:
    long_why = "assigned to worker: " + "x" * 600
    async with uow_factory() as uow:
        sari = Worker(name="Sari", region_codes=["31.74"], created_at=T0, updated_at=T0)
        case = Report(reference="LS-AAAA-0000", received_at=T0, reporter_chat_id=9001,
                      urgency="TINGGI", kabkota_code="31.74")  # fmt: skip
        uow.session.add_all([sari, case])
        await uow.session.flush()
        assert sari.id and case.id
        to_sari = RoutingDecision(RoutingKind.ASSIGNED, sari.id, "route.assigned", long_why, 1)
        first = await record_assignment(uow.session, case, to_sari, T0)
        assert (case.assigned_worker_id, case.status) == (sari.id, "assigned")
        first.active = False  # as a decline does before routing again
        national = RoutingDecision(RoutingKind.NATIONAL_QUEUE, None, "route.national", "why", 0)
        second = await record_assignment(uow.session, case, national, LATER)
        await uow.commit()
    async with uow_factory() as uow:
        assignments = await uow.session.exec(select(Assignment).order_by(col(Assignment.id)))
        events = (await uow.session.exec(select(CaseEvent).order_by(col(CaseEvent.id)))).all()
        stored, worker = await uow.session.get(Report, case.id), await uow.session.get(
            Worker, sari.id)  # fmt: skip
    assert [(a.id, a.worker_id, a.kind, a.reason_code, a.created_at, a.active)
            for a in assignments] == [
        (first.id, sari.id, "assigned", "route.assigned", T0, False),
        (second.id, None, "national_queue", "route.national", LATER, True),
    ]  # fmt: skip
    assert first.explanation == long_why[:EXPLANATION_MAX_CHARS]
    assert stored is not None and worker is not None
    assert (stored.assigned_worker_id, stored.status, stored.last_event_at) == (None, "new", LATER)
    assert worker.last_assigned_at == T0
    assert [(e.kind, e.actor, e.at, e.data) for e in events] == [
        ("routed", "system", T0, {"kind": "assigned", "worker_id": sari.id,
         "reason": "route.assigned", "explanation": long_why, "assignment_id": first.id}),
        ("routed", "system", LATER, {"kind": "national_queue", "worker_id": None,
         "reason": "route.national", "explanation": "why", "assignment_id": second.id}),
    ]  # fmt: skip
