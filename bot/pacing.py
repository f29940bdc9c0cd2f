"""Paces the outbox within Telegram's limits for a bot: 30 messages a second in all and one a
second to any one chat. Waiting here is cheaper than meeting a 429, which pauses the whole
sender for at least a second (Telegram's `retry_after` is whole seconds).

The pacer keeps a little under the limits (29 a second, 1.05 s per chat): it times a send
when it starts, Telegram when it arrives, and arrivals jitter by a few milliseconds; spacing
sends exactly 1/30 s apart would have the 31st of a second arrive a hair early now and then.
A send that went a little late (the loop woke late, a claim took a while) is counted at its
slot, so lateness does not add up (`CATCH_UP`). The 31st send then goes at least
30/29 s - CATCH_UP = 1.024 s after the first: 24 ms to spare for arrival jitter.

The pacer only computes waits from the times it is given (a monotonic clock in seconds) and
sleeps nothing; `pick` chooses which of several messages may go first. Memory is bounded: a
chat is forgotten once its interval has passed.
"""

from __future__ import annotations

from collections.abc import Sequence

OVERALL_PER_SECOND = 29.0  # Telegram's limit is 30
PER_CHAT_INTERVAL = 1.05  # Telegram's limit is 1 s
CATCH_UP = 0.01  # a send this late is counted at its slot (see the module docstring)


class SendPacer:
    """The earliest moment the next message to a chat may go, given the ones sent before."""

    def __init__(
        self, per_second: float = OVERALL_PER_SECOND, per_chat_interval: float = PER_CHAT_INTERVAL
    ) -> None:
        self.spacing = 1.0 / per_second
        self.per_chat_interval = per_chat_interval
        self._last_any = float("-inf")
        self._last_by_chat: dict[int, float] = {}

    def delay(self, chat_id: int, now: float) -> float:
        """Seconds to wait before sending to `chat_id` at `now` (0 when it may go at once)."""
        ready = max(
            self._last_any + self.spacing,
            self._last_by_chat.get(chat_id, float("-inf")) + self.per_chat_interval,
        )
        return max(0.0, ready - now)

    def pick(self, chats: Sequence[int], now: float) -> tuple[int, float]:
        """Which of the messages to `chats` (in queue order) goes next, and the seconds to
        wait for it: the one that may go soonest, the earliest on a tie. Only a chat's first
        message is a candidate, so each chat gets its messages in order; one chat waiting out
        its second does not hold back the others."""
        best, best_delay, seen = 0, float("inf"), set()
        for index, chat_id in enumerate(chats):
            if chat_id in seen:
                continue
            seen.add(chat_id)
            delay = self.delay(chat_id, now)
            if delay < best_delay:
                best, best_delay = index, delay
                if delay == 0.0:
                    break
        return best, best_delay

    def sent(self, chat_id: int, at: float) -> None:
        """Record a send (or an attempt: Telegram counts refused ones too). A send at most
        CATCH_UP after its slot in the overall pace is counted at its slot, so a wake-up a
        millisecond late does not slow every send after it; one later than that (after a
        stall, or the first in a while) is counted when it went, so nothing is made up in a
        rush."""
        slot = self._last_any + self.spacing
        self._last_any = slot if at - slot <= CATCH_UP else at
        self._last_by_chat[chat_id] = at
        if len(self._last_by_chat) > 1024:
            self._forget_before(at - self.per_chat_interval)

    def _forget_before(self, moment: float) -> None:
        self._last_by_chat = {c: t for c, t in self._last_by_chat.items() if t >= moment}
