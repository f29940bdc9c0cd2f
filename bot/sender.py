"""Drains the outbox through the Bot API: claim, send, mark sent, or retry with backoff."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import socket

from telegram import Bot, InlineKeyboardMarkup
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError

from triage.services.common.deps import TriageDeps
from triage.services.common.failures import describe_failure
from triage.services.outbox import queue as outbox

log = logging.getLogger(__name__)


class OutboxSender:
    """One sender per process; claims are leases, so several processes never double-send.

    At a stop (`stop`), the message being sent is finished and the claims of the others this
    sender holds are given back, so the next start (or another process) sends them at once.
    """

    def __init__(self, deps: TriageDeps, bot: Bot) -> None:
        self.deps = deps
        self.bot = bot
        self.owner = f"{socket.gethostname()}:{os.getpid()}"
        self.wakeup = asyncio.Event()
        self.stopping = False

    def kick(self) -> None:
        self.wakeup.set()

    def stop(self) -> None:
        """Have `run` return after the message being sent."""
        self.stopping = True
        self.wakeup.set()

    async def drain_once(self) -> int:
        """Send everything due now; return how many were claimed."""
        pending = await outbox.claim_pending(self.deps, self.owner, self.deps.clock())
        left = list(pending)
        try:
            while left and not self.stopping:
                await self._send(left[0])
                left.pop(0)
        finally:  # a stop, or cancelled at the shutdown timeout (mid-send: sent again later)
            if left:
                await outbox.release(self.deps, [message.id for message in left])
        return len(pending)

    async def run(self, interval: float) -> None:
        while not self.stopping:
            self.wakeup.clear()  # before draining: a kick or a stop meanwhile is not lost
            try:
                while not self.stopping and await self.drain_once():
                    pass
            except Exception as exc:  # keep draining after a database hiccup
                log.error("outbox drain failed: %s", describe_failure(exc))
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.wakeup.wait(), timeout=interval)

    async def _send(self, message: outbox.PendingMessage) -> None:
        now = self.deps.clock
        markup = (
            InlineKeyboardMarkup.de_json(message.reply_markup, self.bot)
            if message.reply_markup
            else None
        )
        try:
            sent = await self.bot.send_message(
                chat_id=message.chat_id, text=message.text, reply_markup=markup
            )
        except RetryAfter as exc:
            retry = (
                exc.retry_after.total_seconds()
                if hasattr(exc.retry_after, "total_seconds")
                else float(exc.retry_after)
            )
            await outbox.mark_failed(self.deps, message.id, "retry_after", now(), retry_after=retry)
        except Forbidden:
            log.warning("outbox message %s undeliverable: bot blocked or chat gone", message.id)
            await outbox.mark_failed(self.deps, message.id, "forbidden", now(), permanent=True)
        except BadRequest as exc:
            log.warning("outbox message %s refused: %s", message.id, type(exc).__name__)
            await outbox.mark_failed(
                self.deps, message.id, f"bad_request: {exc.message[:200]}", now()
            )
        except (NetworkError, TelegramError) as exc:
            await outbox.mark_failed(self.deps, message.id, type(exc).__name__, now())
        else:
            await outbox.mark_sent(self.deps, message.id, sent.message_id, now())
            log.info("outbox message %s sent", message.id)
