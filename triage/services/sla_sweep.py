"""The SLA sweep: claims due deadline rows and fires each once, in its own transaction."""

# Firing marks the row fired by compare-and-set on (status, claim token) in the transaction
# that queues its message (outbox dedup key = deadline key) and records the escalation.

from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from sqlmodel import col, select, update
from sqlmodel.ext.asyncio.session import AsyncSession

from triage.domain.routing import RoutingKind, next_escalation
from triage.domain.sla import ACCEPT_KINDS, CONTACT_KINDS, DeadlineKind
from triage.services.case_queries import FINISHED_STATUSES
from triage.services.deps import TriageDeps
from triage.services.events import add_event
from triage.services.outbox import enqueue
from triage.services.roster import declined_by, roster_for
from triage.services.sla_messages import breach_message, reminder_message
from triage.storage.claims import claim_due, new_claim_token
from triage.storage.tables import Assignment, CaseEvent, Deadline, Report, Worker
from triage.storage.uow import UnitOfWorkFactory

log = logging.getLogger(__name__)

LEASE = timedelta(minutes=2)
BATCH = 200
MAX_BATCHES = 50
REMINDER_KINDS = frozenset(
    {DeadlineKind.ACCEPT_REMINDER, DeadlineKind.CONTACT_REMINDER, DeadlineKind.CLOSURE_REMINDER}
)


class Outcome(StrEnum):
    """What happened to one claimed deadline."""

    FIRED = "fired"
    MOOT = "moot"  # the case moved on (accepted, contacted, closed): cancelled, not fired
    DEFERRED = "deferred"  # an earlier step of the same ladder is still pending elsewhere
    LOST = "lost"  # the lease ran out and someone else took it, or it was cancelled meanwhile
    FAILED = "failed"


@dataclass(frozen=True, slots=True)
class SweepResult:
    claimed: int
    outcomes: dict[Outcome, int]

    def count(self, outcome: Outcome) -> int:
        return self.outcomes.get(outcome, 0)


def key_parts(key: str) -> tuple[str, DeadlineKind, int, int]:
    """`LS-…:accept_breach:g1:l2` -> (case ref, kind, generation 1, level 2)."""
    ref, kind, generation, level = key.rsplit(":", 3)
    return ref, DeadlineKind(kind), int(generation.removeprefix("g")), int(level.removeprefix("l"))


async def sweep(
    deps: TriageDeps, owner: str, *, batch: int = BATCH, lease: timedelta = LEASE
) -> SweepResult:
    """Claim due deadlines batch by batch and fire each; returns what happened to them."""
    outcomes: Counter[Outcome] = Counter()
    claimed = 0
    for _ in range(MAX_BATCHES):
        token = new_claim_token(owner)  # one per batch: a claim is found again by its token
        ids = await claim(deps.uow, token, deps.clock(), lease, batch)
        claimed += len(ids)
        for deadline_id in ids:
            outcomes[await fire_one(deps, deadline_id, token)] += 1
        if len(ids) < batch:
            break
    return SweepResult(claimed, dict(outcomes))


async def claim(
    uow_factory: UnitOfWorkFactory, token: str, now: datetime, lease: timedelta, limit: int
) -> list[int]:
    """Take a lease on up to `limit` due pending deadlines, soonest first."""
    async with uow_factory() as uow:
        due = [col(Deadline.status) == "pending", col(Deadline.due_at) <= now]
        ids = await claim_due(
            uow.session, Deadline, due, order_by=Deadline.due_at,
            token=token, now=now, lease=lease, limit=limit,
        )  # fmt: skip
        await uow.commit()
    return ids


async def fire_one(deps: TriageDeps, deadline_id: int, token: str) -> Outcome:
    """Fire one claimed deadline in one transaction; any failure leaves it to a later sweep."""
    async with deps.uow() as uow:
        try:
            outcome = await _fire(uow.session, deps, deadline_id, token)
            if outcome is not Outcome.LOST:
                await uow.commit()
        except Exception as exc:  # one bad row must not hold up the others
            log.error("deadline %s not fired: %s", deadline_id, type(exc).__name__)
            return Outcome.FAILED
    return outcome


