"""Webhook mode over HTTP, with the real bot runner and handlers against the Bot API stand-in,
on SQLite and PostgreSQL: the secret, stored before 200, redeliveries, bodies that are no
update, 503 while not taking updates, setWebhook's parameters, and what a stop or a failure
left in the inbox processed at the next start."""

from __future__ import annotations

import contextlib
import json
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer
from sqlmodel import select

from admin.access import TELEGRAM_SECRET_HEADER
from admin.state import TelegramWebhook
from admin.web import create_admin_app, create_webhook_app
from app.bootstrap import wire
from app.bot_runner import BotRunner
from app.roles import Role
from app.settings import load_settings
from app.shutdown import Deadline
from tests.e2e.harness import eventually
from tests.support.botapi_stub import BotApiStub
from tests.support.deps import TEST_DATA_KEYS, make_deps
from triage.services.common.heartbeats import SENDER
from triage.services.inbox import queue as inbox
from triage.storage.tables import Draft, InboxUpdate
from triage.storage.uow import UnitOfWorkFactory

Client = TestClient[web.Request, web.Application]
SECRET = "webhook-test-secret_0123456789-abcdefghijklmnop"
PUBLIC_URL = "https://lapor.example.org/telegram/webhook"
PATH = "/telegram/webhook"
KEY = "test-secret-key-that-is-long-enough-0123456789"
JSON = dict[str, Any]


@dataclass
class Webhook:
    stub: BotApiStub
    runner: BotRunner
    client: Client
    uow: UnitOfWorkFactory

    async def post(self, body: JSON | bytes, secret: str | None = SECRET, path: str = PATH) -> int:
        data = body if isinstance(body, bytes) else json.dumps(body).encode()
        headers = {"Content-Type": "application/json"}
        if secret is not None:
            headers[TELEGRAM_SECRET_HEADER] = secret
        response = await self.client.post(path, data=data, headers=headers)
        return response.status

    def take(self) -> JSON:
        """The oldest update users have sent, as Telegram would post it (and then forget it)."""
        update = self.stub.oldest_update()
        assert update is not None, "no update queued"
        self.stub.confirm_pushed(update["update_id"])
        return update

    async def inbox(self) -> list[InboxUpdate]:
        async with self.uow() as uow:
            return list((await uow.session.exec(select(InboxUpdate).order_by("update_id"))).all())

    async def settled(self) -> list[InboxUpdate]:
        """The inbox once nothing in it is pending."""

        async def done() -> bool:
            return all(row.status != "pending" for row in await self.inbox())

        await eventually(done, within=10)
        return await self.inbox()


def _settings(database_url: str, stub: BotApiStub, **changes: object) -> Any:
    return load_settings(
        environment="test",
        telegram_bot_token=stub.token,
        telegram_api_base_url=stub.base_url,
        telegram_api_file_url=stub.base_file_url,
        database_url=database_url,
        secret_key=KEY,
        data_keys=TEST_DATA_KEYS,  # the test's own engines read the same values
        outbox_interval_seconds=0.2,
        telegram_mode="webhook",
        webhook_url=PUBLIC_URL,
        webhook_secret=SECRET,
        **changes,
    )


@contextlib.asynccontextmanager
async def webhook_bot(
    database_url: str, stub: BotApiStub, uow: UnitOfWorkFactory, *, start: bool = True
) -> AsyncIterator[Webhook]:
    """The bot in webhook mode behind the admin app, as `lapor-sosial run` wires it."""
    settings = _settings(database_url, stub)
    wiring = wire(settings)
    runner = BotRunner(settings, wiring, stub.token)
    assert runner.receiver is not None
    app = create_admin_app(
        deps=wiring.deps, secret_key=KEY, webhook=TelegramWebhook(SECRET, runner.receiver, PATH)
    )
    try:
        async with TestClient(TestServer(app)) as client:
            if start:
                await runner.run()
            try:
                yield Webhook(stub, runner, client, uow)
            finally:
                await runner.stop(Deadline(10))
    finally:
        await wiring.close()


