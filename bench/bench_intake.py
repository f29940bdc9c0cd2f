"""Intake: many reporters at once run the whole questionnaire through the webhook, against
two bare python-telegram-bot applications behind an aiohttp webhook of the same shape.

The real application (webhook mode) runs against the Bot API stand-in on 127.0.0.1, which
posts each update to the webhook as Telegram does (up to 40 connections, one chat's updates
one after the other). N simulated reporters each file the typical report of
`bench/bench_conversation.py` (buttons as callback queries, typed answers as messages) from
/start to the reference, all at once. Printed: updates a second (every update, from the first
post to the last one processed) and, per step, p50/p99 of the server-side time: from the
webhook view reading the POST to the inbox row marked processed, the draft committed and the
reply handed to the stand-in before; and per update the SQL statements, transactions (BEGIN)
and connection-pool checkouts of the whole process in that time. Then the same updates are posted (40 at a time) to two
bare Applications (PTB defaults, updates from `update_queue`): one whose handler does
nothing, one whose handler sends one message through PTB's default transport (httpx); our
rate is printed as a ratio of each.

SQLite, and a fresh PostgreSQL database when TEST_POSTGRES_URL is set. Prints figures;
asserts nothing (it checks that every reporter got a reference and every update was marked).

    .venv/bin/python -m bench.bench_intake [--quick] [--only sqlite|postgresql]
        [--sizes 50,200] [--profile FILE]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import cProfile
import hmac
import json
import os
import statistics
import time
from collections import Counter
from collections.abc import Iterator
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web
from sqlalchemy import event, func
from sqlalchemy.engine import Engine
from sqlalchemy.pool import Pool
from sqlmodel import col, select
from telegram import Update
from telegram.ext import Application, ApplicationBuilder, ContextTypes, TypeHandler

import admin.views.telegram as telegram_view
from admin.access import TELEGRAM_SECRET_HEADER
from bench.bench_conversation import typical_report
from bench.databases import DatabaseMaker, databases, percentile
from bench.posting import CONNECTIONS, post_all
from bot.webhook import InboxReceiver
from tests.e2e.harness import WEBHOOK, WEBHOOK_SECRET, eventually, free_port, running_app
from tests.support.botapi_stub import BotApiStub
from tests.support.stub_users import ChatActor
from triage.services.inbox.applied import WithTheMark
from triage.storage.tables import InboxUpdate, Report

SIZES = (50, 200, 1000)
QUICK_SIZES = (50,)
STEPS = (
    "/start",
    "consent",
    "when",
    "category",
    "sex",
    "age",
    "risk",
    "place (typed)",
    "story (typed)",
    "relation",
    "anonymous (keyboard)",
    "submit",
)
UNPACED = 0  # no pace of our own for the stand-in, which has no limit (bare PTB has none)
ANSWER_TIMEOUT = 180.0  # seconds a reporter waits for each answer (queues are long at 1,000);
# then gives up and is counted: a failed update ("something went wrong") is never answered
_ARRIVED: ContextVar[float] = ContextVar("bench_arrived")


def chat_of(payload: dict[str, Any]) -> int:
    message = payload.get("message") or payload.get("callback_query", {}).get("message") or {}
    return int(message.get("chat", {}).get("id", 0))


@dataclass
class StepClock:
    """The server-side time of each update, by hooks around the webhook's path: from the view
    reading the body (after the secret is checked) to the inbox row marked processed."""

    began: dict[int, float] = field(default_factory=dict)
    ended: dict[int, float] = field(default_factory=dict)
    step: dict[int, int] = field(default_factory=dict)
    payloads: list[dict[str, Any]] = field(default_factory=list)
    failed: int = 0
    _seen: Counter[int] = field(default_factory=Counter)

    @contextlib.contextmanager
    def installed(self) -> Iterator[None]:
        body, receive, mark = telegram_view._body, InboxReceiver.receive, InboxReceiver._mark

        async def timed_body(request: web.Request) -> bytes:
            _ARRIVED.set(time.perf_counter())
            return await body(request)

        async def timed_receive(receiver: InboxReceiver, payload: dict[str, Any]) -> Any:
            update_id = payload["update_id"]
            self.began[update_id] = _ARRIVED.get()  # posted again (500): timed from then
            if update_id not in self.step:
                self.payloads.append(payload)
                chat = chat_of(payload)
                self.step[update_id] = self._seen[chat]
                self._seen[chat] += 1
            return await receive(receiver, payload)

        async def timed_mark(
            receiver: InboxReceiver, row_id: int, update_id: int, error: BaseException | None,
            also: WithTheMark,
        ) -> None:  # fmt: skip
            await mark(receiver, row_id, update_id, error, also)
            self.ended[update_id] = time.perf_counter()
            self.failed += error is not None

        telegram_view._body = timed_body
        setattr(InboxReceiver, "receive", timed_receive)  # noqa: B010 (patched for timing)
        setattr(InboxReceiver, "_mark", timed_mark)  # noqa: B010
        try:
            yield
        finally:
            telegram_view._body = body
            setattr(InboxReceiver, "receive", receive)  # noqa: B010
            setattr(InboxReceiver, "_mark", mark)  # noqa: B010

    def by_step(self) -> dict[str, list[float]]:
        times: dict[str, list[float]] = {name: [] for name in STEPS}
        for update_id, ended in self.ended.items():
            index = self.step[update_id]
            name = STEPS[index] if index < len(STEPS) else "more"
            times.setdefault(name, []).append((ended - self.began[update_id]) * 1000)
        return times


@dataclass
class DatabaseTally:
    """Statements, transactions (BEGIN) and pool checkouts (each one pinged when the engine
    pings on checkout) of every engine in the process while installed."""

    statements: int = 0
    transactions: int = 0
    checkouts: int = 0

    @contextlib.contextmanager
    def installed(self) -> Iterator[None]:
        def statement(*_: Any) -> None:
            self.statements += 1

        def transaction(*_: Any) -> None:
            self.transactions += 1

        def checkout(*_: Any) -> None:
            self.checkouts += 1

        hooks = ((Engine, "before_cursor_execute", statement), (Engine, "begin", transaction),
                 (Pool, "checkout", checkout))  # fmt: skip
        for target, name, hook in hooks:
            event.listen(target, name, hook)
        try:
            yield
        finally:
            for target, name, hook in hooks:
                event.remove(target, name, hook)


@dataclass
class IntakeRun:
    reporters: int
    updates: int
    seconds: float
    cpu_seconds: float  # the whole process's: the application, the stand-in, the reporters
    steps: dict[str, list[float]]
    reports: int
    processed: int
    failed: int  # updates whose processing failed (marked failed, for the next start)
    gave_up: int  # reporters left without an answer
    database: DatabaseTally

    @property
    def rate(self) -> float:
        return self.updates / self.seconds

    @property
    def every_step(self) -> list[float]:
        return [ms for times in self.steps.values() for ms in times]


async def intake(url: str, count: int, first_user: int) -> tuple[IntakeRun, StepClock]:
    clock, tally = StepClock(), DatabaseTally()
    async with running_app(url, None, **WEBHOOK, telegram_messages_per_second=UNPACED) as app:
        app.stub.pusher.connections = CONNECTIONS
        await eventually(lambda: _has_webhook(app.stub), within=30)
        users = [app.stub.private_user(first_user + n, f"Warga {n}") for n in range(count)]
        with clock.installed(), tally.installed():
            start, cpu = time.perf_counter(), time.process_time()
            finished = await asyncio.gather(*(_reporter(user) for user in users))
            with contextlib.suppress(AssertionError):  # an update the inbox could not store
                await eventually(lambda: _all_marked(clock), within=30)
            cpu = time.process_time() - cpu
        seconds = max(clock.ended.values()) - start
        async with app.uow() as unit:
            reports = (await unit.session.exec(select(func.count()).select_from(Report))).one()
            processed = (
                await unit.session.exec(
                    select(func.count())
                    .select_from(InboxUpdate)
                    .where(col(InboxUpdate.status) == "processed")
                )
            ).one()
    run = IntakeRun(
        count,
        len(clock.ended),
        seconds,
        cpu,
        clock.by_step(),
        reports,
        processed,
        clock.failed,
        finished.count(False),
        tally,
    )
    return run, clock


async def _reporter(user: ChatActor) -> bool:
    """The typical report to its reference; False if an answer never came."""
    try:
        await typical_report(user, first_time=True, timeout=ANSWER_TIMEOUT)
    except AssertionError:
        return False
    return True


async def _has_webhook(stub: BotApiStub) -> bool:
    return stub.webhook is not None


async def _all_marked(clock: StepClock) -> bool:
    return len(clock.ended) == len(clock.began)


async def bare(payloads: list[dict[str, Any]], reply: bool) -> float:
    """Updates a second through a bare Application behind an aiohttp webhook: a handler that
    does nothing, or one that sends one message through PTB's default transport."""
    expected, handled = len(payloads), 0
    done = asyncio.Event()

    async def handle(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        nonlocal handled
        if reply and update.effective_chat is not None:
            await context.bot.send_message(update.effective_chat.id, "Terima kasih")
        handled += 1
        if handled == expected:
            done.set()

    async with BotApiStub() as stub:
        for chat in {chat_of(payload) for payload in payloads}:
            stub.private_user(chat, started=True)
        application = (
            ApplicationBuilder().token(stub.token).base_url(stub.base_url).updater(None).build()
        )
        application.add_handler(TypeHandler(Update, handle))
        async with _bare_webhook(application) as target, application:
            await application.start()
            start = time.perf_counter()
            await post_all(target, payloads, WEBHOOK_SECRET)
            await asyncio.wait_for(done.wait(), timeout=600)
            seconds = time.perf_counter() - start
            await application.stop()
    return expected / seconds


@contextlib.asynccontextmanager
async def _bare_webhook(application: Application[Any, Any, Any, Any, Any, Any]) -> Any:
    """PTB's custom-webhook pattern on aiohttp: the secret checked, the body read as an
    Update and put on the Application's queue, 200."""

    async def webhook(request: web.Request) -> web.Response:
        secret = request.headers.get(TELEGRAM_SECRET_HEADER, "")
        if not hmac.compare_digest(secret.encode(), WEBHOOK_SECRET.encode()):
            return web.Response(status=403)
        update = Update.de_json(json.loads(await request.read()), application.bot)
        await application.update_queue.put(update)
        return web.Response(status=200)

    server = web.Application()
    server.router.add_post("/telegram/webhook", webhook)
    runner = web.AppRunner(server, access_log=None)
    await runner.setup()
    port = free_port()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    try:
        yield f"http://127.0.0.1:{port}/telegram/webhook"
    finally:
        await runner.cleanup()


def show(label: str, run: IntakeRun) -> None:
    every = run.every_step
    print(
        f"  {label}: {run.updates} updates in {run.seconds:.1f} s = {run.rate:.0f} updates/s "
        f"(CPU {run.cpu_seconds * 1000 / run.updates:.1f} ms an update); "
        f"step p50 {statistics.median(every):.1f} ms, p99 {percentile(every, 0.99):.1f} ms; "
        f"{run.reports}/{run.reporters} reports, {run.processed} inbox rows processed, "
        f"{run.failed} failed, {run.gave_up} reporters left without an answer"
    )
    per = run.database
    print(
        f"    per update: {per.statements / run.updates:.1f} statements, "
        f"{per.transactions / run.updates:.1f} transactions, "
        f"{per.checkouts / run.updates:.1f} pool checkouts"
    )
    for name, times in run.steps.items():
        if times:
            print(
                f"      {name:22s} p50 {statistics.median(times):6.1f} ms"
                f"   p99 {percentile(times, 0.99):6.1f} ms"
            )


async def measure_size(count: int, makers: dict[str, DatabaseMaker | None]) -> None:
    """Each database's run, then the bare applications on the same updates at once after it
    (on a shared machine, the figures closest in time compare best)."""
    print(f"\n{count} reporters at once, {len(STEPS)} updates each, {CONNECTIONS} connections")
    for index, (name, maker) in enumerate(makers.items()):
        if maker is None:
            print(f"  {name}: skipped (TEST_POSTGRES_URL is not set)")
            continue
        async with maker() as url:
            run, clock = await intake(url, count, 100_000 * (index + 1))
        show(name, run)
        noop = await bare(clock.payloads, reply=False)
        replying = await bare(clock.payloads, reply=True)
        print(
            f"    bare PTB on the same updates: no-op handler {noop:.0f} updates/s, "
            f"one sendMessage (httpx, PTB's default) {replying:.0f} updates/s"
        )
        print(
            f"    {name}: {run.rate / replying:.2f} x the replying one (goal >= 2), "
            f"{run.rate / noop:.2f} x the no-op one (goal >= 0.3)"
        )


async def main(sizes: tuple[int, ...], only: str | None) -> None:
    makers = databases(only)
    for count in sizes:
        await measure_size(count, makers)


def cli() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help=f"only {QUICK_SIZES} reporters")
    parser.add_argument("--only", choices=("sqlite", "postgresql"))
    parser.add_argument("--sizes", help="comma-separated numbers of reporters")
    parser.add_argument("--profile", help="write cProfile statistics of the run to this file")
    args = parser.parse_args()
    sizes: tuple[int, ...] = QUICK_SIZES if args.quick else SIZES
    if args.sizes:
        sizes = tuple(int(size) for size in args.sizes.split(","))
    load = " / ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"intake benchmark; load average at the start {load}")
    if args.profile:
        with cProfile.Profile() as profile:
            asyncio.run(main(sizes, args.only))
        profile.dump_stats(args.profile)
    else:
        asyncio.run(main(sizes, args.only))


if __name__ == "__main__":
    cli()
