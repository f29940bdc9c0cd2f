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
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from contextvars import ContextVar
from datetime import datetime

from sqlmodel import col, update
from sqlmodel.ext.asyncio.session import AsyncSession

from triage.storage.tables import InboxUpdate

_ROW: ContextVar[tuple[int, int] | None] = ContextVar("inbox_row", default=None)


@contextlib.contextmanager
def processing(row_id: int, update_id: int) -> Iterator[None]:
    """The inbox row (and its update_id) whose update the code run inside is processing."""
    token = _ROW.set((row_id, update_id))
    try:
        yield
    finally:
        _ROW.reset(token)


async def applied_before(session: AsyncSession, now: datetime) -> bool:
    """True when the update being processed had its effects committed before; otherwise stamp
    them as committed by this transaction (rolled back with it)."""
    row = _ROW.get()
    if row is None:
        return False
    row_id = row[0]
    stamped = await session.exec(
        update(InboxUpdate)
        .where(col(InboxUpdate.id) == row_id, col(InboxUpdate.processed_at).is_(None))
        .values(processed_at=now)
    )
    return int(stamped.rowcount or 0) == 0
