"""The SLA sweep: claims due deadline rows and fires each once, a few to a transaction.

What a fired row sends is built in `triage.services.sla.escalate`; it is queued here.
"""

# Firing marks the row fired by compare-and-set on (status, claim token, no earlier step of
# its ladder pending) in the transaction that queues its message (outbox dedup key =
# deadline key) and records the escalation.
# Up to FIRE_CHUNK claimed rows are fired in one transaction: on PostgreSQL a transaction
# per row spent more time on its BEGIN, COMMIT and the pool's ping than on the firing. If
# any row of a chunk fails, the chunk is rolled back and each of its rows fired again in a
# transaction of its own, so one bad row still holds up no other.
# The rosters the batch's escalations need are read once per batch (`batch_rosters`):
# read per escalation, they made a sweep after an outage several times slower.

from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from sqlalchemy import ColumnElement, exists
from sqlalchemy.orm import aliased
from sqlmodel import col, select, update
from sqlmodel.ext.asyncio.session import AsyncSession

from triage.domain.case import FINISHED_STATUSES
from triage.domain.deadline_keys import DeadlineKey
from triage.domain.sla import ACCEPT_KINDS, CONTACT_KINDS, DeadlineKind
from triage.services.common.deps import TriageDeps
from triage.services.outbox.queue import enqueue
from triage.services.sla.escalate import escalate, remind
from triage.services.workers.roster import Rosters, rosters_for
from triage.storage.claims import claim_due, new_claim_token
from triage.storage.tables import Assignment, Deadline, Report
from triage.storage.uow import UnitOfWorkFactory

log = logging.getLogger(__name__)

LEASE = timedelta(minutes=2)
BATCH = 200
FIRE_CHUNK = 20  # rows fired per transaction: locks on their reports are held this long
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
        rosters = await batch_rosters(deps.uow, ids) if ids else None
        for at in range(0, len(ids), FIRE_CHUNK):
            outcomes.update(await fire_chunk(deps, ids[at : at + FIRE_CHUNK], token, rosters))
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


async def batch_rosters(uow_factory: UnitOfWorkFactory, ids: list[int]) -> Rosters:
    """The rosters of the regions whose escalations are among the claimed deadlines."""
    async with uow_factory() as uow:
        regions = await uow.session.exec(
            select(col(Report.kabkota_code))
            .distinct()
            .join(Deadline, col(Deadline.report_id) == col(Report.id))
            .where(col(Deadline.id).in_(ids), col(Deadline.kind).not_in(REMINDER_KINDS))
        )
        return await rosters_for(uow.session, [code or "" for code in regions.all()])


async def fire_chunk(
    deps: TriageDeps, ids: list[int], token: str, rosters: Rosters | None = None
) -> list[Outcome]:
    """Fire claimed deadlines in one transaction; if one fails, each in its own instead."""
    if len(ids) == 1:
        return [await fire_one(deps, ids[0], token, rosters)]
    try:
        async with deps.uow() as uow:
            fired = [await _fire(uow.session, deps, i, token, rosters) for i in ids]
            await uow.commit()  # a LOST row changed nothing: committing it is harmless
    except Exception as exc:  # retried one by one below: only the failing row is left over
        log.warning("%d deadlines retried one by one: %s", len(ids), type(exc).__name__)
        return [await fire_one(deps, i, token, rosters) for i in ids]
    _count_breaches(deps, [breach for _, breach in fired])
    return [outcome for outcome, _ in fired]


async def fire_one(
    deps: TriageDeps, deadline_id: int, token: str, rosters: Rosters | None = None
) -> Outcome:
    """Fire one claimed deadline in one transaction; any failure leaves it to a later sweep."""
    async with deps.uow() as uow:
        try:
            outcome, breach = await _fire(uow.session, deps, deadline_id, token, rosters)
            if outcome is not Outcome.LOST:
                await uow.commit()
        except Exception as exc:  # one bad row must not hold up the others
            log.error("deadline %s not fired: %s", deadline_id, type(exc).__name__)
            return Outcome.FAILED
    _count_breaches(deps, [breach])
    return outcome


def _count_breaches(deps: TriageDeps, breaches: list[str | None]) -> None:
    """Counted once committed, so a chunk rolled back and fired again counts each once."""
    for breach in breaches:
        if breach is not None:
            deps.metrics.sla_breached(breach)


async def _fire(
    session: AsyncSession, deps: TriageDeps, deadline_id: int, token: str, rosters: Rosters | None
) -> tuple[Outcome, str | None]:
    """What happened, and the kind of target missed when this fired a breach's first step."""
    now = deps.clock()
    mine = [col(Deadline.status) == "pending", col(Deadline.claimed_by) == token]
    taken = await session.exec(
        update(Deadline)
        .where(col(Deadline.id) == deadline_id, *mine, _NO_EARLIER_STEP_PENDING)
        .values(fired_at=now, status="fired")
        .returning(Deadline)
        .execution_options(synchronize_session=False)  # the row comes back by RETURNING
    )
    row = taken.scalars().first()
    if row is None:  # still ours: an earlier step waits, so release it for a later sweep
        released = await session.exec(
            update(Deadline)
            .where(col(Deadline.id) == deadline_id, *mine)
            .values(claimed_by=None, claimed_until=None)
            .execution_options(synchronize_session=False)  # no Deadline of it is loaded
        )
        return (Outcome.DEFERRED if released.rowcount == 1 else Outcome.LOST), None
    assert row.report_id is not None
    kind = DeadlineKind(row.kind)
    report, assignment = await case_with_assignment(session, row.report_id)
    if report is None or is_moot(kind, report, assignment):
        row.status, row.fired_at = "cancelled", None
        return Outcome.MOOT, None
    breach = None
    if kind in REMINDER_KINDS:
        message = await remind(session, deps, row, report, assignment)
    else:
        message = await escalate(session, deps, row, report, assignment, now, rosters)
        breach = kind.value if DeadlineKey.parse(row.key).level == 1 else None
    if message is not None:
        await enqueue(session, message, now, report_id=report.id)
    return Outcome.FIRED, breach


def _earlier_step_pending() -> ColumnElement[bool]:
    """Escalation steps fire in order: an earlier one of the same kind is still pending."""
    earlier = aliased(Deadline)
    return exists().where(
        col(earlier.report_id) == col(Deadline.report_id),
        col(earlier.kind) == col(Deadline.kind),
        col(earlier.status) == "pending",
        col(earlier.due_at) < col(Deadline.due_at),
    )


_NO_EARLIER_STEP_PENDING = ~_earlier_step_pending()  # built once: it is in every firing


async def case_with_assignment(
    session: AsyncSession, report_id: int
) -> tuple[Report | None, Assignment | None]:
    """The report and its active assignment (as `active_assignment` finds it), in one read."""
    found = await session.exec(
        select(Report, Assignment)
        .outerjoin(
            Assignment,
            (col(Assignment.report_id) == col(Report.id)) & col(Assignment.active).is_(True),
        )
        .where(col(Report.id) == report_id)
        .order_by(col(Assignment.id).desc())
        .limit(1)
        .execution_options(populate_existing=True)  # fresh, though its chunk read it before
    )
    pair = found.first()
    return (pair[0], pair[1]) if pair is not None else (None, None)


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
