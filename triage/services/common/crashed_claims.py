"""Claims left by a process that died without a stop (kill -9, a power cut): its inbox
updates, outbox messages and SLA deadlines stay leased until their leases run out (up to ten
minutes for the inbox). A starting process frees at once the claims whose owner's presence
token is no longer alive (`deps.coordination.alive`: on PostgreSQL, whether the process
still holds its presence lock, on any host; on SQLite, whose one process is this one, any
other token is a dead process's), so what the crash interrupted is taken up by this start.
Claims named the older way (no token) wait for their leases.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from sqlalchemy import ColumnElement
from sqlmodel import col, select, update
from sqlmodel.ext.asyncio.session import AsyncSession

from triage.services.common.coordination import owner_token
from triage.services.common.deps import TriageDeps
from triage.services.inbox.queue import WAITING
from triage.storage.tables import Deadline, InboxUpdate, OutboxMessage

Alive = Callable[[set[int]], Awaitable[set[int]]]


def _claimed() -> list[tuple[Any, list[ColumnElement[bool]]]]:
    return [
        (InboxUpdate, [col(InboxUpdate.status).in_(WAITING)]),
        (OutboxMessage, [col(OutboxMessage.status) == "pending"]),
        (Deadline, [col(Deadline.status) == "pending"]),
    ]


async def release_crashed_claims(deps: TriageDeps, alive: Alive) -> int:
    """Free every claim whose owner's token is not `alive`; how many rows were freed."""
    async with deps.uow() as uow:
        session = uow.session
        holders = {t: await _holders(session, t, c) for t, c in _claimed()}
        tokens = {k for names in holders.values() for n in names if (k := owner_token(n))}
        if not tokens:
            return 0
        dead = tokens - await alive(tokens)
        freed = 0
        for table, conditions in _claimed():
            gone = [n for n in holders[table] if owner_token(n) in dead]
            freed += await _release(session, table, conditions, gone)
        await uow.commit()
    return freed


async def _holders(
    session: AsyncSession, table: Any, conditions: list[ColumnElement[bool]]
) -> list[str]:
    held = select(table.claimed_by).where(table.claimed_by.is_not(None), *conditions).distinct()
    return [str(name) for name in (await session.exec(held)).all()]


async def _release(
    session: AsyncSession, table: Any, conditions: list[ColumnElement[bool]], gone: list[str]
) -> int:
    if not gone:
        return 0
    result = await session.exec(
        update(table)
        .where(table.claimed_by.in_(gone), *conditions)
        .values(claimed_by=None, claimed_until=None)
    )
    return int(result.rowcount or 0)