@pytest.fixture
async def stub() -> AsyncIterator[BotApiStub]:
    async with BotApiStub() as started:
        yield started


@pytest.fixture
async def bot(
    database_url: str, stub: BotApiStub, uow_factory: UnitOfWorkFactory
) -> AsyncIterator[Webhook]:
    async with webhook_bot(database_url, stub, uow_factory) as running:
        yield running


async def test_run_registers_the_webhook_with_telegram(bot: Webhook, stub: BotApiStub) -> None:
    assert stub.calls_to("setWebhook") == [
        {
            "url": PUBLIC_URL,
            "secret_token": SECRET,
            "allowed_updates": ["message", "callback_query"],
            "max_connections": 40,
            "drop_pending_updates": False,
        }
    ]
    assert stub.calls_to("getUpdates") == [] and stub.calls_to("deleteWebhook") == []


async def test_an_update_is_stored_before_the_answer_then_processed(
    bot: Webhook, stub: BotApiStub
) -> None:
    reporter = stub.private_user(1001, "Warga")
    await reporter.command("/start")
    update = bot.take()
    stub.delay_next("sendMessage", 1.0)  # the reply takes a while: processing is still on

    assert await bot.post(update) == 200

    [row] = await bot.inbox()
    assert (row.update_id, row.payload, row.status) == (update["update_id"], update, "pending")
    await reporter.wait_for("Pilih bahasa")
    [row] = await bot.settled()
    assert (row.status, row.attempts, row.claimed_by, row.processed_at is not None) == (
        "processed",
        1,
        None,
        True,
    )


async def test_a_redelivered_update_is_answered_200_and_not_processed_again(
    bot: Webhook, stub: BotApiStub
) -> None:
    reporter = stub.private_user(1001, "Warga")
    await reporter.command("/start")
    update = bot.take()
    stub.delay_next("sendMessage", 0.5)

    statuses = [await bot.post(update), await bot.post(update)]  # the second while processing
    await bot.settled()
    statuses.append(await bot.post(update))  # and once it is processed
    await reporter.wait_idle()

    assert statuses == [200, 200, 200]
    assert [row.update_id for row in await bot.inbox()] == [update["update_id"]]
    assert len([m for m in reporter.messages if "Pilih bahasa" in m.text]) == 1
    assert _updates_counted(bot) == {"message": 1.0}  # /metrics: once, as when polling


def _updates_counted(bot: Webhook) -> dict[str, float]:
    """Updates processed by kind as /metrics counts them (kinds never seen left out)."""
    samples = bot.runner.wiring.deps.metrics.updates.collect()[0].samples
    return {s.labels["type"]: s.value for s in samples if s.name.endswith("_total") and s.value}


@pytest.mark.parametrize("secret", [None, "", SECRET[:-1] + "x", SECRET + "x"])
async def test_without_the_secret_401_and_nothing_stored(
    bot: Webhook, stub: BotApiStub, secret: str | None
) -> None:
    reporter = stub.private_user(1001, "Warga")
    await reporter.command("/start")

    assert await bot.post(bot.take(), secret=secret) == 401

    assert await bot.inbox() == []
    assert reporter.messages == []


NOT_UPDATES = {
    "not JSON": b"{update_id: 1",
    "not UTF-8": b"\xff\xfe\x00",
    "a list": b"[1, 2]",
    "no update_id": b'{"message": {"text": "halo"}}',
    "update_id a string": b'{"update_id": "7"}',
    "update_id negative": b'{"update_id": -1}',
    "update_id true": b'{"update_id": true}',
    "update_id past 64 bits": b'{"update_id": 9223372036854775808}',
    "a message no update is made of": b'{"update_id": 9, "message": {"text": "halo"}}',
}


@pytest.mark.parametrize("body", NOT_UPDATES.values(), ids=NOT_UPDATES.keys())
async def test_a_body_that_is_no_update_is_refused_400_and_nothing_stored(
    bot: Webhook, body: bytes
) -> None:
    assert await bot.post(body) == 400
    assert await bot.inbox() == []


