"""Claiming due rows so that two processes never take the same one.

PostgreSQL: `SELECT … FOR UPDATE SKIP LOCKED`, then stamp the rows. SQLite (which has no
row locks and silently drops the clause): a compare-and-set UPDATE guarded by the same
conditions, then read back by the claim token. A claim is a lease: a crashed claimer's
rows become claimable again when `claimed_until` passes, or at once when a process on the same
machine finds the claimer gone (`release_claims_of`).
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, or_
from sqlmodel import select, update
from sqlmodel.ext.asyncio.session import AsyncSession

from triage.storage.db import dialect_name

OWNER_IN_TOKEN = 27  # a token keeps this much of its owner, then ':' and 32 hex digits
CLAIM_LENGTH = 64  # the claimed_by columns
_TOKEN = re.compile(r"(?P<owner>.+):[0-9a-f]{32}")


def new_claim_token(owner: str) -> str:
    return f"{owner[:OWNER_IN_TOKEN]}:{uuid.uuid4().hex}"


def claim_owner(claimed_by: str) -> str | None:
    """The owner (a process, "host:pid") a claim names, when it names it whole: a claim token,
    or the bare owner the inbox stores with an update; None when cut to the column's length."""
    token = _TOKEN.fullmatch(claimed_by)
    if token is not None:
        owner = token.group("owner")
        return owner if len(owner) < OWNER_IN_TOKEN else None
    return claimed_by if len(claimed_by) < CLAIM_LENGTH else None


async def release_claims_of(
    session: AsyncSession,
    table: Any,
    conditions: Sequence[ColumnElement[bool]],
    gone: Callable[[str], bool],
) -> int:
    """Free the claims on rows matching `conditions` whose owner is `gone` (a crashed process),
    whatever their lease says; return how many rows were freed."""
    held = select(table.claimed_by).where(table.claimed_by.is_not(None), *conditions).distinct()
    holders = [c for c in (await session.exec(held)).all() if _owner_gone(c, gone)]
    if not holders:
        return 0
    result = await session.exec(
        update(table)
        .where(table.claimed_by.in_(holders), *conditions)
        .values(claimed_by=None, claimed_until=None)
    )
    return int(result.rowcount or 0)


def _owner_gone(claimed_by: str, gone: Callable[[str], bool]) -> bool:
    owner = claim_owner(claimed_by)
    return owner is not None and gone(owner)


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
    await session.exec(
        update(table).where(table.id.in_(candidates.scalar_subquery()), *guard).values(**stamp)
    )
    return list((await session.exec(select(table.id).where(table.claimed_by == token))).all())
