"""Whether an update from the inbox was applied before: the effects of an update are applied
once, even when a crash came after they were committed and before the row was marked
processed, so that the next start takes the update up again.

While the receiver processes an inbox row (`processing`), the first transaction that changes
something for the update (a questionnaire's answer) stamps the row's `processed_at` in the
same transaction (`applied_before`). Taken up again, the update finds the stamp: the answer
is not applied a second time (a typed place would otherwise become the story), and the
reporter is shown where the questionnaire stands instead, as the reply may never have gone.
Outside an inbox row (long polling, tests) nothing is stamped.

This stamp says whether an update was applied; `draft.last_update_id` (the questionnaire)
says whether it is older than what the draft took since, across processes.

A write that only notes how the update was answered (which message shows the buttons now)
is left to the transaction that marks the row (`with_the_mark`): a transaction fewer per
update. Lost with the mark in a crash, it is written again when the update is taken up and
its question shown again.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam
from sqlalchemy.sql.expression import UpdateBase
from sqlmodel import col, update
from sqlmodel.ext.asyncio.session import AsyncSession

from triage.storage.prepared import typed
from triage.storage.tables import InboxUpdate

# Writes left to the transaction that marks the row: each a statement and its parameters.
Write = tuple[UpdateBase, dict[str, Any]]
WithTheMark = Sequence[Write]

_STAMP = (
    update(InboxUpdate)
    .where(col(InboxUpdate.id) == bindparam("row_id"), col(InboxUpdate.processed_at).is_(None))
    .values(processed_at=typed("now", col(InboxUpdate.processed_at)))
)


@dataclass(slots=True)
class Processing:
    """The inbox row being processed, and the writes left to the transaction marking it."""

    row_id: int
    update_id: int
    with_the_mark: list[Write] = field(default_factory=list)


_ROW: ContextVar[Processing | None] = ContextVar("inbox_row", default=None)


@contextlib.contextmanager
def processing(row_id: int, update_id: int) -> Iterator[Processing]:
    """The inbox row (and its update_id) whose update the code run inside is processing."""
    state = Processing(row_id, update_id)
    token = _ROW.set(state)
    try:
        yield state
    finally:
        _ROW.reset(token)


def with_the_mark(statement: UpdateBase, params: dict[str, Any]) -> bool:
    """Leave `statement` (with `params`) to the transaction that marks the row being
    processed; False outside an inbox row (long polling, tests), where the caller runs it."""
    state = _ROW.get()
    if state is None:
        return False
    state.with_the_mark.append((statement, params))
    return True


async def applied_before(session: AsyncSession, now: datetime) -> bool:
    """True when the update being processed had its effects committed before; otherwise stamp
    them as committed by this transaction (rolled back with it)."""
    row = _ROW.get()
    if row is None:
        return False
    stamped = await session.exec(_STAMP, params={"row_id": row.row_id, "now": now})
    return int(stamped.rowcount or 0) == 0
