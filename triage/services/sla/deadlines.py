"""Writes SLA deadlines as rows and cancels them when an event makes them moot."""

from __future__ import annotations

from collections.abc import Iterable

from sqlmodel import col, select, update
from sqlmodel.ext.asyncio.session import AsyncSession

from triage.domain.sla import Deadline as DomainDeadline
from triage.domain.sla import DeadlineKind, SlaChange
from triage.storage.tables import Deadline


async def schedule(
    session: AsyncSession, report_id: int, deadlines: Iterable[DomainDeadline]
) -> None:
    """Insert deadlines whose key is new; a key already stored is never scheduled twice."""
    wanted = list(deadlines)
    keys = [d.key for d in wanted]
    existing = set(
        (await session.exec(select(col(Deadline.key)).where(col(Deadline.key).in_(keys)))).all()
    )
    for deadline in wanted:
        if deadline.key not in existing:
            session.add(
                Deadline(
                    key=deadline.key,
                    report_id=report_id,
                    kind=deadline.kind.value,
                    due_at=deadline.due_at,
                )
            )


async def cancel(session: AsyncSession, report_id: int, kinds: Iterable[DeadlineKind]) -> None:
    """Cancel the report's pending deadlines of these kinds."""
    await session.exec(
        update(Deadline)
        .where(
            col(Deadline.report_id) == report_id,
            col(Deadline.status) == "pending",
            col(Deadline.kind).in_([k.value for k in kinds]),
        )
        .values(status="cancelled")
    )


async def apply_change(session: AsyncSession, report_id: int, change: SlaChange) -> None:
    """What an event does to the timers (sla.on_event): cancel some kinds, schedule new ones."""
    await cancel(session, report_id, change.cancel_kinds)
    await schedule(session, report_id, change.schedule)
