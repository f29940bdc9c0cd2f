"""`lapor-sosial run` in its own process, stopped by SIGTERM while it processes an update (its
reply to Telegram held back by the stand-in): the update is finished and its effect stored,
new webhook posts are answered 503 (Telegram delivers them again), the process exits 0 within
SHUTDOWN_TIMEOUT_SECONDS. An update the timeout cuts short is processed at the next start."""

from __future__ import annotations

import asyncio
import contextlib
import signal
import sys
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path

import pytest
from sqlmodel import select

from tests.e2e.harness import WEBHOOK, WEBHOOK_SECRET, eventually, free_port
from tests.e2e.test_private_logs import ROOT, app_environment, last_lines, wait_until_serving
from tests.support.botapi_stub import BotApiStub
from tests.support.deps import TEST_DATA_KEYS, TEST_KEYRING
from triage.storage.db import create_engine, create_session_factory
from triage.storage.tables import Draft, InboxUpdate
from triage.storage.uow import UnitOfWorkFactory

pytestmark = pytest.mark.slow
REPORTER = 1001
SHUTDOWN_TIMEOUT = 15.0
GRACE = 5.0  # the interpreter's own exit, after the application has stopped
WEBHOOK_ENV = {
    "TELEGRAM_MODE": "webhook",
    "WEBHOOK_URL": str(WEBHOOK["webhook_url"]),
    "WEBHOOK_SECRET": WEBHOOK_SECRET,
}


class Run:
    """One `lapor-sosial run` process and its log."""

    def __init__(self, process: asyncio.subprocess.Process, log: Path, timeout: float) -> None:
        self.process = process
        self.log = log
        self.timeout = timeout

    async def terminate(self) -> int:
        """SIGTERM; the exit status, which must come within the shutdown timeout."""
        self.process.send_signal(signal.SIGTERM)
        try:
            return await asyncio.wait_for(self.process.wait(), self.timeout + GRACE)
        except TimeoutError:
            raise AssertionError(f"still running:\n{last_lines(self.log)}") from None

    def logged(self) -> str:
        return self.log.read_text(encoding="utf-8")


def _next_log(folder: Path) -> Path:
    """run-0.log, run-1.log …: one per start in the folder."""
    return folder / f"run-{len(list(folder.glob('run-*.log')))}.log"


@contextlib.asynccontextmanager
async def lapor_sosial_run(
    stub: BotApiStub, database_url: str, folder: Path, shutdown_seconds: float, **env: str
) -> AsyncIterator[Run]:
    """`lapor-sosial run` with SHUTDOWN_TIMEOUT_SECONDS=`shutdown_seconds`, once the bot is on."""
    port = free_port()
    log = _next_log(folder)
    environment = app_environment(stub, database_url, port) | {
        "PYTHONPATH": str(ROOT),
        "LOG_LEVEL": "INFO",
        "SHUTDOWN_TIMEOUT_SECONDS": str(shutdown_seconds),
        "DATA_KEYS": TEST_DATA_KEYS,  # this test's engine reads what the process stored
        **env,
    }
    if env.get("TELEGRAM_MODE") == "webhook":
        stub.forward_webhook_to(f"http://127.0.0.1:{port}/telegram/webhook")
    with log.open("wb") as output:
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "app.cli", "run",
            cwd=folder, env=environment, stdout=output, stderr=output,
        )  # fmt: skip
    run = Run(process, log, shutdown_seconds)
    try:
        await wait_until_serving(f"http://127.0.0.1:{port}", process, log)
        await eventually(_bot_on(stub), within=20)
        yield run
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()


def _bot_on(stub: BotApiStub) -> Callable[[], Awaitable[bool]]:
    async def on() -> bool:
        return stub.webhook is not None or bool(stub.calls_to("getUpdates"))

    return on


def _replying_to(stub: BotApiStub, chat_id: int) -> Callable[[], Awaitable[bool]]:
    """True once the bot's reply to the chat has reached the stand-in (which holds it back)."""

    async def replying() -> bool:
        return any(call.get("chat_id") == chat_id for call in stub.calls_to("sendMessage"))

    return replying


@contextlib.asynccontextmanager
async def database(url: str) -> AsyncIterator[UnitOfWorkFactory]:
    engine = create_engine(url, keyring=TEST_KEYRING)
    try:
        yield UnitOfWorkFactory(create_session_factory(engine))
    finally:
        await engine.dispose()


