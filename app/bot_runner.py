"""Keeps the Telegram bot running beside the admin view: starts it when the Bot API answers,
retrying with backoff while it does not, takes updates by long polling or by webhook as
configured, and stops it gracefully.

What it runs depends on the process's role (`app/roles.py`): a web process takes webhook
posts and sends nothing; a worker runs the outbox sender (which sends only while elected)
and, in polling mode, polls; `all` does both."""

from __future__ import annotations

import asyncio
import logging
from datetime import timedelta

from telegram.error import BadRequest, InvalidToken, NetworkError

from app.bootstrap import Wiring
from app.roles import Role
from app.settings import Settings
from app.shutdown import Deadline, within
from bot.application import ALLOWED_UPDATES, build_application, build_sender_bot, install_handlers
from bot.flood import FloodGate, FloodLimit
from bot.partner_sender import PartnerWebhookSender
from bot.request import AiohttpRequest
from bot.sender import OutboxSender
from bot.webhook import InboxReceiver
from triage.services.common.failures import describe_failure
from triage.services.common.heartbeats import SENDER

log = logging.getLogger(__name__)
FIRST_RETRY_SECONDS = 2.0
LONGEST_RETRY_SECONDS = 300.0


class BotRunner:
    def __init__(
        self, settings: Settings, wiring: Wiring, token: str, role: Role = Role.ALL
    ) -> None:
        self.settings = settings
        self.wiring = wiring
        webhook = settings.telegram_mode == "webhook"
        self.sends = role.sends
        self.polls = not webhook and role.polls
        self.requests = (
            AiohttpRequest(connection_pool_size=16),
            AiohttpRequest(connection_pool_size=1),
        )
        urls = (settings.telegram_api_base_url, settings.telegram_api_file_url)
        self.application = build_application(
            token,
            *urls,
            self.requests,
            polling=not webhook,
            chat_locks=wiring.deps.coordination,
            messages_per_second=settings.telegram_messages_per_second,
        )
        self.sender_request = AiohttpRequest(connection_pool_size=1)
        self.sender = OutboxSender(wiring.deps, build_sender_bot(token, *urls, self.sender_request))
        limit = FloodLimit(settings.inbound_rate_limit_updates, settings.inbound_rate_limit_seconds)
        kick = self.sender.kick if self.sends else _nobody
        install_handlers(self.application, wiring.deps, kick, FloodGate(limit), dedupe=not webhook)
        # Webhook mode: the admin's server (or its own) hands posted updates to the receiver.
        receives = webhook and role.takes_webhook
        self.receiver = InboxReceiver(wiring.deps, self.application) if receives else None
        if self.sends:  # expected to run from now on: /healthz says so if it never starts
            interval = timedelta(seconds=settings.outbox_interval_seconds)
            wiring.deps.heartbeats.started(SENDER, wiring.deps.clock(), interval)
        self.started = False
        self._sending: asyncio.Task[None] | None = None
        # Partners' webhooks: the outbox's other channel, posted whether or not Telegram answers.
        self.webhooks = PartnerWebhookSender(wiring.deps)
        self._posting: asyncio.Task[None] | None = None

    async def run(self) -> None:
        """Start when the Bot API answers; until then the admin view and timers keep going."""
        if self.sends and self._posting is None:
            interval = self.settings.outbox_interval_seconds
            self._posting = asyncio.create_task(self.webhooks.run(interval), name="webhooks")
        if not await self._initialized():
            return
        await self.sender_request.initialize()  # the sender needs no getMe of its own
        await self.application.start()
        self.started = True
        self.wiring.deps.bot_username = self.application.bot.username
        if self.sends:
            interval = self.settings.outbox_interval_seconds
            self._sending = asyncio.create_task(self.sender.run(interval), name="outbox-sender")
        if self.receiver is not None:
            await self._take_webhook(self.receiver)
        elif self.polls:  # start_polling removes a webhook left registered (deleteWebhook)
            assert self.application.updater is not None
            await self.application.updater.start_polling(allowed_updates=ALLOWED_UPDATES)
            log.info("Telegram bot @%s is on (long polling)", self.application.bot.username)
        else:
            log.info("Telegram bot @%s: the outbox sender only", self.application.bot.username)

    async def _take_webhook(self, receiver: InboxReceiver) -> None:
        """What the inbox holds from before first, oldest first; then new updates; then tell
        Telegram where to post (it may already: updates posted meanwhile got 503, and come
        again)."""
        try:
            await receiver.drain()
        except Exception as exc:  # the rows stay for the next start
            log.error("inbox: updates from before not processed: %s", describe_failure(exc))
        receiver.open()
        if await self._registered_webhook():
            log.info("Telegram bot @%s is on (webhook)", self.application.bot.username)

    async def _registered_webhook(self) -> bool:
        settings = self.settings
        assert settings.webhook_url is not None and settings.webhook_secret is not None
        delay = FIRST_RETRY_SECONDS
        while True:
            try:
                await self.application.bot.set_webhook(
                    url=settings.webhook_url,
                    secret_token=settings.webhook_secret.get_secret_value(),
                    allowed_updates=ALLOWED_UPDATES,
                    max_connections=settings.webhook_max_connections,
                    drop_pending_updates=False,
                )
                return True
            except BadRequest as exc:  # Telegram's words about our URL: nothing personal
                log.error("Telegram refused the webhook (%s); check WEBHOOK_URL", exc.message)
                return False
            except NetworkError as exc:
                log.warning("setWebhook failed (%s); retrying in %.0f s", type(exc).__name__, delay)
                await asyncio.sleep(delay)
                delay = min(delay * 2, LONGEST_RETRY_SECONDS)

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

    async def stop(self, deadline: Deadline) -> None:
        """Stop taking updates (the webhook answers 503, polling stops fetching), finish those
        in flight, let the outbox sender finish its send and give back its claims, close;
        all within the deadline."""
        if self.receiver is not None:
            await self.receiver.close(deadline.left())
        elif self.application.updater is not None and self.application.updater.running:
            await within(deadline, self.application.updater.stop(), "polling")
        if self.started:  # polling: the updates fetched so far are processed here
            await within(deadline, self.application.stop(), "updates in flight")
        await self._stop_sending(deadline)
        try:
            await self.application.shutdown()
        except (NetworkError, RuntimeError) as exc:  # still running after a cut-short stop
            log.warning("bot shutdown incomplete: %s", type(exc).__name__)
        await self._close_transport()

    async def _stop_sending(self, deadline: Deadline) -> None:
        self.sender.stop()
        self.webhooks.stop()
        if self._sending is not None:
            await within(deadline, self._sending, "the outbox's current send")
        if self._posting is not None:
            await within(deadline, self._posting, "the webhooks' current posts")

    async def _close_transport(self) -> None:
        """A failed start leaves the HTTP sessions open; the next attempt opens new ones."""
        for request in (*self.requests, self.sender_request):
            await request.shutdown()


def _nobody() -> None:
    """No sender in this process: the elected one (a worker) polls the outbox itself."""
