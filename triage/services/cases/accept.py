"""What workers do to a case from Telegram: the checks every action shares, and accepting.

Every action is checked against the database: only the assigned worker, or a supervisor over
the case's region, may act. Imports storage and the other services.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from sqlmodel import col, select

from triage.domain import case as lifecycle
from triage.domain.case import CaseStatus
from triage.domain.model import Urgency
from triage.domain.sla import CaseEvent as SlaEvent
from triage.domain.sla import on_event
from triage.services.common.deps import TriageDeps
from triage.services.common.events import add_event, audit
from triage.services.outbox.port import Envelope
from triage.services.outbox.queue import enqueue
from triage.services.sla import deadlines
from triage.storage.tables import Assignment, Report, Worker
from triage.storage.uow import UnitOfWork


class ActionStatus(StrEnum):
    DONE = "done"
    ALREADY_DONE = "already_done"
    NOT_YOURS = "not_yours"
    GONE = "gone"  # the assignment was passed on
    CLOSED = "closed"
    NOT_ACCEPTED = "not_accepted"  # accept the case first
    ALREADY_ACCEPTED = "already_accepted"  # too late to decline
    NOBODY = "nobody"  # no supervisor to ask
    ACCESS_ENDED = "access_ended"  # the account's worker was deactivated or unbound


@dataclass(frozen=True, slots=True)
class ActionResult:
    status: ActionStatus
    reference: str | None = None
    urgency: str | None = None
    place_code: str | None = None
    detail: str = ""  # what happened, as a code: a routing kind, an outcome, a count
    message_id: int | None = None  # the Telegram message a typed input belongs to


@dataclass(slots=True)
class Acting:
    """A worker allowed to act on an assignment, with the rows locked for this transaction."""

    worker: Worker
    assignment: Assignment
    report: Report

    @property
    def actor(self) -> str:
        return f"worker:{self.worker.id}"

    @property
    def report_id(self) -> int:
        assert self.report.id is not None
        return self.report.id

    def result(
        self,
        status: ActionStatus = ActionStatus.DONE,
        detail: str = "",
        message_id: int | None = None,
    ) -> ActionResult:
        report = self.report
        return ActionResult(
            status, report.reference, report.urgency, report.kabkota_code, detail, message_id
        )


Body = Callable[[UnitOfWork, Acting, datetime], Awaitable[ActionResult]]


def may_act(worker: Worker, assignment: Assignment, report: Report) -> bool:
    """The domain's rule (assignee, or supervisor over the region) on these rows."""
    return lifecycle.may_act(
        worker.id,
        worker.role,
        worker.region_codes,
        assignee_id=assignment.worker_id,
        case_region=report.kabkota_code,
    )


async def find_worker(uow: UnitOfWork, telegram_user_id: int) -> Worker | None:
    """The active worker bound to this account; asked on every action, so a deactivated
    worker's buttons and commands stop working at once."""
    found = await uow.session.exec(
        select(Worker).where(
            col(Worker.telegram_user_id) == telegram_user_id, col(Worker.active).is_(True)
        )
    )
    return found.first()


def advance(report: Report, status: CaseStatus) -> None:
    """Move the report's status forward to `status`, never back (lifecycle.advanced)."""
    report.status = lifecycle.advanced(CaseStatus(report.status), status)


async def load_action(
    uow: UnitOfWork, telegram_user_id: int, assignment_id: int, now: datetime, action: str
) -> Acting | ActionResult:
    """The worker, assignment and report if this person may act now; else the refusal."""
    await uow.lock_for_write()  # SQLite: serialised from here (it has no row locks)
    worker = await find_worker(uow, telegram_user_id)
    session = uow.session
    assignment = await session.get(
        Assignment, assignment_id, with_for_update=True, populate_existing=True
    )
    report = None
    if assignment is not None:
        report = await session.get(
            Report, assignment.report_id, with_for_update=True, populate_existing=True
        )
    allowed = worker and assignment and report and may_act(worker, assignment, report)
    if worker is None or assignment is None or report is None or not allowed:
        refuse(uow, telegram_user_id, now, action, assignment_id, report)
        return ActionResult(ActionStatus.NOT_YOURS)
    stale = lifecycle.stale_action(CaseStatus(report.status), assignment.active)
    if stale is not None:  # a replayed or outdated button: refused, audited, harmless
        refuse(uow, telegram_user_id, now, action, assignment_id, report, stale.value)
        return ActionResult(ActionStatus(stale.value), report.reference)
    return Acting(worker, assignment, report)


def refuse(
    uow: UnitOfWork,
    telegram_user_id: int,
    now: datetime,
    action: str,
    assignment_id: int | None,
    report: Report | None = None,
    why: str = "not_yours",
) -> None:
    """An audit line for an attempt the database does not allow (ids only)."""
    audit(
        uow.session,
        f"telegram:{telegram_user_id}",
        "refused_action",
        now,
        report.id if report else None,
        attempted=action,
        assignment_id=assignment_id,
        why=why,
    )


async def refuse_malformed(deps: TriageDeps, telegram_user_id: int) -> None:
    """Record a button press whose data the bot never made (forged or from an old version)."""
    async with deps.uow() as uow:
        refuse(uow, telegram_user_id, deps.clock(), "malformed", None, why="malformed")
        await uow.commit()


async def run_action(
    deps: TriageDeps, telegram_user_id: int, assignment_id: int, action: str, body: Body
) -> ActionResult:
    """Check, then run `body` and commit its changes, events and outbox rows together."""
    now = deps.clock()
    async with deps.uow() as uow:
        loaded = await load_action(uow, telegram_user_id, assignment_id, now, action)
        result = loaded if isinstance(loaded, ActionResult) else await body(uow, loaded, now)
        await uow.commit()
    return result


async def accept_case(deps: TriageDeps, telegram_user_id: int, assignment_id: int) -> ActionResult:
    """Record that the assigned worker takes the case; stops the accept timers."""

    async def body(uow: UnitOfWork, acting: Acting, now: datetime) -> ActionResult:
        if acting.assignment.accepted_at is not None:
            return acting.result(ActionStatus.ALREADY_DONE)
        await _accept(uow, deps, acting, now)
        return acting.result()

    return await run_action(deps, telegram_user_id, assignment_id, "accept", body)


async def _accept(uow: UnitOfWork, deps: TriageDeps, acting: Acting, now: datetime) -> None:
    worker, assignment, report = acting.worker, acting.assignment, acting.report
    assignment.accepted_at = now
    report.accepted_at = report.accepted_at or now
    advance(report, CaseStatus.ACCEPTED)
    if report.assigned_worker_id is None or (
        worker.role == "supervisor" and assignment.worker_id != worker.id
    ):
        report.assigned_worker_id = worker.id
    data = {"assignment_id": assignment.id}
    await add_event(uow.session, acting.report_id, "accepted", acting.actor, data, now)
    change = on_event(SlaEvent.ACCEPTED, report.reference, Urgency(report.urgency), now, deps.rules)
    await deadlines.apply_change(uow.session, acting.report_id, change)
    if report.notify_reporter:
        to = Envelope(
            f"reporter:{report.reference}:accepted", report.reporter_chat_id, report.language
        )
        message = deps.messages.reporter_accepted(to, report.reference)
        await enqueue(uow.session, message, now, report_id=acting.report_id)
