"""Two `lapor-sosial run` processes on one PostgreSQL behind a load balancer (the stand-in
posts webhook updates to each in turn), reporters filing reports through both, and the
process that holds the outbox sender's role killed with SIGKILL mid-way while it hands a
worker's notification to Telegram.

Counted: every report a reporter got a reference for is stored, each reporter has exactly
one report with their own story (no conversation lost or forked), every outbox row reached
the stand-in, the survivor took the sender's role. The notification in flight at the kill
is the one message sent twice, and the test says so: Telegram took it, the sender died
before it could record that, and the survivor sends it again (at least once; Telegram has
no idempotency key). Every other message arrives exactly once.
"""

from __future__ import annotations

import asyncio
import contextlib
import re
import signal
import sys
from collections import Counter
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import aiohttp
import pytest
from sqlmodel import select

from tests.e2e.conversation import tap
from tests.e2e.harness import WEBHOOK, WEBHOOK_SECRET, add_worker, eventually, free_port
from tests.e2e.test_private_logs import ROOT, app_environment, last_lines, wait_until_serving
from tests.support.botapi_stub import BotApiStub
from tests.support.deps import TEST_DATA_KEYS, TEST_KEYRING
from tests.support.stub_users import ChatActor
from triage.storage.db import create_engine, create_session_factory, is_sqlite
from triage.storage.tables import InboxUpdate, OutboxMessage, Report
from triage.storage.uow import UnitOfWorkFactory

pytestmark = [pytest.mark.slow, pytest.mark.postgres]
T = TypeVar("T")
REPORTERS = 12
KILL_AFTER = REPORTERS // 4  # references seen before the kill
WORKERS = list(range(2001, 2007))
STEP = 45.0  # the longest a reporter waits for one answer (a takeover takes seconds)
PHONE = "+6281398765432"
REFERENCE = re.compile(r"LS-[0-9A-Z]{4}-[0-9A-Z]{4}")
ENV = {
    "TELEGRAM_MODE": "webhook",
    "WEBHOOK_URL": str(WEBHOOK["webhook_url"]),
    "WEBHOOK_SECRET": WEBHOOK_SECRET,
    "LOG_LEVEL": "INFO",
    "SHUTDOWN_TIMEOUT_SECONDS": "10",
}


@dataclass
class Process:
    name: str
    url: str
    process: asyncio.subprocess.Process
    log: Path

    async def elected(self) -> bool:
        async with (
            aiohttp.ClientSession() as http,
            http.get(f"{self.url}/healthz?verbose") as answer,
        ):
            sender = (await answer.json())["checks"]["outbox_sender"]
        return bool(sender["elected_here"])


@contextlib.asynccontextmanager
async def process(
    stub: BotApiStub, database_url: str, folder: Path, name: str
) -> AsyncIterator[Process]:
    port = free_port()
    log = folder / f"{name}.log"
    env = app_environment(stub, database_url, port) | {
        "PYTHONPATH": str(ROOT),
        "DATA_KEYS": TEST_DATA_KEYS,  # both processes, and this test, read what either stored
        **ENV,
    }
    with log.open("wb") as output:
        started = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "app.cli", "run", "--role", "all",
            cwd=folder, env=env, stdout=output, stderr=output,
        )  # fmt: skip
    try:
        yield Process(name, f"http://127.0.0.1:{port}", started, log)
    finally:
        if started.returncode is None:
            started.send_signal(signal.SIGTERM)
            try:
                await asyncio.wait_for(started.wait(), 20)
            except TimeoutError:
                started.kill()
                await started.wait()


def story(number: int) -> str:
    return f"Anak nomor {number} di gang Kenari sering dipukuli ayah tirinya sampai memar."


async def file_report(reporter: ChatActor, number: int) -> str | None:
    """The questionnaire as a person answers it; the reference the bot gave, or None when the
    last answer never came (the test then looks for the report itself)."""
    await reporter.command("/start")
    await tap(reporter, "Setuju, lanjut (Bahasa Indonesia)", STEP)
    await tap(reporter, "Baru saja / hari ini", STEP)
    await tap(reporter, "Kekerasan fisik (dipukul, dianiaya)", STEP)
    await reporter.wait_for("Berapa umurnya", timeout=STEP)
    await reporter.send("laki-laki 9 tahun")
    await tap(reporter, "Tidak ada", STEP)
    await reporter.wait_for("Di mana anak itu", timeout=STEP)
    await reporter.send("jaksel")
    await reporter.wait_for("Ceritakan", timeout=STEP)
    await reporter.send(story(number))
    await tap(reporter, "Tetangga", STEP)
    await reporter.wait_for(lambda m: bool(m.reply_keyboard), timeout=STEP)
    await reporter.reply_keyboard_press("📱 Bagikan nomor saya", phone_number=PHONE)
    await reporter.wait_for("Periksa laporan", timeout=STEP)
    await tap(reporter, "✅ Kirim laporan", STEP)
    done = await reporter.wait_for("Nomor laporan", timeout=STEP)
    found = REFERENCE.search(done.text)
    return found.group(0) if found else None