async def test_an_update_larger_than_the_admins_forms_is_taken(
    bot: Webhook, stub: BotApiStub
) -> None:
    reporter = stub.private_user(1001, "Warga")
    await reporter.send("panjang " * 12_000)  # about 100 KB, past the admin's 64 KiB forms
    update = bot.take()

    assert await bot.post(update) == 200
    assert [row.update_id for row in await bot.inbox()] == [update["update_id"]]


async def test_a_body_over_a_megabyte_is_refused_413_and_nothing_stored(bot: Webhook) -> None:
    update = {"update_id": 5, "message": {"text": "x" * (1024 * 1024)}}
    assert await bot.post(update) == 413
    assert await bot.inbox() == []


async def test_until_the_bot_is_ready_and_once_it_stops_503_and_nothing_stored(
    database_url: str, stub: BotApiStub, uow_factory: UnitOfWorkFactory
) -> None:
    reporter = stub.private_user(1001, "Warga")
    await reporter.command("/start")
    async with webhook_bot(database_url, stub, uow_factory, start=False) as early:
        update = early.take()
        before = await early.post(update)
        await early.runner.run()
        assert early.runner.receiver is not None
        await early.runner.receiver.close(1)
        after = await early.post(update)

        assert (before, after) == (503, 503)
        assert await early.inbox() == []


async def test_a_failed_update_is_processed_again_at_the_next_start(
    database_url: str, stub: BotApiStub, uow_factory: UnitOfWorkFactory
) -> None:
    reporter = stub.private_user(1001, "Warga")
    await reporter.command("/start")
    async with webhook_bot(database_url, stub, uow_factory) as first:
        stub.fail_next("sendMessage", error_code=500)  # the question does not go out
        assert await first.post(first.take()) == 200
        [failed] = await first.settled()
        await reporter.wait_for("ada gangguan")  # the reporter was told something went wrong

    async with webhook_bot(database_url, stub, uow_factory) as second:
        # Its /start again: the draft this very update began is there, so its question is
        # shown again (not "continue or restart?")
        await reporter.wait_for("Pilih bahasa")
        [row] = await second.settled()

    assert (failed.status, failed.attempts) == ("failed", 1)
    assert failed.last_error is not None and failed.last_error.startswith("NetworkError at ")
    assert (row.status, row.attempts) == ("processed", 2)


async def test_updates_left_from_a_stop_are_processed_first_oldest_first(
    database_url: str, stub: BotApiStub, uow_factory: UnitOfWorkFactory
) -> None:
    """Stored by a process that stopped before processing them (its claims released)."""
    deps = make_deps(uow_factory)
    reporter = stub.private_user(1001, "Warga")
    await reporter.command("/start")
    await reporter.command("/bantuan")
    start, help_ = _taken(stub), _taken(stub)
    stored = [
        await inbox.store(deps, u["update_id"], u, "gone:1", deps.clock()) for u in (help_, start)
    ]
    await inbox.release(deps, [s.id for s in stored if s is not None])

    async with webhook_bot(database_url, stub, uow_factory) as bot:
        rows = await bot.settled()
        await reporter.wait_idle()

    assert [(r.update_id, r.status) for r in rows] == [(1, "processed"), (2, "processed")]
    texts = [m.text for m in reporter.messages]
    consent = next(i for i, t in enumerate(texts) if "Pilih bahasa" in t)
    assert consent == 0 and len(texts) > 1  # /start answered first, then /bantuan
    async with uow_factory() as uow:
        assert await uow.session.get(Draft, reporter.chat_id) is not None