async def _fire(session: AsyncSession, deps: TriageDeps, deadline_id: int, token: str) -> Outcome:
    now = deps.clock()
    mine = [col(Deadline.status) == "pending", col(Deadline.claimed_by) == token]
    taken = await session.exec(
        update(Deadline)
        .where(col(Deadline.id) == deadline_id, *mine)
        .values(fired_at=now, status="fired")
    )
    if taken.rowcount != 1:
        return Outcome.LOST
    row = await session.get(Deadline, deadline_id)
    assert row is not None and row.report_id is not None
    if await _earlier_step_pending(session, row):
        row.status, row.fired_at, row.claimed_by, row.claimed_until = "pending", None, None, None
        return Outcome.DEFERRED
    kind = DeadlineKind(row.kind)
    report = await session.get(Report, row.report_id)
    assignment = await active_assignment(session, row.report_id)
    if report is None or is_moot(kind, report, assignment):
        row.status, row.fired_at = "cancelled", None
        return Outcome.MOOT
    if kind in REMINDER_KINDS:
        await _remind(session, deps, row, report, assignment, now)
    else:
        await _escalate(session, deps, row, report, assignment, now)
    return Outcome.FIRED


async def _earlier_step_pending(session: AsyncSession, row: Deadline) -> bool:
    """Escalation steps fire in order: wait while an earlier one of the same kind is pending."""
    earlier = await session.exec(
        select(col(Deadline.id))
        .where(
            col(Deadline.report_id) == row.report_id,
            col(Deadline.kind) == row.kind,
            col(Deadline.status) == "pending",
            col(Deadline.due_at) < row.due_at,
        )
        .limit(1)
    )
    return earlier.first() is not None


async def active_assignment(session: AsyncSession, report_id: int) -> Assignment | None:
    found = await session.exec(
        select(Assignment)
        .where(col(Assignment.report_id) == report_id, col(Assignment.active).is_(True))
        .order_by(col(Assignment.id).desc())
    )
    return found.first()


def is_moot(kind: DeadlineKind, report: Report, assignment: Assignment | None) -> bool:
    """Whether the case has moved past this deadline (checked at fire time, not trusted)."""
    if report.status in FINISHED_STATUSES or report.closed_at is not None:
        return True
    if kind in ACCEPT_KINDS:
        return (
            assignment is None
            or assignment.accepted_at is not None
            or report.first_contact_at is not None
        )
    if kind in CONTACT_KINDS:
        return report.first_contact_at is not None
    return False


async def _remind(
    session: AsyncSession, deps: TriageDeps, row: Deadline, report: Report,
    assignment: Assignment | None, now: datetime,
) -> None:  # fmt: skip
    """Remind whoever holds the case now; the text names the breach time of the same ladder."""
    ref, kind, generation, _ = key_parts(row.key)
    breach = DeadlineKind(kind.value.replace("_reminder", "_breach"))
    found = await session.exec(
        select(col(Deadline.due_at)).where(Deadline.key == f"{ref}:{breach}:g{generation}:l1")
    )
    holder = assignment.worker_id if kind is DeadlineKind.ACCEPT_REMINDER and assignment else None
    chat_id = await _chat_id(session, holder or report.assigned_worker_id)
    if chat_id is None:
        return
    message = reminder_message(
        deps.translator, key=row.key, chat_id=chat_id, kind=kind, report=report,
        due=found.first() or row.due_at, assignment_id=assignment.id if assignment else None,
    )  # fmt: skip
    await enqueue(session, message, now, report_id=report.id)


async def _escalate(
    session: AsyncSession, deps: TriageDeps, row: Deadline, report: Report,
    assignment: Assignment | None, now: datetime,
) -> None:  # fmt: skip
    """One step up (routing.next_escalation): an event on the timeline, a message if someone."""
    assert report.id is not None
    _, kind, _, level = key_parts(row.key)
    held_by = await _holder(session, kind, report, assignment)
    if held_by[0] is RoutingKind.NATIONAL_QUEUE:
        return  # already in the national queue: nobody further up to tell
    region = report.kabkota_code or ""
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
        return
    message = breach_message(
        deps.translator, key=row.key, chat_id=chat_id, kind=kind, report=report,
        place=deps.regions.name(region) or "-", due=row.due_at,
        assignment_id=assignment.id if assignment else None,
    )  # fmt: skip
    await enqueue(session, message, now, report_id=report.id)


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
    worker = await session.get(Worker, worker_id) if worker_id is not None else None
    return worker.telegram_user_id if worker is not None else None
