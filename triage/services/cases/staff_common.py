"""What every staff action on the case page shares: the case found in the viewer's regions and
locked for the transaction, the actor, the holder's chat, texts cleaned, and one result type.

Each action runs in one unit of work: the change, its timeline event (who, when, why), its
audit line and its outbox messages commit together; a refusal changes nothing but is audited.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from sqlmodel import col, select

from triage.services.cases.queries import region_scope
from triage.services.common.deps import TriageDeps
from triage.services.common.events import audit
from triage.services.outbox.port import Envelope, OutgoingMessage
from triage.services.outbox.queue import enqueue
from triage.services.staff.accounts import StaffIdentity
from triage.storage.tables import Report, Worker
from triage.storage.uow import UnitOfWork

REASON_MAX_CHARS = 500
NOTE_MAX_CHARS = 2000
MESSAGE_MAX_CHARS = 1000


class StaffOutcome(StrEnum):
    """How a staff action ended; anything but DONE changed nothing."""

    DONE = "done"
    NOT_FOUND = "not_found"  # unknown, or outside the viewer's regions (the same answer)
    CLOSED = "closed"  # the case is closed: it can no longer be moved on
    STALE = "stale"  # the case changed since the page was shown
    NOT_ALLOWED = "not_allowed"  # a status the domain does not allow from here
    SAME_HOLDER = "same_holder"  # the chosen worker already holds the case
    UNKNOWN_WORKER = "unknown_worker"  # no such worker reachable by this viewer
    NO_HOLDER = "no_holder"  # nobody holds the case (or they have no Telegram)
    UNKNOWN_CASE = "unknown_case"  # the other case is unknown or outside the viewer's regions
    SAME_CASE = "same_case"  # a case cannot duplicate itself
    CYCLE = "cycle"  # the other case is already marked as a duplicate of this one
    ALREADY = "already"  # already marked as a duplicate of that case
    NOT_MARKED = "not_marked"  # not marked as a duplicate
    NOT_INFORMED = "not_informed"  # the reporter did not ask to be kept informed
    ANONYMISED = "anonymised"  # retention removed its details: nothing is added or changed


@dataclass(frozen=True, slots=True)
class StaffResult:
    outcome: StaffOutcome
    detail: str = ""  # a code or a reference the page may show (a status, the other case)

    @property
    def done(self) -> bool:
        return self.outcome is StaffOutcome.DONE


DONE = StaffResult(StaffOutcome.DONE)
Body = Callable[[UnitOfWork, Report, datetime], Awaitable[StaffResult]]


def staff_actor(viewer: StaffIdentity) -> str:
    return f"staff:{viewer.username}"


def cleaned(text: str, limit: int) -> str:
    """Typed text with Windows line ends made plain and outer blanks dropped.

    Raises ValueError when nothing is left or it is too long: the view checks both first.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    if not text or len(text) > limit:
        raise ValueError(f"a staff text must be 1 to {limit} characters")
    return text


async def scoped_case(
    uow: UnitOfWork,
    viewer: StaffIdentity,
    reference: str,
    action: str,
    now: datetime,
    *,
    lock: bool = True,
) -> Report | None:
    """The case if the viewer may act on it (locked for this transaction); else None.

    A case that exists outside the viewer's regions gets an audit line, as on the case page.
    """
    same = col(Report.reference) == reference
    query = select(Report).where(same, region_scope(viewer))
    if lock:
        await uow.lock_for_write()  # SQLite: serialised from here (it has no row locks)
        query = query.with_for_update()
    report = (await uow.session.exec(query)).first()
    if report is None:
        hidden = (await uow.session.exec(select(col(Report.id)).where(same))).first()
        if hidden is not None:
            audit(
                uow.session, viewer.username, f"{action}_refused", now, hidden, staff_id=viewer.id
            )
    return report


async def run_staff_action(
    deps: TriageDeps, viewer: StaffIdentity, reference: str, action: str, body: Body
) -> StaffResult:
    """Find and lock the case, run `body`; commit its work, or roll back and audit a refusal."""
    now = deps.clock()
    async with deps.uow() as uow:
        report = await scoped_case(uow, viewer, reference, action, now)
        if report is None or report.id is None:
            await uow.commit()  # the refusal's audit line, if the case exists elsewhere
            return StaffResult(StaffOutcome.NOT_FOUND)
        report_id = report.id
        if report.anonymised_at is not None:
            result = StaffResult(StaffOutcome.ANONYMISED)
        else:
            result = await body(uow, report, now)
        if not result.done:
            await uow.session.rollback()
        actor = staff_actor(viewer)
        audit(uow.session, actor, action, now, report_id, outcome=result.outcome.value)
        await uow.commit()
    return result


async def holder_of(uow: UnitOfWork, report: Report) -> Worker | None:
    """Whoever holds the case and can be written to in Telegram."""
    if report.assigned_worker_id is None:
        return None
    worker = await uow.session.get(Worker, report.assigned_worker_id)
    return worker if worker is not None and worker.telegram_user_id is not None else None


def to_worker(worker: Worker, key: str) -> Envelope:
    """A message to a worker (workers and supervisors read Indonesian)."""
    assert worker.telegram_user_id is not None
    return Envelope(key, worker.telegram_user_id)


def to_reporter(report: Report, key: str) -> Envelope:
    return Envelope(key, report.reporter_chat_id, report.language)


async def queue(uow: UnitOfWork, report: Report, message: OutgoingMessage, now: datetime) -> None:
    await enqueue(uow.session, message, now, report_id=report.id)