async def test_the_webhook_on_a_port_of_its_own(
    database_url: str, stub: BotApiStub, uow_factory: UnitOfWorkFactory
) -> None:
    reporter = stub.private_user(1001, "Warga")
    await reporter.command("/start")
    async with webhook_bot(database_url, stub, uow_factory) as bot:
        assert bot.runner.receiver is not None
        alone = create_webhook_app(TelegramWebhook(SECRET, bot.runner.receiver, "/tg/in"))
        async with TestClient(TestServer(alone)) as own_port:
            update = bot.take()
            wrong = await own_port.post("/tg/in", json=update)
            right = await own_port.post(
                "/tg/in", json=update, headers={TELEGRAM_SECRET_HEADER: SECRET}
            )
            nothing_else = await own_port.get("/healthz")
        await reporter.wait_for("Pilih bahasa")

    assert (wrong.status, right.status, nothing_else.status) == (401, 200, 404)


async def test_the_admin_without_a_webhook_does_not_take_updates(
    uow_factory: UnitOfWorkFactory,
) -> None:
    app = create_admin_app(deps=make_deps(uow_factory), secret_key=KEY)
    async with TestClient(TestServer(app)) as client:
        response = await client.post(
            PATH, json={"update_id": 1}, headers={TELEGRAM_SECRET_HEADER: SECRET}
        )
    assert response.status == 404


async def test_polling_removes_a_webhook_left_registered(
    database_url: str, stub: BotApiStub
) -> None:
    stub.webhook = {"url": PUBLIC_URL, "secret_token": SECRET}
    settings = _settings(database_url, stub).model_copy(update={"telegram_mode": "polling"})
    wiring = wire(settings)
    runner = BotRunner(settings, wiring, stub.token)
    try:
        await runner.run()
        await eventually(_polled(stub))
    finally:
        stub.wake_all()
        await runner.stop(Deadline(10))
        await wiring.close()

    assert runner.receiver is None and stub.webhook is None
    assert stub.calls_to("deleteWebhook")[0].get("drop_pending_updates") in (None, False)


def _taken(stub: BotApiStub) -> JSON:
    update = stub.oldest_update()
    assert update is not None
    stub.confirm_pushed(update["update_id"])
    return update


def _polled(stub: BotApiStub) -> Any:
    async def check() -> bool:
        return bool(stub.calls_to("getUpdates"))

    return check


async def test_updates_a_process_that_died_had_claimed_are_taken_over_without_a_restart(
    bot: Webhook,
) -> None:
    """Stored and claimed by another process (its presence token no longer held), lease
    still running: the rescue frees and processes them; a live owner's rows are left."""
    deps = bot.runner.wiring.deps
    reporter = bot.stub.private_user(1001, "Warga")
    other = bot.stub.private_user(1002, "Tetangga")
    await reporter.command("/start")
    await other.command("/start")
    dead, alive = _taken(bot.stub), _taken(bot.stub)
    await inbox.store(deps, dead["update_id"], dead, "77:gone-host:1", deps.clock())
    await inbox.store(deps, alive["update_id"], alive, deps.coordination.owner, deps.clock())

    assert await bot.runner.receiver.rescue() == 1  # type: ignore[union-attr]

    await reporter.wait_for("Pilih bahasa")
    rows = await bot.inbox()
    assert [(r.update_id, r.status) for r in rows] == [(1, "processed"), (2, "pending")]


def test_each_role_runs_its_part() -> None:
    parts = {r: (r.takes_webhook, r.sends, r.schedules, r.polls) for r in Role}
    assert parts == {
        Role.WEB: (True, False, False, False),
        Role.WORKER: (False, True, True, True),
        Role.ALL: (True, True, True, True),
    }


@pytest.mark.parametrize("role", [Role.WEB, Role.WORKER])
async def test_a_web_process_takes_the_webhook_and_a_worker_sends(
    database_url: str, stub: BotApiStub, role: Role
) -> None:
    settings = _settings(database_url, stub)
    wiring = wire(settings)
    try:
        runner = BotRunner(settings, wiring, stub.token, role)
        assert (runner.receiver is not None, runner.sends) == (
            role is Role.WEB, role is Role.WORKER,
        )  # fmt: skip
        assert (SENDER in wiring.deps.heartbeats.loops()) is (role is Role.WORKER)
        await runner.stop(Deadline(5))
    finally:
        await wiring.close()
