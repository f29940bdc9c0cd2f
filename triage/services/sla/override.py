"""Staff override of a case's urgency: a timeline event, an audit row, rescheduled timers."""

from __future__ import annotations

import dataclasses
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from triage.domain.model import Urgency
from triage.domain.rules.model import Rules
from triage.domain.sla import (
    ACCEPT_KINDS,
    CONTACT_KINDS,
    Deadline,
    DeadlineKey,
    DeadlineKind,
    SlaChange,
    accept_deadlines,
    deadlines_for,
    soonest,
)
from triage.services.common.deps import TriageDeps
from triage.services.common.events import add_event, audit
from triage.services.sla import deadlines
from triage.services.sla.sweep import active_assignment
from triage.storage.tables import Deadline as DeadlineRow
from triage.storage.tables import Report

REASON_MAX_CHARS = 500


class OverrideStatus(StrEnum):
    DONE = "done"
    UNCHANGED = "unchanged"  # the case already has that urgency
    NOT_FOUND = "not_found"
    ANONYMISED = "anonymised"  # retention removed its details: it is history, not to change


@dataclass(frozen=True, slots=True)
class OverrideResult:
    status: OverrideStatus
    old_urgency: str | None = None
    new_urgency: str | None = None
    rescheduled: int = 0


async def override_urgency(
    deps: TriageDeps,
    reference: str,
    new_urgency: Urgency,
    reason: str,
    actor: str,
    now: datetime,
) -> OverrideResult:
    """Set the case's effective urgency; the original assessment row is never edited."""
    reason = reason.strip()[:REASON_MAX_CHARS]
    if not reason:
        raise ValueError("an urgency override needs a reason")
    async with deps.uow() as uow:
        session = uow.session
        report = (await session.exec(select(Report).where(Report.reference == reference))).first()
        if report is None or report.id is None:
            return OverrideResult(OverrideStatus.NOT_FOUND)
        if report.anonymised_at is not None:
            return OverrideResult(OverrideStatus.ANONYMISED, report.urgency)
        old = report.urgency
        if old == new_urgency.value:
            return OverrideResult(OverrideStatus.UNCHANGED, old, old)
        report.urgency = new_urgency.value
        data = {"old": old, "new": new_urgency.value, "reason": reason, "actor": actor}
        await add_event(session, report.id, "urgency_override", actor, data, now)
        count = await _reschedule(session, report, new_urgency, now, deps.rules)
        audit(session, actor, "urgency_override", now, report.id, old=old, new=new_urgency.value)
        await uow.commit()
    return OverrideResult(OverrideStatus.DONE, old, new_urgency.value, count)


async def next_generation(session: AsyncSession, report_id: int) -> int:
    """One more than any generation the report's deadlines used: new keys never collide."""
    keys = await session.exec(
        select(col(DeadlineRow.key)).where(DeadlineRow.report_id == report_id)
    )
    return 1 + max((DeadlineKey.parse(key).generation for key in keys), default=-1)


async def _reschedule(
    session: AsyncSession, report: Report, urgency: Urgency, now: datetime, rules: Rules
) -> int:
    """Replace every pending deadline by its counterpart under the new urgency."""
    assert report.id is not None
    rows = await session.exec(
        select(DeadlineRow).where(
            col(DeadlineRow.report_id) == report.id, col(DeadlineRow.status) == "pending"
        )
    )
    pending = [(key.kind, key.level) for key in (DeadlineKey.parse(row.key) for row in rows)]
    if not pending:
        return 0
    assignment = await active_assignment(session, report.id)
    assigned_at = assignment.created_at if assignment else report.received_at
    generation = await next_generation(session, report.id)
    fresh = replacements(
        report.reference, pending, report.received_at, assigned_at, urgency, rules, generation, now
    )
    change = SlaChange(frozenset(kind for kind, _ in pending), tuple(fresh))
    await deadlines.apply_change(session, report.id, change)
    return len(fresh)


def replacements(
    case_ref: str,
    pending: Collection[tuple[DeadlineKind, int]],
    opened_at: datetime,
    assigned_at: datetime,
    urgency: Urgency,
    rules: Rules,
    generation: int,
    now: datetime,
) -> list[Deadline]:
    """The pending (kind, level) timers recomputed for `urgency`, under a new generation.

    Times run from the original starts (accept from the assignment, the others from the
    opening). A ladder whose first step would already be past is shifted to start now,
    keeping its spacing, so raising urgency late does not fire every step at once.
    """
    accept = accept_deadlines(case_ref, assigned_at, urgency, rules, generation)
    others = [
        d for d in deadlines_for(case_ref, opened_at, urgency, rules) if d.kind not in ACCEPT_KINDS
    ]
    wanted = [
        dataclasses.replace(d, generation=generation)
        for d in [*accept, *others]
        if (d.kind, d.level) in pending
    ]
    ladders = (ACCEPT_KINDS, CONTACT_KINDS, frozenset(DeadlineKind) - ACCEPT_KINDS - CONTACT_KINDS)
    shifted = [d for kinds in ladders for d in _start_no_earlier(wanted, kinds, now)]
    return sorted(shifted, key=soonest)


def _start_no_earlier(
    wanted: Sequence[Deadline], kinds: Collection[DeadlineKind], now: datetime
) -> list[Deadline]:
    ladder = [d for d in wanted if d.kind in kinds]
    if not ladder:
        return []
    lag = max(now - min(d.due_at for d in ladder), timedelta(0))
    return [dataclasses.replace(d, due_at=d.due_at + lag) for d in ladder]
