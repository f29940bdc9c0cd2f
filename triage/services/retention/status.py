"""What admins are shown of retention: the last run (from its audit row), and what a run
would do now."""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import datetime
from typing import Any

from sqlalchemy import func
from sqlmodel import col, select

from triage.domain.retention import RetentionPolicy
from triage.services.audit.entries import AuditLogForAdmins
from triage.services.common.deps import TriageDeps
from triage.services.retention.run import (
    ACTION,
    ACTOR,
    FINISHED_OUTBOX,
    RetentionCounts,
    anonymisation_due,
    forgettable_chat,
    phone_due,
)
from triage.services.staff.identity import StaffIdentity
from triage.storage.tables import AuditLog, ChatProfile, OutboxMessage, Report


@dataclass(frozen=True, slots=True)
class RetentionRun:
    """A past run: when, what it did, and under which limits (None: not recorded)."""

    at: datetime
    counts: RetentionCounts
    policy: RetentionPolicy | None


def _from_detail(detail: dict[str, Any], names: tuple[str, ...]) -> dict[str, int] | None:
    """The named numbers of an audit row's detail; None if one is not a whole number. A name
    added after the row was written is left out (its dataclass default stands)."""
    if set(names) - set(detail) - set(LATER_COUNTS):
        return None
    values = {name: detail[name] for name in names if name in detail}
    if all(isinstance(v, int) and not isinstance(v, bool) for v in values.values()):
        return values
    return None


def _names(cls: type) -> tuple[str, ...]:
    return tuple(field.name for field in fields(cls))


# Counts a run records since a later version: older audit rows lack them.
LATER_COUNTS = ("chats_forgotten",)


async def last_run(deps: TriageDeps, viewer: StaffIdentity) -> RetentionRun | None:
    """The newest retention run's audit row, read back; None if there has been none."""
    if viewer.role != "admin":
        raise AuditLogForAdmins()
    query = (
        select(AuditLog)
        .where(col(AuditLog.actor) == ACTOR, col(AuditLog.action) == ACTION)
        .order_by(col(AuditLog.id).desc())
        .limit(1)
    )
    async with deps.uow() as uow:
        row = (await uow.session.exec(query)).first()
    if row is None:
        return None
    counts = _from_detail(row.detail, _names(RetentionCounts)) or {}
    limits = _from_detail(row.detail, _names(RetentionPolicy))
    return RetentionRun(
        row.at,
        RetentionCounts(**counts),
        RetentionPolicy(**limits) if limits and min(limits.values()) >= 1 else None,
    )


async def due_now(deps: TriageDeps, policy: RetentionPolicy) -> RetentionCounts:
    """What a run at `deps.clock()` would clear or delete (counted, nothing changed)."""
    due = policy.cutoffs(deps.clock())
    counts = (
        select(func.count()).select_from(Report).where(phone_due(due.phone)),
        select(func.count()).select_from(Report).where(anonymisation_due(due.case)),
        select(func.count())
        .select_from(OutboxMessage)
        .where(
            col(OutboxMessage.status).in_(FINISHED_OUTBOX),
            col(OutboxMessage.created_at) < due.outbox,
        ),
        select(func.count()).select_from(AuditLog).where(col(AuditLog.at) < due.audit),
        select(func.count()).select_from(ChatProfile).where(forgettable_chat(due.case)),
    )
    async with deps.uow() as uow:
        numbers = [(await uow.session.exec(query)).one() for query in counts]
    return RetentionCounts(*numbers)
