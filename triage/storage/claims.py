"""Claiming due rows so that two processes never take the same one.

PostgreSQL: `SELECT … FOR UPDATE SKIP LOCKED`, then stamp the rows. SQLite (which has no
row locks and silently drops the clause): a compare-and-set UPDATE guarded by the same
conditions, returning the ids it stamped (reading them back by the claim token scanned the
table: no index holds the token). A claim is a lease: a crashed claimer's rows become
claimable again when `claimed_until` passes.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, or_
from sqlmodel import select, update
from sqlmodel.ext.asyncio.session import AsyncSession

from triage.storage.db import dialect_name


def new_claim_token(owner: str) -> str:
    return f"{owner[:27]}:{uuid.uuid4().hex}"


async def claim_due(
    session: AsyncSession,
    table: Any,
    conditions: Sequence[ColumnElement[bool]],
    *,
    order_by: Any,
    token: str,
    now: datetime,
    lease: timedelta,
    limit: int,
) -> list[int]:
    """Claim up to `limit` rows matching `conditions` whose lease is free; return their ids."""
    free = or_(table.claimed_until.is_(None), table.claimed_until < now)
    guard = [*conditions, free]
    candidates = select(table.id).where(*guard).order_by(order_by).limit(limit)
    stamp = {"claimed_by": token, "claimed_until": now + lease}
    if dialect_name(session) == "postgresql":
        locked = candidates.with_for_update(skip_locked=True)
        ids = list((await session.exec(locked)).all())
        if ids:
            await session.exec(update(table).where(table.id.in_(ids)).values(**stamp))
        return ids
    claimed = await session.exec(
        update(table)
        .where(table.id.in_(candidates.scalar_subquery()), *guard)
        .values(**stamp)
        .returning(table.id)
    )
    return sorted(claimed.scalars().all())  # id order, as a read back by the token gave
