"""Keeps the Telegram bot running beside the admin view: starts it when the Bot API answers,
retrying with backoff while it does not, and stops it cleanly."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from datetime import timedelta

from telegram.error import InvalidToken, NetworkError

from app.bootstrap import Wiring
from app.settings import Settings
from bot.application import build_application, build_sender_bot, install_handlers
from bot.flood import FloodGate, FloodLimit
from bot.request import AiohttpRequest
from bot.sender import OutboxSender
from triage.services.common.heartbeats import SENDER

log = logging.getLogger(__name__)
ALLOWED_UPDATES = ["message", "callback_query", "my_chat_member"]
FIRST_RETRY_SECONDS = 2.0
LONGEST_RETRY_SECONDS = 300.0


class BotRunner:
    def __init__(self, settings: Settings, wiring: Wiring, token: str) -> None:
        self.settings = settings
        self.wiring = wiring
        self.requests = (
            AiohttpRequest(connection_pool_size=16),
            AiohttpRequest(connection_pool_size=1),
        )
        urls = (settings.telegram_api_base_url, settings.telegram_api_file_url)
        self.application = build_application(token, *urls, self.requests)
        self.sender_request = AiohttpRequest(connection_pool_size=1)
        self.sender = OutboxSender(wiring.deps, build_sender_bot(token, *urls, self.sender_request))
        limit = FloodLimit(settings.inbound_rate_limit_updates, settings.inbound_rate_limit_seconds)
        install_handlers(self.application, wiring.deps, self.sender.kick, FloodGate(limit))
        # Expected to run from now on: /healthz says so if the Bot API never lets it start.
        interval = timedelta(seconds=settings.outbox_interval_seconds)
        wiring.deps.heartbeats.started(SENDER, wiring.deps.clock(), interval)
        self.started = False
        self._sending: asyncio.Task[None] | None = None

    async def run(self) -> None:
        """Start when the Bot API answers; until then the admin view and timers keep going."""
        if not await self._initialized():
            return
        await self.sender_request.initialize()  # the sender needs no getMe of its own
        await self.application.start()
        assert self.application.updater is not None
        await self.application.updater.start_polling(allowed_updates=ALLOWED_UPDATES)
        self.started = True
        self.wiring.deps.bot_username = self.application.bot.username
        interval = self.settings.outbox_interval_seconds
        self._sending = asyncio.create_task(self.sender.run(interval), name="outbox-sender")
        log.info("Telegram bot @%s is on (long polling)", self.application.bot.username)

    async def _initialized(self) -> bool:
        delay = FIRST_RETRY_SECONDS
        while True:
            try:
                await self.application.initialize()
                return True
            except InvalidToken:  # its message repeats the token: never log it
                log.error(
                    "The Bot API rejected TELEGRAM_BOT_TOKEN; the bot stays off. Check the token."
                )
                return False
            except NetworkError as exc:
                log.warning(
                    "Bot API not reachable (%s); retrying in %.0f s", type(exc).__name__, delay
                )
                await asyncio.sleep(delay)
                delay = min(delay * 2, LONGEST_RETRY_SECONDS)

    async def stop(self) -> None:
        if self._sending is not None:
            self._sending.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._sending
        if self.started and self.application.updater is not None:
            await self.application.updater.stop()
            await self.application.stop()
        with contextlib.suppress(NetworkError):
            await self.application.shutdown()
        await self._close_transport()

    async def _close_transport(self) -> None:
        """A failed start leaves the HTTP sessions open; the next attempt opens new ones."""
        for request in (*self.requests, self.sender_request):
            await request.shutdown()
