"""Telegram's flood limits for a bot, enforced by the Bot API stand-in: at most `per_second`
messages in any one-second span in all, and one to any chat within `per_chat_interval`
seconds. A send over either limit is answered 429 with `retry_after` as Telegram gives it
(whole seconds, at least 1: how long until it would have been let through) and delivers
nothing; only sends let through count towards the limits.

Sends are whatever posts a message to a chat (`sendMessage`, `sendPhoto`, …; not
`sendChatAction`), timed when the call arrives, on `clock` (a monotonic clock in seconds).
"""

from __future__ import annotations

import math
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field

from tests.support.stub_types import JSON, ApiError

WINDOW_SECONDS = 1.0
_REMEMBERED_CHATS = 4096  # past this, chats whose interval has passed are forgotten


@dataclass
class RateLimit:
    """The limits, and what they did: `admitted` sends let through, `refused` answered 429."""

    per_second: int = 30
    per_chat_interval: float = 1.0
    clock: Callable[[], float] = time.monotonic
    admitted: int = 0
    refused: int = 0
    _recent: deque[float] = field(default_factory=deque)  # sends let through in the window
    _last_by_chat: dict[int, float] = field(default_factory=dict)

    def error_for(self, method: str, params: JSON) -> ApiError | None:
        """The 429 this call meets, if any; a call let through is counted."""
        chat_id = params.get("chat_id")
        if not _posts_message(method) or not isinstance(chat_id, int):
            return None
        now = self.clock()
        wait = self._wait(chat_id, now)
        if wait > 0:
            self.refused += 1
            seconds = max(1, math.ceil(wait))
            return ApiError(
                429, f"Too Many Requests: retry after {seconds}", {"retry_after": seconds}
            )
        self._admit(chat_id, now)
        return None

    def _wait(self, chat_id: int, now: float) -> float:
        """Seconds until a send to `chat_id` would be let through (0: now)."""
        while self._recent and self._recent[0] <= now - WINDOW_SECONDS:
            self._recent.popleft()
        overall = (
            self._recent[0] + WINDOW_SECONDS - now if len(self._recent) >= self.per_second else 0.0
        )
        last = self._last_by_chat.get(chat_id)
        chat = last + self.per_chat_interval - now if last is not None else 0.0
        return max(overall, chat, 0.0)

    def _admit(self, chat_id: int, now: float) -> None:
        self.admitted += 1
        self._recent.append(now)
        self._last_by_chat[chat_id] = now
        if len(self._last_by_chat) > _REMEMBERED_CHATS:
            since = now - self.per_chat_interval
            self._last_by_chat = {c: t for c, t in self._last_by_chat.items() if t > since}


def _posts_message(method: str) -> bool:
    name = method.lower()
    return name.startswith("send") and name != "sendchataction"
