"""What workers do to a case from Telegram. Every action is checked against the database:
only the assigned worker, or a supervisor over the case's region, may act."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from sqlmodel import col, select

from triage.domain.model import Urgency
from triage.domain.sla import CaseEvent as SlaEvent
from triage.domain.sla import on_event
from triage.services import deadlines
from triage.services.deps import TriageDeps
from triage.services.events import add_event, audit
from triage.services.notifications import REPORTER_ACCEPTED, reporter_update_message
from triage.services.outbox import enqueue
from triage.storage.tables import Assignment, Report, Worker
from triage.storage.uow import UnitOfWork


class ActionStatus(StrEnum):
    DONE = "done"
    ALREADY_DONE = "already_done"
    NOT_YOURS = "not_yours"
    GONE = "gone"


@dataclass(frozen=True, slots=True)
class ActionResult:
    status: ActionStatus
    reference: str | None = None
    urgency: str | None = None
    place_code: str | None = None


def _covers(codes: list[str], kabkota_code: str | None) -> bool:
    if kabkota_code is None:
        return False
    return kabkota_code in codes or kabkota_code.split(".", 1)[0] in codes


async def _actor(uow: UnitOfWork, telegram_user_id: int) -> Worker | None:
    found = await uow.session.exec(
        select(Worker).where(col(Worker.telegram_user_id) == telegram_user_id)
    )
    return found.first()


def may_act(worker: Worker, assignment: Assignment, report: Report) -> bool:
    if assignment.worker_id == worker.id:
        return True
    return worker.role == "supervisor" and _covers(worker.region_codes, report.kabkota_code)


async def accept_case(deps: TriageDeps, telegram_user_id: int, assignment_id: int) -> ActionResult:
    """Record that the assigned worker takes the case; stops the accept timers."""
    now = deps.clock()
    async with deps.uow() as uow:
        loaded = await _load(uow, telegram_user_id, assignment_id, now, "accept")
        if isinstance(loaded, ActionResult):
            await uow.commit()
            return loaded
        worker, assignment, report = loaded
        result = ActionResult(
            ActionStatus.DONE, report.reference, report.urgency, report.kabkota_code
        )
        if assignment.accepted_at is not None:
            return ActionResult(
                ActionStatus.ALREADY_DONE, report.reference, report.urgency, report.kabkota_code
            )
        await _accept(uow, deps, worker, assignment, report, now)
        await uow.commit()
    return result


async def _load(
    uow: UnitOfWork, telegram_user_id: int, assignment_id: int, now: datetime, action: str
) -> tuple[Worker, Assignment, Report] | ActionResult:
    worker = await _actor(uow, telegram_user_id)
    assignment = await uow.session.get(Assignment, assignment_id)
    report = await uow.session.get(Report, assignment.report_id) if assignment else None
    if (
        worker is None
        or assignment is None
        or report is None
        or not may_act(worker, assignment, report)
    ):
        audit(
            uow.session,
            f"telegram:{telegram_user_id}",
            "refused_action",
            now,
            report.id if report else None,
            attempted=action,
            assignment_id=assignment_id,
        )
        return ActionResult(ActionStatus.NOT_YOURS)
    if not assignment.active or report.status == "closed":
        return ActionResult(ActionStatus.GONE, report.reference)
    return worker, assignment, report


async def _accept(
    uow: UnitOfWork,
    deps: TriageDeps,
    worker: Worker,
    assignment: Assignment,
    report: Report,
    now: datetime,
) -> None:
    assert report.id is not None
    assignment.accepted_at = now
    report.status, report.accepted_at = "accepted", now
    if report.assigned_worker_id is None or (
        worker.role == "supervisor" and assignment.worker_id != worker.id
    ):
        report.assigned_worker_id = worker.id
    await add_event(
        uow.session,
        report.id,
        "accepted",
        f"worker:{worker.id}",
        {"assignment_id": assignment.id},
        now,
    )
    change = on_event(SlaEvent.ACCEPTED, report.reference, Urgency(report.urgency), now, deps.rules)
    await deadlines.apply_change(uow.session, report.id, change)
    if report.notify_reporter:
        message = reporter_update_message(
            deps.translator, report=report, event="accepted", msgid=REPORTER_ACCEPTED
        )
        await enqueue(uow.session, message, now, report_id=report.id)
