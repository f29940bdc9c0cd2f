"""The time a stop may take (SHUTDOWN_TIMEOUT_SECONDS), shared by every step of it."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable

log = logging.getLogger(__name__)


class Deadline:
    """Counts from its first use (the stop), so steps share one budget."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self._end: float | None = None

    def left(self) -> float:
        now = time.monotonic()
        if self._end is None:
            self._end = now + self.seconds
        return max(0.0, self._end - now)


async def within(deadline: Deadline, work: Awaitable[object], what: str) -> bool:
    """Await `work` for what is left of the deadline; at the deadline, cancel it (False)."""
    try:
        await asyncio.wait_for(work, deadline.left())
    except TimeoutError:
        log.warning("stop: %s cut short at the shutdown timeout", what)
        return False
    return True
