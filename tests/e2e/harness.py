"""Starts the real application (bot, admin, scheduler) against the Bot API stand-in."""

from __future__ import annotations

import asyncio
import contextlib
import socket
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime

import aiohttp
from sqlmodel import select

from app.runtime import serve
from app.settings import Settings, load_settings
from tests.support.botapi_stub import BotApiStub
from tests.support.deps import TEST_DATA_KEYS, TEST_KEYRING, make_deps
from triage.services.common.deps import TriageDeps
from triage.storage.db import create_engine, create_session_factory
from triage.storage.tables import OutboxMessage, Worker
from triage.storage.uow import UnitOfWorkFactory

SECRET = "e2e-secret-key-that-is-long-enough-for-tests"
WEBHOOK_SECRET = "e2e-webhook-secret_0123456789-abcdefghijklmn"
# Webhook mode as in production: Telegram posts to the public https address, which a TLS
# proxy forwards to WEBHOOK_PATH on the admin's port (the stand-in posts there directly).
WEBHOOK = {
    "telegram_mode": "webhook",
    "webhook_url": "https://lapor.example.org/telegram/webhook",
    "webhook_secret": WEBHOOK_SECRET,
}


async def eventually(check: Callable[[], Awaitable[bool]], within: float = 5.0) -> None:
    """Wait until an asynchronous condition holds (background work such as the outbox)."""
    deadline = asyncio.get_running_loop().time() + within
    while not await check():
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError("condition not met in time")
        await asyncio.sleep(0.05)


async def all_outbox_sent(uow: UnitOfWorkFactory) -> bool:
    async with uow() as unit:
        rows = (await unit.session.exec(select(OutboxMessage))).all()
    return bool(rows) and all(row.status == "sent" for row in rows)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class RunningApp:
    stub: BotApiStub
    settings: Settings
    admin_url: str
    uow: UnitOfWorkFactory

    @property
    def deps(self) -> TriageDeps:
        """Use cases' dependencies over the app's database, for arranging a test."""
        return make_deps(self.uow)


async def add_worker(
    uow: UnitOfWorkFactory, name: str, telegram_id: int, regions: list[str], role: str = "worker"
) -> int:
    now = datetime.now(UTC)
    async with uow() as unit:
        worker = Worker(
            name=name,
            telegram_user_id=telegram_id,
            role=role,
            region_codes=regions,
            created_at=now,
            updated_at=now,
        )
        unit.session.add(worker)
        await unit.commit()
        assert worker.id is not None
        return worker.id


async def _wait_until_serving(admin_url: str, task: asyncio.Task[None]) -> None:
    async with aiohttp.ClientSession() as http:
        for _ in range(200):
            if task.done():
                task.result()
            with contextlib.suppress(aiohttp.ClientError):
                async with http.get(f"{admin_url}/healthz") as response:
                    if response.status == 200:
                        return
            await asyncio.sleep(0.05)
    raise AssertionError("the application did not start")


@contextlib.asynccontextmanager
async def running_app(
    database_url: str, stub: BotApiStub | None = None, **changes: object
) -> AsyncIterator[RunningApp]:
    """The whole application on `database_url`; pass a running `stub` to keep its chats, and
    settings to change (`**WEBHOOK`: updates posted to the webhook by the stand-in;
    `inbound_rate_limit_updates=3` …)."""
    async with contextlib.AsyncExitStack() as stack:
        if stub is None:
            stub = await stack.enter_async_context(BotApiStub())
        port = free_port()
        settings = load_settings(
            environment="test",
            telegram_bot_token=stub.token,
            telegram_api_base_url=stub.base_url,
            telegram_api_file_url=stub.base_file_url,
            database_url=database_url,
            admin_port=port,
            secret_key=SECRET,
            data_keys=TEST_DATA_KEYS,
            outbox_interval_seconds=0.2,
            **changes,
        )
        if settings.telegram_mode == "webhook":
            stub.forward_webhook_to(f"http://127.0.0.1:{port}{settings.webhook_path}")
        stop = asyncio.Event()
        task = asyncio.create_task(serve(settings, stop))
        engine = create_engine(database_url, keyring=TEST_KEYRING)
        try:
            await _wait_until_serving(f"http://127.0.0.1:{port}", task)
            yield RunningApp(
                stub,
                settings,
                f"http://127.0.0.1:{port}",
                UnitOfWorkFactory(create_session_factory(engine)),
            )
        finally:
            stop.set()
            await asyncio.wait_for(task, timeout=15)
            await engine.dispose()
