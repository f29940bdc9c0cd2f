"""/healthz: the database, this process's loops and the outbox's lag, as JSON with 200 or 503."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer

from admin.web import create_admin_app
from tests.admin.conftest import SECRET_KEY
from tests.support.deps import TEST_KEYRING, Clock, make_deps
from triage.services.common.deps import TriageDeps
from triage.services.common.heartbeats import SENDER, SLA_SWEEP
from triage.services.outbox.port import OutgoingMessage
from triage.services.outbox.queue import enqueue
from triage.storage.db import create_engine, create_session_factory
from triage.storage.tables import OutboxMessage
from triage.storage.uow import UnitOfWorkFactory

Client = TestClient[web.Request, web.Application]
SECOND = timedelta(seconds=1)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def deps(uow_factory: UnitOfWorkFactory, clock: Clock) -> TriageDeps:
    return make_deps(uow_factory, clock=clock)


@pytest.fixture
async def client(deps: TriageDeps) -> AsyncIterator[Client]:
    app = create_admin_app(deps=deps, secret_key=SECRET_KEY, outbox_lag=timedelta(minutes=5))
    async with TestClient(TestServer(app)) as test_client:
        yield test_client


async def queue(deps: TriageDeps, key: str, due_ago: timedelta) -> None:
    async with deps.uow() as uow:
        await enqueue(uow.session, OutgoingMessage(key, 1, "rahasia"), deps.clock() - due_ago)
        await uow.commit()


async def test_verbose_lists_every_check(client: Client, deps: TriageDeps, clock: Clock) -> None:
    deps.heartbeats.started(SENDER, clock(), SECOND)
    deps.heartbeats.started(SLA_SWEEP, clock(), SECOND)
    clock.now += 2 * SECOND
    deps.heartbeats.ran(SENDER, clock())
    await queue(deps, "due", timedelta(seconds=90))
    await queue(deps, "later", -timedelta(minutes=1))
    async with deps.uow() as uow:
        uow.session.add(
            OutboxMessage(
                dedup_key="gone", created_at=clock(), chat_id=2, text="", status="undeliverable",
                next_attempt_at=clock(), failure="blocked", failed_at=clock(),
            )
        )  # fmt: skip
        await uow.commit()

    response = await client.get("/healthz?verbose")

    assert response.status == 200
    assert await response.json() == {
        "status": "ok",
        "checks": {
            "database": {"ok": True},
            "outbox": {
                "ok": True,
                "pending": 2,
                "oldest_due_seconds": 90.0,
                "undeliverable": 1,
            },
            "outbox_sender": {
                "ok": True,
                "running": True,
                "last_run_seconds_ago": 0.0,
                "elected_here": True,  # one process on SQLite: always the sender
                "elected_anywhere": True,
            },
            "sla_sweep": {"ok": True, "running": True, "last_run_seconds_ago": None},
        },
    }


async def test_loops_this_process_does_not_run_are_not_held_against_it(client: Client) -> None:
    response = await client.get("/healthz?verbose")

    checks = (await response.json())["checks"]
    assert response.status == 200
    assert checks["outbox_sender"] == {
        "ok": True,
        "running": False,
        "last_run_seconds_ago": None,
        "elected_here": False,
        "elected_anywhere": False,
    }


async def test_a_sender_that_stopped_running_fails_the_check(
    client: Client, deps: TriageDeps, clock: Clock
) -> None:
    deps.heartbeats.started(SENDER, clock(), SECOND)
    deps.heartbeats.ran(SENDER, clock())
    clock.now += timedelta(minutes=1)
    assert (await client.get("/healthz")).status == 200  # quiet for the longest it may be

    clock.now += SECOND
    response = await client.get("/healthz")

    body = await response.json()
    assert (response.status, body["status"]) == (503, "unavailable")
    assert body["checks"]["outbox_sender"] == {
        "ok": False,
        "running": True,
        "last_run_seconds_ago": 61.0,
        "elected_here": True,
        "elected_anywhere": True,
    }


async def test_a_sweep_that_never_ran_fails_once_its_quiet_time_is_over(
    client: Client, deps: TriageDeps, clock: Clock
) -> None:
    deps.heartbeats.started(SLA_SWEEP, clock(), timedelta(seconds=30))
    clock.now += timedelta(minutes=4)
    assert (await client.get("/healthz")).status == 200  # ten intervals of 30 s

    clock.now += timedelta(minutes=1, seconds=1)
    response = await client.get("/healthz")

    assert response.status == 503
    assert (await response.json())["checks"]["sla_sweep"]["ok"] is False


async def test_a_message_due_too_long_fails_the_outbox_check(
    client: Client, deps: TriageDeps
) -> None:
    await queue(deps, "stuck", timedelta(minutes=5, seconds=1))

    response = await client.get("/healthz")

    outbox = (await response.json())["checks"]["outbox"]
    assert response.status == 503
    assert (outbox["ok"], outbox["oldest_due_seconds"]) == (False, 301.0)
    assert "rahasia" not in await response.text()


async def healthz_over(database_url: str) -> tuple[int, dict[str, Any]]:
    engine = create_engine(database_url, keyring=TEST_KEYRING)
    deps = make_deps(UnitOfWorkFactory(create_session_factory(engine)))
    app = create_admin_app(deps=deps, secret_key=SECRET_KEY)
    try:
        async with TestClient(TestServer(app)) as client:
            response = await client.get("/healthz")
            return response.status, await response.json()
    finally:
        await engine.dispose()


async def test_an_unreachable_database_fails_every_check_that_needs_it() -> None:
    status, body = await healthz_over("postgresql+asyncpg://nobody@127.0.0.1:9/closed")

    assert (status, body["status"]) == (503, "unavailable")
    assert body["checks"]["database"] == {"ok": False}
    assert body["checks"]["outbox"] == {"ok": False}


async def test_a_database_without_the_outbox_table_fails_the_outbox_check(tmp_path: Path) -> None:
    status, body = await healthz_over(f"sqlite+aiosqlite:///{tmp_path / 'never-migrated.db'}")

    assert status == 503
    assert (body["checks"]["database"], body["checks"]["outbox"]) == ({"ok": True}, {"ok": False})
