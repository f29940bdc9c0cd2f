"""Paces the outbox within Telegram's limits for a bot: about 30 messages a second in all and
one a second to any one chat. Waiting here is cheaper than meeting a 429, which pauses the
whole sender for as long as Telegram asks.

The pacer only computes waits from the times it is given (a monotonic clock in seconds);
`wait` sleeps them. Memory is bounded: a chat is forgotten once its second has passed.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable

OVERALL_PER_SECOND = 30.0
PER_CHAT_INTERVAL = 1.0


class SendPacer:
    """The earliest moment the next message to a chat may go, given the ones sent before."""

    def __init__(
        self,
        per_second: float = OVERALL_PER_SECOND,
        per_chat_interval: float = PER_CHAT_INTERVAL,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self.spacing = 1.0 / per_second
        self.per_chat_interval = per_chat_interval
        self.clock = clock
        self.sleep = sleep
        self._last_any = float("-inf")
        self._last_by_chat: dict[int, float] = {}

    def delay(self, chat_id: int, now: float) -> float:
        """Seconds to wait before sending to `chat_id` at `now` (0 when it may go at once)."""
        ready = max(
            self._last_any + self.spacing,
            self._last_by_chat.get(chat_id, float("-inf")) + self.per_chat_interval,
        )
        return max(0.0, ready - now)

    def sent(self, chat_id: int, at: float) -> None:
        """Record a send (or an attempt: Telegram counts refused ones too)."""
        self._last_any = at
        self._last_by_chat[chat_id] = at
        if len(self._last_by_chat) > 1024:
            self._forget_before(at - self.per_chat_interval)

    async def wait(self, chat_id: int) -> None:
        """Sleep until a message to `chat_id` may go, then count it as sent."""
        pause = self.delay(chat_id, self.clock())
        if pause > 0:
            await self.sleep(pause)
        self.sent(chat_id, self.clock())

    def _forget_before(self, moment: float) -> None:
        self._last_by_chat = {c: t for c, t in self._last_by_chat.items() if t >= moment}
