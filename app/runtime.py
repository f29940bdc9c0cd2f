"""`lapor-sosial run`: the bot, the admin server and the scheduler in one event loop.

On SIGTERM or SIGINT the process stops gracefully within SHUTDOWN_TIMEOUT_SECONDS: it stops
taking updates (the webhook answers 503, so Telegram delivers them again; polling stops
fetching), finishes the updates in flight, lets the outbox sender finish its send and give
back its claims, stops the scheduler (a running job may finish), closes the servers and the
database, and exits 0. What the timeout cuts short is done at the next start (the inbox and
the outbox keep it).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
from collections.abc import AsyncIterator
from datetime import timedelta
from zoneinfo import ZoneInfo

from aiohttp import web

from admin.state import TelegramWebhook
from admin.web import create_admin_app, create_webhook_app
from app.bootstrap import Wiring, admin_security, data_keyring, secret_key, wire
from app.bot_runner import BotRunner
from app.heap import freeze_start_up
from app.roles import Role
from app.scheduler import Timers
from app.settings import Settings
from app.shutdown import Deadline, within
from triage.services.common.crashed_claims import release_crashed_claims
from triage.services.common.failures import describe_failure
from triage.storage.migrate import upgrade_database_async

log = logging.getLogger(__name__)


async def serve(
    settings: Settings, stop: asyncio.Event | None = None, role: Role = Role.ALL
) -> None:
    """Run until SIGINT/SIGTERM (or until `stop` is set, for tests) in `role`."""
    stop = stop or _stop_on_signals()
    await upgrade_database_async(settings.database_url, data_keyring(settings))
    wiring = wire(settings)
    await _present(wiring)
    log.info("running as %s", role.value)
    deadline = Deadline(settings.shutdown_timeout_seconds)
    bot = _bot_runner(settings, wiring, role)
    webhook = _webhook(settings, bot)
    try:
        async with (
            _admin(settings, wiring, deadline, None if settings.webhook_port else webhook),
            _webhook_server(settings, deadline, webhook if settings.webhook_port else None),
            _timers(settings, wiring, deadline, role),
            _bot(bot, deadline),
        ):
            log.info("%d objects made at start-up frozen", freeze_start_up())
            await stop.wait()
            log.info("stopping (within %.0f s)", deadline.left())
    finally:
        await wiring.close()
    log.info("stopped")


def _stop_on_signals() -> asyncio.Event:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError):
            loop.add_signal_handler(sig, stop.set)
    return stop


async def _present(wiring: Wiring) -> None:
    """Announce this process to the others on the database (PostgreSQL: its presence lock),
    then free at once the claims of processes that died without a stop."""
    deps = wiring.deps
    try:
        await deps.coordination.start()
        freed = await release_crashed_claims(deps, deps.coordination.alive)
    except Exception as exc:  # the lock is taken again at its first use; leases free claims
        log.warning("claims of dead processes not freed at the start: %s", describe_failure(exc))
        return
    if freed:
        log.warning("freed %s claims held by a process that ended without a stop", freed)


def _bot_runner(settings: Settings, wiring: Wiring, role: Role) -> BotRunner | None:
    if settings.telegram_bot_token is None:
        log.warning(
            "The Telegram bot is OFF: TELEGRAM_BOT_TOKEN is not set. Put the token from "
            "@BotFather in .env (TELEGRAM_BOT_TOKEN=...) and restart to turn it on."
        )
        return None
    if role is Role.WEB and settings.telegram_mode == "polling":
        return None  # a web process has no bot to run in polling mode: a worker polls
    return BotRunner(settings, wiring, settings.telegram_bot_token.get_secret_value(), role)


def _webhook(settings: Settings, bot: BotRunner | None) -> TelegramWebhook | None:
    """What the webhook route needs in webhook mode (settings made sure of the secret)."""
    if bot is None or bot.receiver is None or settings.webhook_secret is None:
        return None
    secret = settings.webhook_secret.get_secret_value()
    return TelegramWebhook(secret, bot.receiver, settings.webhook_path)


@contextlib.asynccontextmanager
async def _admin(
    settings: Settings, wiring: Wiring, deadline: Deadline, webhook: TelegramWebhook | None
) -> AsyncIterator[None]:
    app = create_admin_app(
        deps=wiring.deps,
        secret_key=secret_key(settings),
        cookie_secure=settings.admin_cookie_secure,
        display_zone=ZoneInfo(settings.timezone),
        security=admin_security(settings),
        min_cases=settings.dashboard_min_cases,
        outbox_lag=timedelta(seconds=settings.health_outbox_lag_seconds),
        webhook=webhook,
    )
    async with _serving(app, settings.admin_host, settings.admin_port, deadline, "admin"):
        log.info("admin view on http://%s:%s/", settings.admin_host, settings.admin_port)
        if webhook is not None:
            log.info("Telegram webhook taken on the admin's port at %s", settings.webhook_path)
        yield


@contextlib.asynccontextmanager
async def _webhook_server(
    settings: Settings, deadline: Deadline, webhook: TelegramWebhook | None
) -> AsyncIterator[None]:
    """The webhook on a port of its own (WEBHOOK_PORT), on the admin's address."""
    if webhook is None or settings.webhook_port is None:
        yield
        return
    app = create_webhook_app(webhook)
    port = settings.webhook_port
    async with _serving(app, settings.admin_host, port, deadline, "webhook"):
        log.info("Telegram webhook on http://%s:%s%s", settings.admin_host, port, webhook.path)
        yield


@contextlib.asynccontextmanager
async def _serving(
    app: web.Application, host: str, port: int, deadline: Deadline, what: str
) -> AsyncIterator[None]:
    runner = web.AppRunner(app, access_log=None, shutdown_timeout=deadline.seconds)
    await runner.setup()
    try:
        await web.TCPSite(runner, host, port).start()
        yield
    finally:  # last: answers (503 to Telegram) until the bot has stopped
        await within(deadline, runner.cleanup(), f"the {what} server's requests")


@contextlib.asynccontextmanager
async def _timers(
    settings: Settings, wiring: Wiring, deadline: Deadline, role: Role
) -> AsyncIterator[None]:
    if not role.schedules:
        yield
        return
    timers = Timers(wiring.deps, settings)
    timers.start()
    try:
        yield
    finally:
        await timers.stop(deadline.left())


@contextlib.asynccontextmanager
async def _bot(runner: BotRunner | None, deadline: Deadline) -> AsyncIterator[None]:
    if runner is None:
        yield
        return
    task = asyncio.create_task(runner.run(), name="telegram-bot")
    try:
        yield
    finally:
        task.cancel()  # still starting (the Bot API unreachable, or the inbox draining)
        try:
            await task
        except asyncio.CancelledError:
            pass
        except Exception as exc:
            log.error("the bot failed to start: %s", describe_failure(exc))
        await runner.stop(deadline)
