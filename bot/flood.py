"""A per-chat limit on inbound updates, in front of every handler.

More than `FloodLimit.updates` updates from one chat within `FloodLimit.seconds` is a flood:
the first update over the limit is answered once ("you are sending too fast"), it and the
rest are dropped until the chat's window has room again. A sliding window of handled
updates per chat, kept in this process's memory: several processes each count their own
share (the shared limit is a separate change). Memory is bounded: at most `chats` windows of
at most `updates` times each; chats quiet for a whole window are forgotten first.
"""

from __future__ import annotations

import logging
import time
from collections import OrderedDict, deque
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from telegram import Update
from telegram.error import TelegramError
from telegram.ext import ApplicationHandlerStop, ContextTypes

from bot import texts
from triage.i18n import Translator
from triage.services.common.metrics import Metrics

log = logging.getLogger(__name__)
Context = ContextTypes.DEFAULT_TYPE


@dataclass(frozen=True, slots=True)
class FloodLimit:
    """A real reporter typing or tapping quickly sends a few updates a second at most."""

    updates: int = 20
    seconds: float = 10.0
    chats: int = 10_000  # windows kept at once; beyond, the least recently active goes


class Verdict(StrEnum):
    ALLOW = "allow"
    NOTIFY = "notify"  # the first update over the limit: answered, then dropped
    DROP = "drop"


@dataclass(slots=True)
class _Window:
    times: deque[float]
    notified: bool = False  # told "too fast" since the window was last full


class FloodGate:
    """The sliding windows; time comes from `clock` (monotonic seconds)."""

    def __init__(self, limit: FloodLimit, clock: Callable[[], float] = time.monotonic) -> None:
        self.limit = limit
        self.clock = clock
        self._windows: OrderedDict[int, _Window] = OrderedDict()

    def __len__(self) -> int:
        return len(self._windows)

    def check(self, chat_id: int) -> Verdict:
        now = self.clock()
        self._forget_quiet(now)
        window = self._windows.get(chat_id)
        if window is None:
            window = self._windows[chat_id] = _Window(deque(maxlen=self.limit.updates))
            if len(self._windows) > self.limit.chats:
                self._windows.popitem(last=False)
        else:
            self._windows.move_to_end(chat_id)
        times = window.times
        while times and times[0] <= now - self.limit.seconds:
            times.popleft()
        if len(times) < self.limit.updates:
            times.append(now)
            window.notified = False
            return Verdict.ALLOW
        if window.notified:
            return Verdict.DROP
        window.notified = True
        return Verdict.NOTIFY

    def _forget_quiet(self, now: float) -> None:
        """Drop the least recently active chats whose last update left the window."""
        for _ in range(2):  # a little each time keeps the cost flat
            if not self._windows:
                return
            chat_id, window = next(iter(self._windows.items()))
            if window.times and window.times[-1] > now - self.limit.seconds:
                return
            del self._windows[chat_id]


def _chat_of(update: Update) -> int | None:
    if update.effective_chat is not None:
        return update.effective_chat.id
    return update.effective_user.id if update.effective_user is not None else None


@dataclass
class FloodHandler:
    """The TypeHandler's callback: passes an update on, or answers once and stops it."""

    gate: FloodGate
    translator: Translator
    metrics: Metrics  # counts what the limit stopped, for /metrics

    async def __call__(self, update: Update, context: Context) -> None:
        chat_id = _chat_of(update)
        if chat_id is None:
            return
        verdict = self.gate.check(chat_id)
        if verdict is Verdict.ALLOW:
            return
        self.metrics.update_dropped("flood")
        if verdict is Verdict.NOTIFY:
            self.metrics.flood_notice()
            log.warning("a chat sent updates too fast; dropping them for a moment")
            await self._answer(update, context)
        raise ApplicationHandlerStop

    async def _answer(self, update: Update, context: Context) -> None:
        """In the Telegram app's language: the database is not asked during a flood."""
        user = update.effective_user
        text = self.translator.text(
            self.translator.language(user.language_code if user else None), texts.TOO_FAST
        )
        try:
            if update.callback_query is not None:
                await update.callback_query.answer(text, show_alert=True)
            elif update.effective_chat is not None and update.effective_chat.type == "private":
                await context.bot.send_message(chat_id=update.effective_chat.id, text=text)
        except TelegramError:
            log.info("could not tell a flooding chat to wait")