def worker_texts(workers: list[ChatActor]) -> Counter[tuple[int, str]]:
    return Counter((w.chat_id, m.text) for w in workers for m in w.messages)


async def test_two_processes_one_killed_mid_way_lose_and_fork_nothing(
    database_url: str, tmp_path: Path
) -> None:
    if is_sqlite(database_url):
        pytest.skip("several processes share PostgreSQL only")
    engine = create_engine(database_url, keyring=TEST_KEYRING)
    uow = UnitOfWorkFactory(create_session_factory(engine))
    try:
        for chat in WORKERS:
            await add_worker(uow, f"Petugas {chat}", chat, ["31.74"])
        async with BotApiStub() as stub:
            workers = [stub.private_user(c, f"Petugas {c}", started=True) for c in WORKERS]
            reporters = [stub.private_user(1001 + n, f"Warga {n}") for n in range(REPORTERS)]
            async with (
                process(stub, database_url, tmp_path, "a") as a,
                process(stub, database_url, tmp_path, "b") as b,
            ):
                await asyncio.gather(*(wait_until_serving(p.url, p.process, p.log) for p in (a, b)))
                stub.forward_webhook_to(f"{a.url}/telegram/webhook", f"{b.url}/telegram/webhook")
                await eventually(lambda: _one_elected(a, b), within=30)
                sender, survivor = (a, b) if await a.elected() else (b, a)
                held = stub.hold_next("sendMessage", where=lambda p: p.get("chat_id") in WORKERS)

                filing = [asyncio.create_task(file_report(r, n)) for n, r in enumerate(reporters)]
                await asyncio.wait_for(held.arrived.wait(), 60)
                await eventually(lambda: _finished(filing, KILL_AFTER), within=120)
                mid_way = sum(1 for t in filing if not t.done())

                sender.process.kill()  # SIGKILL: no stop, no release of anything
                await sender.process.wait()
                killed_at = asyncio.get_running_loop().time()
                before = sum(worker_texts(workers).values())
                held.release.set()  # Telegram carries out what it had received
                await eventually(lambda: _more(workers, before), within=10)
                await eventually(lambda: _more(workers, before + 1), within=30)
                failover = asyncio.get_running_loop().time() - killed_at
                survivor_elected = await survivor.elected()

                references = await asyncio.wait_for(
                    asyncio.gather(*filing, return_exceptions=True), 180
                )
                await eventually(lambda: _outbox_sent(uow), within=60)
                texts = worker_texts(workers)
                rows = await _rows(uow, OutboxMessage)
                reports = await _rows(uow, Report)
                inbox = await _rows(uow, InboxUpdate)
    finally:
        await engine.dispose()

    failures = [r for r in references if isinstance(r, BaseException)]
    assert not failures, f"{failures[0]!r}\n{last_lines(survivor.log)}"
    seen = {r for r in references if isinstance(r, str)}
    by_reporter = Counter(r.reporter_chat_id for r in reports)
    duplicated = {text: n for text, n in texts.items() if n > 1}
    held_text = str(held.params["text"])
    print(
        f"\nfault 16: {REPORTERS} reporters ({mid_way} mid-questionnaire at the kill), "
        f"references seen {len(seen)}, reports stored {len(reports)}; outbox rows "
        f"{len(rows)}, sent {sum(r.status == 'sent' for r in rows)}, delivered "
        f"{len(texts)} distinct, {sum(texts.values())} in all, lost "
        f"{len(rows) - len(texts)}, duplicated {sum(n - 1 for n in duplicated.values())} "
        f"(the one in flight at the kill); sender failover {failover:.2f} s"
    )
    assert len(seen) == REPORTERS and seen <= {r.reference for r in reports}
    assert by_reporter == Counter({1001 + n: 1 for n in range(REPORTERS)})  # none forked
    assert all(r.description == story(r.reporter_chat_id - 1001) for r in reports)
    assert all(row.status == "sent" for row in rows) and len(rows) == REPORTERS
    assert len(texts) == len(rows)  # every outbox row reached a worker: none lost
    assert list(duplicated.values()) == [2]  # the one in flight at the kill, no other
    [(chat, text)] = duplicated
    assert (chat, text) == (held.params["chat_id"], held_text)
    assert survivor_elected
    assert all(row.status == "processed" for row in inbox)


async def _one_elected(a: Process, b: Process) -> bool:
    return [await a.elected(), await b.elected()].count(True) == 1


async def _finished(tasks: list[asyncio.Task[str | None]], count: int) -> bool:
    return sum(1 for t in tasks if t.done()) >= count


async def _more(workers: list[ChatActor], than: int) -> bool:
    return sum(worker_texts(workers).values()) > than


async def _outbox_sent(uow: UnitOfWorkFactory) -> bool:
    rows = await _rows(uow, OutboxMessage)
    return len(rows) >= REPORTERS and all(r.status == "sent" for r in rows)


async def _rows(uow: UnitOfWorkFactory, table: type[T]) -> list[T]:
    async with uow() as unit:
        return list((await unit.session.exec(select(table))).all())
