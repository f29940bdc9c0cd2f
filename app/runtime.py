"""`lapor-sosial run`: the bot, the admin server and the scheduler in one event loop."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
from collections.abc import AsyncIterator
from datetime import timedelta
from zoneinfo import ZoneInfo

from aiohttp import web
from apscheduler.schedulers.asyncio import AsyncIOScheduler

from admin.web import create_admin_app
from app.bootstrap import Wiring, admin_security, secret_key, wire
from app.bot_runner import BotRunner
from app.scheduler import build_scheduler
from app.settings import Settings
from triage.storage.migrate import upgrade_database_async

log = logging.getLogger(__name__)


async def serve(settings: Settings, stop: asyncio.Event | None = None) -> None:
    """Run until SIGINT/SIGTERM (or until `stop` is set, for tests)."""
    await upgrade_database_async(settings.database_url)
    wiring = wire(settings)
    stop = stop or _stop_on_signals()
    try:
        async with _admin(settings, wiring), _scheduler(settings, wiring), _bot(settings, wiring):
            await stop.wait()
    finally:
        await wiring.close()


def _stop_on_signals() -> asyncio.Event:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError):
            loop.add_signal_handler(sig, stop.set)
    return stop


@contextlib.asynccontextmanager
async def _admin(settings: Settings, wiring: Wiring) -> AsyncIterator[None]:
    app = create_admin_app(
        deps=wiring.deps,
        secret_key=secret_key(settings),
        cookie_secure=settings.admin_cookie_secure,
        display_zone=ZoneInfo(settings.timezone),
        security=admin_security(settings),
        min_cases=settings.dashboard_min_cases,
        outbox_lag=timedelta(seconds=settings.health_outbox_lag_seconds),
    )
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, settings.admin_host, settings.admin_port)
    await site.start()
    log.info("admin view on http://%s:%s/", settings.admin_host, settings.admin_port)
    try:
        yield
    finally:
        await runner.cleanup()


@contextlib.asynccontextmanager
async def _scheduler(settings: Settings, wiring: Wiring) -> AsyncIterator[AsyncIOScheduler]:
    scheduler = build_scheduler(wiring.deps, settings)
    scheduler.start()
    try:
        yield scheduler
    finally:
        scheduler.shutdown(wait=False)


@contextlib.asynccontextmanager
async def _bot(settings: Settings, wiring: Wiring) -> AsyncIterator[None]:
    if settings.telegram_bot_token is None:
        log.warning(
            "The Telegram bot is OFF: TELEGRAM_BOT_TOKEN is not set. Put the token from "
            "@BotFather in .env (TELEGRAM_BOT_TOKEN=...) and restart to turn it on."
        )
        yield
        return
    runner = BotRunner(settings, wiring, settings.telegram_bot_token.get_secret_value())
    task = asyncio.create_task(runner.run(), name="telegram-bot")
    try:
        yield
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
        await runner.stop()
