"""Records the messages Telegram took, off the sending path: the sender hands each over and
paces the next while a background task writes them, several in one transaction when they
pile up (`triage.services.outbox.queue.mark_all_sent`).

At most BACKLOG sends wait to be recorded (the sender waits when there are more), so a
sender that dies sends at most those again (at least once, never lost); `flush` waits until
every send handed over is recorded. While the database is away for a moment the records are
tried again; given up after the last try, the messages go again when their claim runs out.
"""

from __future__ import annotations

import asyncio
import logging

from triage.services.common.deps import TriageDeps
from triage.services.common.failures import describe_failure
from triage.services.outbox import queue as outbox

log = logging.getLogger(__name__)
BACKLOG = 8  # sends Telegram took that may wait to be recorded
RETRY_SECONDS = (0.5, 1.0, 2.0, 4.0, 8.0, None)  # pauses between tries of a record


class SentRecords:
    def __init__(self, deps: TriageDeps) -> None:
        self.deps = deps
        self._waiting: asyncio.Queue[tuple[int, int]] = asyncio.Queue(BACKLOG)
        self._writer: asyncio.Task[None] | None = None

    async def add(self, message_id: int, telegram_id: int) -> None:
        """Hand over one send Telegram took (waits while BACKLOG are unrecorded)."""
        await self._waiting.put((message_id, telegram_id))
        if self._writer is None or self._writer.done():
            self._writer = asyncio.create_task(self._write(), name="outbox-sent-records")

    async def flush(self) -> None:
        """Wait until every send handed over is recorded (or given up)."""
        await self._waiting.join()

    async def _write(self) -> None:
        """Write what waits, in batches, until nothing does (`add` starts it again)."""
        while not self._waiting.empty():
            batch = [self._waiting.get_nowait() for _ in range(self._waiting.qsize())]
            try:
                await self._record(batch)
            finally:
                for _ in batch:
                    self._waiting.task_done()

    async def _record(self, batch: list[tuple[int, int]]) -> None:
        for pause in RETRY_SECONDS:
            try:
                await outbox.mark_all_sent(self.deps, batch, self.deps.clock())
                return
            except Exception as exc:
                ids = ", ".join(str(message_id) for message_id, _ in batch)
                if pause is None:
                    log.error(
                        "outbox messages %s sent, not recorded: %s", ids, describe_failure(exc)
                    )
                    return
                log.error(
                    "outbox messages %s sent, not recorded yet: %s", ids, describe_failure(exc)
                )
                await asyncio.sleep(pause)