async def _draft(url: str) -> Draft | None:
    async with database(url) as uow, uow() as unit:
        return await unit.session.get(Draft, REPORTER)


async def _inbox(url: str) -> list[InboxUpdate]:
    async with database(url) as uow, uow() as unit:
        return list((await unit.session.exec(select(InboxUpdate).order_by("update_id"))).all())


@pytest.mark.parametrize("mode", ["polling", "webhook"])
async def test_sigterm_while_an_update_is_processed_finishes_it_and_exits_0(
    database_url: str, tmp_path: Path, mode: str
) -> None:
    env = WEBHOOK_ENV if mode == "webhook" else {}
    async with BotApiStub() as stub:
        reporter = stub.private_user(REPORTER, "Warga")
        async with lapor_sosial_run(stub, database_url, tmp_path, SHUTDOWN_TIMEOUT, **env) as run:
            stub.delay_next("sendMessage", 3.0)
            await reporter.command("/start")
            await eventually(_replying_to(stub, REPORTER))

            status = await run.terminate()

        consent = [m for m in reporter.messages if "Pilih bahasa" in m.text]
        draft = await _draft(database_url)

    assert status == 0, last_lines(run.log)
    assert len(consent) == 1  # the reply went out after SIGTERM ...
    assert draft is not None and draft.prompt_message_id == consent[0].message_id  # ... and
    # what the handler stores after it is stored: the update was finished, not cut
    logged = run.logged()
    assert "stopping" in logged and "stopped" in logged and "Traceback" not in logged
    if mode == "webhook":
        assert [(r.status, r.attempts) for r in await _inbox(database_url)] == [("processed", 1)]


async def test_webhook_posts_during_the_stop_get_503_and_come_again_after_a_restart(
    database_url: str, tmp_path: Path
) -> None:
    async with BotApiStub() as stub:
        reporter = stub.private_user(REPORTER, "Warga")
        other = stub.private_user(1002, "Tetangga")
        async with lapor_sosial_run(
            stub, database_url, tmp_path, SHUTDOWN_TIMEOUT, **WEBHOOK_ENV
        ) as run:
            stub.delay_next("sendMessage", 3.0)
            await reporter.command("/start")
            await eventually(_replying_to(stub, REPORTER))
            stopping = asyncio.create_task(run.terminate())
            await asyncio.sleep(0.5)  # the stop has begun; the reply is still held back
            await other.command("/start")
            status = await stopping
        refused = [answer for answer in stub.webhook_answers if answer[0] == 2]
        stored_then = [r.update_id for r in await _inbox(database_url)]

        async with lapor_sosial_run(
            stub, database_url, tmp_path, SHUTDOWN_TIMEOUT, **WEBHOOK_ENV
        ) as again:
            await other.wait_for("Pilih bahasa")  # Telegram delivered it again
            assert await again.terminate() == 0

    assert status == 0
    assert refused and {code for _, code in refused} <= {503, 0}  # 503, or no server at all
    assert 503 in {code for _, code in refused}
    assert stored_then == [1]
    assert [(r.update_id, r.status) for r in await _inbox(database_url)] == [
        (1, "processed"),
        (2, "processed"),
    ]


async def test_an_update_the_timeout_cuts_short_is_processed_at_the_next_start(
    database_url: str, tmp_path: Path
) -> None:
    async with BotApiStub() as stub:
        reporter = stub.private_user(REPORTER, "Warga")
        async with lapor_sosial_run(stub, database_url, tmp_path, 1.0, **WEBHOOK_ENV) as run:
            stub.delay_next("sendMessage", 60.0)  # longer than the shutdown may take
            await reporter.command("/start")
            await eventually(_replying_to(stub, REPORTER))
            status = await run.terminate()
        [left] = await _inbox(database_url)

        async with lapor_sosial_run(
            stub, database_url, tmp_path, SHUTDOWN_TIMEOUT, **WEBHOOK_ENV
        ) as again:
            # The draft from the first try is there, made by this very /start (its update_id
            # is on the draft): its question is shown again, not "continue or restart?"
            await reporter.wait_for("Pilih bahasa")
            assert await again.terminate() == 0
        [done] = await _inbox(database_url)

    assert status == 0, last_lines(run.log)
    assert "cut short" in run.logged()
    assert (left.status, left.claimed_by, left.attempts) == ("pending", None, 0)
    assert (done.update_id, done.status, done.attempts) == (left.update_id, "processed", 1)
