"""Drains the outbox through the Bot API: claim, send, then mark sent once Telegram took it,
or record the failure (`triage.services.outbox.queue.mark_failed` decides what follows).

Sends are paced within Telegram's limits (`bot.pacing`: a little under 30 a second in all
and one a second per chat). The sender claims a window of due messages and sends next the one
whose chat may receive soonest (each chat's own in order), so a chat waiting out its second
does not hold back the others; when every chat in the window is waiting, it claims more (up
to WINDOW_LIMIT). A 429 all the same pauses the whole sender for as long as Telegram asked
(flood limits are the bot's, not one chat's): the rest of the window is given back untried.
The sender's Bot has no rate limiter of its own, so a 429 reaches it at once instead of being
slept on inside a claim.

Several processes may run a sender; only the elected one sends (`deps.coordination`: on
PostgreSQL an advisory lock, on SQLite always this process). The others try to take the role
every ELECTION_RETRY_SECONDS. The elected sender frees the claims a dead one left, and checks
it still holds the role before each message, so at most the message in flight when a sender
dies is sent twice (Telegram has no idempotency key: at least once, never lost).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from datetime import datetime, timedelta

from telegram import Bot, InlineKeyboardMarkup
from telegram.error import TelegramError

from bot.pacing import SendPacer
from bot.telegram_failures import classify, detail, retry_after_seconds
from triage.domain.delivery import Failure, Verdict
from triage.services.common.deps import TriageDeps
from triage.services.common.failures import describe_failure
from triage.services.common.heartbeats import SENDER
from triage.services.outbox import queue as outbox

log = logging.getLogger(__name__)
ELECTION_RETRY_SECONDS = 2.0
MARK_SENT_RETRY_SECONDS = (0.5, 1.0, 2.0, 4.0, 8.0, None)  # pauses between tries of the record
CLAIM_BATCH = 50  # messages claimed at a time
WINDOW_LIMIT = 200  # the most claimed at once while chats wait out their second


class OutboxSender:
    """One sender per process; claims are leases, so several processes never double-send.

    At a stop (`stop`), the message being sent is finished and the claims of the others this
    sender holds are given back, so the next start (or another process) sends them at once.
    """

    def __init__(self, deps: TriageDeps, bot: Bot, pacer: SendPacer | None = None) -> None:
        self.deps = deps
        self.bot = bot
        self.pacer = pacer or SendPacer()
        self.owner = deps.coordination.owner
        self.elected = False
        self._next_election = 0.0  # monotonic: when a standing-by sender tries again
        self.wakeup = asyncio.Event()
        self.paused_until: datetime | None = None  # after a 429, nothing is sent before this
        self.stopping = False

    def kick(self) -> None:
        self.wakeup.set()

    def stop(self) -> None:
        """Have `run` return after the message being sent."""
        self.stopping = True
        self.wakeup.set()

    async def drain_once(self) -> int:
        """Send everything due now; return how many were claimed (0 while paused)."""
        now = self.deps.clock()
        if self.paused_until is not None and now < self.paused_until:
            self.deps.heartbeats.ran(SENDER, now)  # waiting as Telegram asked is running
            return 0
        window = await outbox.claim_pending(self.deps, self.owner, now, limit=CLAIM_BATCH)
        claimed, more = len(window), len(window) == CLAIM_BATCH
        try:
            while window and not self.stopping:
                index, pause = self.pacer.pick([m.chat_id for m in window], time.monotonic())
                if pause > self.pacer.spacing and more and len(window) < WINDOW_LIMIT:
                    added = await self._claim_more(window)  # every chat here is waiting
                    claimed, more = claimed + added, added == CLAIM_BATCH
                    continue
                if not await self.deps.coordination.still_sender():
                    self.elected = False  # another process sends from now on
                    break
                if not await self._paced(pause):
                    break
                message = window.pop(index)
                self.pacer.sent(message.chat_id, time.monotonic())
                if not await self._send(message):  # a 429: the rest waits for the pause
                    break
        finally:  # a 429, a stop, or cancelled at the shutdown timeout (mid-send: sent again)
            if window:
                await outbox.release(self.deps, window)
        self.deps.heartbeats.ran(SENDER, self.deps.clock())
        return claimed

    async def _drained_all(self) -> bool:
        """Drain; True while there may be more due (a claim came back full). Otherwise the
        next drain waits for a kick or the interval: an empty claim is a write all the same,
        which on SQLite waits its turn behind the use cases' transactions."""
        return await self.drain_once() >= CLAIM_BATCH

    async def _paced(self, pause: float) -> bool:
        """Wait out the pacer's pause; False when a stop came meanwhile."""
        if pause > 0:
            await asyncio.sleep(pause)
        return not self.stopping

    async def _claim_more(self, window: list[outbox.PendingMessage]) -> int:
        """Claim the next due messages into `window`, kept in queue order (by id); a message
        claimed again (its lease ran out while its chat waited) keeps only its new claim."""
        more = await outbox.claim_pending(self.deps, self.owner, self.deps.clock(), CLAIM_BATCH)
        fresh = {m.id: m for m in more}
        window[:] = sorted([m for m in window if m.id not in fresh] + more, key=lambda m: m.id)
        return len(more)

    async def run(self, interval: float) -> None:
        try:
            while not self.stopping:
                self.wakeup.clear()  # before draining: a kick or a stop meanwhile is not lost
                try:
                    while not self.stopping and await self._elect() and await self._drained_all():
                        pass
                except Exception as exc:  # keep draining after a database hiccup
                    log.error("outbox drain failed: %s", describe_failure(exc))
                with contextlib.suppress(TimeoutError):
                    wait = interval if self.elected else ELECTION_RETRY_SECONDS
                    await asyncio.wait_for(self.wakeup.wait(), timeout=wait)
        finally:
            await self.deps.coordination.give_up_sender()

    async def _elect(self) -> bool:
        """True while this process is the sender; a newly elected one frees stale claims. A
        standing-by sender tries every ELECTION_RETRY_SECONDS (a kick does not hurry it)."""
        if not self.elected and time.monotonic() < self._next_election:
            return False
        was = self.elected
        self.elected = await self.deps.coordination.try_become_sender()
        if not self.elected:
            self._next_election = time.monotonic() + ELECTION_RETRY_SECONDS
            self.deps.heartbeats.ran(SENDER, self.deps.clock())  # standing by is running
        elif not was:
            freed = await outbox.take_over(self.deps)
            if freed:
                log.info("outbox: %s messages another sender had claimed are due again", freed)
        return self.elected

    async def _send(self, message: outbox.PendingMessage) -> bool:
        """Try one message (the pacer has let it go); False when Telegram asked us to slow
        down."""
        markup = (
            InlineKeyboardMarkup.de_json(message.reply_markup, self.bot)
            if message.reply_markup
            else None
        )
        try:
            sent = await self.bot.send_message(
                chat_id=message.chat_id, text=message.text, reply_markup=markup
            )
        except TelegramError as exc:
            return await self._failed(message, exc)
        await self._mark_sent(message, sent.message_id)
        self.deps.metrics.send_result("sent")
        log.info("outbox message %s sent", message.id)
        return True

    async def _mark_sent(self, message: outbox.PendingMessage, telegram_id: int) -> None:
        """Telegram took it: record that, trying again while the database is away for a moment
        (unrecorded, the message would go again when its claim runs out)."""
        for pause in MARK_SENT_RETRY_SECONDS:
            try:
                await outbox.mark_sent(self.deps, message.id, telegram_id, self.deps.clock())
                return
            except Exception as exc:
                if pause is None:
                    raise
                log.error(
                    "outbox message %s sent, not recorded yet: %s",
                    message.id,
                    describe_failure(exc),
                )
                await asyncio.sleep(pause)

    async def _failed(self, message: outbox.PendingMessage, exc: TelegramError) -> bool:
        failure, now = classify(exc), self.deps.clock()
        retry_after = retry_after_seconds(exc)
        verdict = await outbox.mark_failed(
            self.deps, message, failure, now, detail=detail(exc), retry_after=retry_after
        )
        if verdict is not None:
            self.deps.metrics.send_result(verdict.value)
        if verdict in (Verdict.PERMANENT, Verdict.UNDELIVERABLE):
            log.warning("outbox message %s undeliverable: %s", message.id, failure.value)
        elif verdict is not None:
            log.info("outbox message %s %s: %s", message.id, verdict.value, failure.value)
        if failure is Failure.RATE_LIMITED:
            self.paused_until = now + timedelta(seconds=retry_after or 0)
            return False
        return True
