"""Benchmark the dashboard and the case map over 100,000 cases. Prints figures, asserts nothing.

Run from the repository root: `python -m bench.bench_dashboard [--cases N] [--runs R]`;
`--quick`: 10,000 cases, 5 runs.

The cases spread over two years, every kabupaten/kota (a few large ones get many more), the
four urgencies and every status; older cases are mostly closed, response times scatter
around their targets, and each case has its eight deadline rows (reminders, the three accept
steps, contact and closure) in the state the sweep would have left them, and its two
Telegram messages in the outbox as the sender leaves them (sent; one case in 200 has one that
the reporter's blocked bot left undeliverable). Loaded into a fresh SQLite file, and into a fresh PostgreSQL database when TEST_POSTGRES_URL is set.

Timed through the real admin app over HTTP (logged in, the session cookie decoded, the page
rendered): p50 and p95 of each page; and, in the same run, the bare SQL each page needs (its
queries alone, on the same engine) as the floor. The dashboard keeps its figures until the
data changes (`triage/services/dashboard/kept.py`), so each dashboard page is timed three ways:
cold, each view right after a change (the change stamp moved, as any commit touching a case,
a deadline, a worker's name or an undeliverable message moves it; the change itself not
timed) and its figures changed (drawn anew), then right after a change elsewhere ("else": the
figures computed anew, equal, shown with the drawing already made), and warm, the same view
repeated. The cold p95 is compared with the floor's p95
timed the same way, right after a change ("cold SQL": SQLite then reads its pages again, each
connection's cache being dropped when another commits); the warm p95 with the floor repeated.
The map counts its figures on every view and keeps its drawing by them, timed the same way. The dashboard's period figures are one
statement on PostgreSQL (percentiles and every grouping in SQL) and one on SQLite (the cases'
rows with their deadline tallies, grouped afterwards in Python): each engine's floor is its own. The first map request also pays for
projecting and simplifying the boundaries once per process; that is timed separately. Last,
the admin's dashboard use case alone (no HTTP, no rendering) right after a change, with the
process's CPU time beside the wall time: on a shared machine the CPU time moves least.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import tempfile
import time
import uuid
from collections.abc import Awaitable, Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any, Protocol

from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer
from argon2 import PasswordHasher
from sqlalchemy import and_, text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

from admin.state import ADMIN
from admin.web import create_admin_app
from app.heap import freeze_start_up
from bench.bulk_load import BulkWriter, upkeep_deferred
from bot.messages import TelegramMessages
from tests.support.deps import TEST_KEYRING
from triage.domain.model import Urgency
from triage.domain.period import Period, default_period
from triage.domain.timezones import WIB
from triage.i18n import load_translator
from triage.services.common.deps import TriageDeps
from triage.services.dashboard import outlines
from triage.services.dashboard.kept import KeptFigures
from triage.services.dashboard.model import Dashboard
from triage.services.dashboard.overview import dashboard, scope, week_starts
from triage.services.dashboard.queries import (
    accept_breaches,
    case_rows,
    in_period,
    open_groups,
)
from triage.services.dashboard.summaries import summary_rows
from triage.services.dashboard.undelivered import undelivered
from triage.services.regions.lookup import DirectoryLookup
from triage.services.staff import accounts
from triage.services.staff.accounts import StaffIdentity, create_staff_user
from triage.storage import tables
from triage.storage.db import create_engine, create_session_factory
from triage.storage.migrate import upgrade_database_async
from triage.storage.region_source import load_region_directory
from triage.storage.rules_source import load_default_rules
from triage.storage.uow import UnitOfWorkFactory

NOW = datetime(2026, 11, 23, 3, 0, tzinfo=UTC)
SPAN = timedelta(days=730)
M = timedelta(minutes=1)
URGENCY_MIX = {Urgency.DARURAT: 5, Urgency.TINGGI: 20, Urgency.SEDANG: 45, Urgency.RENDAH: 30}
CHUNK = 5_000
PASSWORD = "bench password that is long"
STAMP_MOVES = "UPDATE change_stamp SET version = version + 1 WHERE id = 1"
SUPERVISOR_REGIONS = {"spv.jabar": ["32"], "spv.bandung": ["32.73"]}
PAGES = (
    ("dashboard, admin, last 12 weeks", "admin", "/dashboard"),
    ("dashboard, admin, DARURAT only", "admin", "/dashboard?urgency=DARURAT"),
    ("dashboard, admin, two years", "admin", "/dashboard?from=2024-11-24&to=2026-11-23"),
    ("dashboard, province supervisor", "spv.jabar", "/dashboard"),
    ("dashboard, kab/kota supervisor", "spv.bandung", "/dashboard"),
    ("map, admin, country, open", "admin", "/map"),
    ("map, admin, country, breaches", "admin", "/map?layer=accept_breaches"),
    ("map, admin, one province", "admin", "/map?province=32"),
    ("map, province supervisor", "spv.jabar", "/map"),
)


def kabkota_codes() -> list[str]:
    directory = load_region_directory()
    return [k.code for p in directory.provinces() for k in directory.kabkota_in(p.code)]


def case_chunks(
    cases: int, seed: int, codes: list[str]
) -> Iterator[tuple[list[dict[str, Any]], list[dict[str, Any]]]]:
    """Reports, and their deadline and outbox rows (outbox rows tagged "_table"), CHUNK cases
    at a time."""
    rng = random.Random(seed)
    rules = load_default_rules()
    weights = [1 / (rank + 1) ** 0.8 for rank in range(len(codes))]  # some regions far busier
    rng.shuffle(weights)
    urgencies = list(URGENCY_MIX)
    reports: list[dict[str, Any]] = []
    deadlines: list[dict[str, Any]] = []
    # Ids grow with arrival, as they do when reports are saved as they come in.
    arrivals = sorted(NOW - SPAN * rng.random() ** 0.8 for _ in range(cases))  # busier lately
    for number, received in enumerate(arrivals, start=1):
        urgency = rng.choices(urgencies, weights=list(URGENCY_MIX.values()))[0]
        code = rng.choices(codes, weights=weights)[0]
        case = (number, received, urgency, code)
        report, rows = _case(case, rng, rules.sla[urgency], codes.index(code))
        reports.append(report)
        deadlines.extend(rows)
        deadlines.extend(_messages(report, rng))
        if len(reports) == CHUNK:
            yield reports, deadlines
            reports, deadlines = [], []
    if reports:
        yield reports, deadlines


def _case(
    case: tuple[int, datetime, Urgency, str], rng: random.Random, targets: Any, region: int
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    number, received, urgency, code = case
    age = NOW - received
    steps = [
        t * rng.lognormvariate(-0.3, 0.8)
        for t in (targets.accept, targets.first_contact, targets.closure)
    ]
    done: list[timedelta | None] = []
    previous = timedelta(0)
    for step in steps:  # each step after the one before it, and only once that one is done
        at = max(step, previous + M)
        if at >= age or (done and done[-1] is None):
            done.append(None)
        else:
            done.append(at)
            previous = at
    accepted, contacted, closed = done
    status = (
        "closed" if closed else "contacted" if contacted else "accepted" if accepted else "assigned"
    )
    reference = f"LS-BENCH-{number:07d}"
    report = {
        "id": number, "reference": reference, "received_at": received, "reporter_chat_id": number,
        "description": "bench", "evidence": [], "kabkota_code": code, "urgency": urgency.value,
        "status": status,
        "assigned_worker_id": 2 * region + 1 + (number % 2),
        "accepted_at": received + accepted if accepted else None,
        "first_contact_at": received + contacted if contacted else None,
        "closed_at": received + closed if closed else None, "last_event_at": received,
    }  # fmt: skip
    rows = []
    ladder = [("accept", targets.accept * level, level, accepted) for level in (1, 2, 3)]
    ladder += [
        ("contact", targets.first_contact, 1, contacted),
        ("closure", targets.closure, 1, closed),
    ]
    ladder += [(f"{kind}_reminder", target / 2, 0, step) for kind, target, step in
               (("accept", targets.accept, accepted), ("contact", targets.first_contact, contacted),
                ("closure", targets.closure, closed))]  # fmt: skip
    for kind, due_after, level, step in ladder:
        name = kind if kind.endswith("_reminder") else f"{kind}_breach"
        due = received + due_after
        if step is not None and step < due_after:
            state = "cancelled"
        elif due < NOW - M:
            state = "fired"
        else:
            state = "pending"
        rows.append({"key": f"{reference}:{name}:g0:l{level}", "report_id": number, "kind": name,
                     "due_at": due, "status": state})  # fmt: skip
    return report, rows


def _messages(report: dict[str, Any], rng: random.Random) -> list[dict[str, Any]]:
    """The case's outbox rows as the sender leaves them: sent, or now and then undeliverable."""
    number, received = report["id"], report["received_at"]
    rows = []
    for kind, chat in (("assign", 10_000 + number % 500), ("reporter", number)):
        blocked = kind == "reporter" and rng.random() < 1 / 200
        at = received + M
        rows.append({
            "_table": "outbox", "dedup_key": f"{kind}:{number}", "created_at": received,
            "chat_id": chat, "text": "" if blocked else "[sent]", "report_id": number,
            "status": "undeliverable" if blocked else "sent", "attempts": 1,
            "next_attempt_at": at, "sent_at": None if blocked else at,
            "failure": "blocked" if blocked else None, "failed_at": at if blocked else None,
        })  # fmt: skip
    return rows


async def load(engine: AsyncEngine, cases: int, seed: int) -> str:
    codes = kabkota_codes()
    workers = [
        {"id": n + 1, "name": f"Petugas {n + 1}", "role": "worker", "region_codes": [codes[n // 2]],
         "created_at": NOW, "updated_at": NOW}
        for n in range(2 * len(codes))
    ]  # fmt: skip
    total_deadlines = total_messages = 0
    filled = ("worker", "report", "deadline", "outbox_message")
    async with engine.begin() as conn, upkeep_deferred(conn, filled):
        bulk = BulkWriter(conn)
        await bulk.write(tables.Worker, workers)
        for reports, rows in case_chunks(cases, seed, codes):
            await bulk.write(tables.Report, reports)
            messages = [row for row in rows if row.pop("_table", None) == "outbox"]
            deadlines = [row for row in rows if "key" in row]
            await bulk.write(tables.Deadline, deadlines)
            await bulk.write(tables.OutboxMessage, messages)
            total_deadlines += len(deadlines)
            total_messages += len(messages)
        await bulk.finish()
    return (
        f"{cases:,} reports, {total_deadlines:,} deadlines, {total_messages:,} outbox messages, "
        f"{len(workers):,} workers"
    )


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


async def timed(
    action: Callable[[], Awaitable[object]],
    runs: int,
    warm_ups: int = 2,
    before: Callable[[], Awaitable[object]] | None = None,
) -> tuple[float, float]:
    """p50 and p95 in milliseconds over `runs` calls, after `warm_ups` calls; `before` (not
    timed) runs ahead of each timed call."""
    for _ in range(warm_ups):
        await action()
    times = []
    for _ in range(runs):
        if before is not None:
            await before()
        start = time.perf_counter()
        await action()
        times.append((time.perf_counter() - start) * 1e3)
    return statistics.median(times), percentile(times, 0.95)


class Drawings(Protocol):
    """What the admin keeps drawn (`ShownMaps`, `ShownDashboards`)."""

    def clear(self) -> None: ...


def drawings_of(app: web.Application) -> tuple[Drawings, ...]:
    context = app[ADMIN]
    return (context.shown_maps, context.shown_dashboards)


def data_changed(deps: TriageDeps, *drawings: Drawings) -> Callable[[], Awaitable[object]]:
    """What any commit touching the dashboard's data does to the change stamp (migration
    0019's triggers): every process's kept dashboards are stale, the next view computes. The
    drawings are kept by the figures' value, which the bench's data keeps: those given are
    forgotten too, as a change to the figures would make them; without them, the change is
    one elsewhere (the figures computed anew and found equal)."""

    async def change() -> object:
        async with deps.uow() as uow:
            await (await uow.session.connection()).execute(text(STAMP_MOVES))
            await uow.commit()
        for kept in drawings:
            kept.clear()
        return None

    return change


def floors(deps: TriageDeps) -> dict[str, Callable[[], Awaitable[object]]]:
    """The bare queries each page runs, on the same engine."""
    period = default_period(NOW.astimezone(WIB).date())
    start, end = period.bounds(WIB)
    admin = StaffIdentity(1, "admin", "admin")
    jabar = StaffIdentity(2, "spv.jabar", "supervisor", ("32",))
    bandung = StaffIdentity(3, "spv.bandung", "supervisor", ("32.73",))

    def dashboard_sql(
        viewer: StaffIdentity, urgency: Urgency | None = None, weeks: Period = period
    ) -> Callable[[], Awaitable[object]]:
        async def run() -> object:
            where = scope(viewer, urgency)
            since = weeks.bounds(WIB)[0]
            in_scope = and_(where, in_period(since, end))
            everywhere = viewer.role == "admin"
            starts = week_starts(weeks, WIB)
            async with deps.uow() as uow:
                if (await uow.session.connection()).dialect.name == "postgresql":
                    await summary_rows(uow.session, in_scope, starts, NOW)  # one statement
                else:
                    await case_rows(uow.session, in_scope, starts, NOW)
                await undelivered(uow.session, where, since, end, all_regions=everywhere)
                return await open_groups(uow.session, where)

        return run

    def map_sql(breaches: bool) -> Callable[[], Awaitable[object]]:
        async def run() -> object:
            where = scope(admin, None)
            async with deps.uow() as uow:
                if breaches:
                    return await accept_breaches(
                        uow.session, and_(where, in_period(start, end)), NOW
                    )
                return await open_groups(uow.session, where)

        return run

    two_years = Period(date(2024, 11, 24), date(2026, 11, 23))  # as the page's URL asks
    return {
        "dashboard, admin, last 12 weeks": dashboard_sql(admin),
        "dashboard, admin, DARURAT only": dashboard_sql(admin, Urgency.DARURAT),
        "dashboard, admin, two years": dashboard_sql(admin, weeks=two_years),
        "dashboard, province supervisor": dashboard_sql(jabar),
        "dashboard, kab/kota supervisor": dashboard_sql(bandung),
        "map, admin, country, open": map_sql(False),
        "map, admin, country, breaches": map_sql(True),
    }


async def measure(label: str, url: str, cases: int, seed: int, runs: int) -> None:
    await upgrade_database_async(url, TEST_KEYRING)
    engine = create_engine(url, keyring=TEST_KEYRING)
    try:
        start = time.perf_counter()
        loaded = await load(engine, cases, seed)
        if label == "postgresql":  # what autovacuum does soon after a load: the steady state
            async with engine.connect() as conn:
                autocommit = await conn.execution_options(isolation_level="AUTOCOMMIT")
                await autocommit.exec_driver_sql("VACUUM ANALYZE")
        print(f" {label}: loaded {loaded} in {time.perf_counter() - start:.1f} s")
        translator = load_translator()
        deps = TriageDeps(
            uow=UnitOfWorkFactory(create_session_factory(engine)), rules=load_default_rules(),
            regions=DirectoryLookup(load_region_directory()), translator=translator,
            messages=TelegramMessages(translator), clock=lambda: NOW,
        )  # fmt: skip
        await create_staff_user(deps, "admin", PASSWORD)
        for username, regions in SUPERVISOR_REGIONS.items():
            await create_staff_user(deps, username, PASSWORD, "supervisor", regions)
        await pages(deps, runs)
    finally:
        await engine.dispose()


async def pages(deps: TriageDeps, runs: int) -> None:
    app = create_admin_app(deps=deps, secret_key="bench-secret-key-" + "x" * 32)
    sql = floors(deps)
    outlines._view.cache_clear()
    start = time.perf_counter()
    await outlines.view_outlines(None)
    print(
        f"  first load of the country's outlines (once per process) {(time.perf_counter() - start) * 1e3:.0f} ms"
    )
    # As `lapor-sosial run` does once started (app/heap.py); the bench's loading is done too.
    print(f"  {freeze_start_up():,} objects frozen, as the running process freezes its start-up")
    print(
        f"  {'page':<34} {'cold p50':>8} {'cold p95':>8} {'else p50':>8} {'else p95':>8}"
        f" {'warm p50':>8} {'warm p95':>8}"
        f" {'bytes':>9} {'SQL p50':>8} {'SQL p95':>8} {'cold SQL':>9} {'cold/floor':>10}"
        f" {'warm/floor':>10}"
    )
    clients: dict[str, TestClient[Any, Any]] = {}
    try:
        for title, user, path in PAGES:
            client = clients.get(user)
            if client is None:
                client = clients[user] = TestClient(TestServer(app))
                await client.start_server()
                await log_in(client, user)
            await page_line(deps, client, title, path, sql.get(title), runs)
    finally:
        for client in clients.values():
            await client.close()
    await undelivered_alone(deps, runs)
    await use_case_alone(deps, runs)


async def page_line(
    deps: TriageDeps,
    client: TestClient[Any, Any],
    title: str,
    path: str,
    floor: Callable[[], Awaitable[object]] | None,
    runs: int,
) -> None:
    """One page: cold (each view right after a change) and warm (views repeated)."""
    size = len(await (await client.get(path)).read())

    async def fetch() -> object:
        response = await client.get(path)
        assert response.status == 200, response.status
        return await response.read()

    tries = max(3, runs // 6) if "two years" in title else runs  # seconds each
    assert client.app is not None
    changed = data_changed(deps, *drawings_of(client.app))
    c50, c95 = await timed(fetch, tries, before=changed)
    e50, e95 = await timed(fetch, tries, before=data_changed(deps))
    w50, w95 = await timed(fetch, runs)
    line = f"  {title:<34} {c50:>8.1f} {c95:>8.1f} {e50:>8.1f} {e95:>8.1f}"
    line += f" {w50:>8.1f} {w95:>8.1f} {size:>9,}"
    if floor is not None:
        f50, f95 = await timed(floor, tries)
        # after a change the SQL too reads its pages again (SQLite drops its cache)
        _, after = await timed(floor, tries, before=changed)
        line += f" {f50:>8.1f} {f95:>8.1f} {after:>9.1f} {c95 / after:>10.2f} {w95 / f95:>10.2f}"
    print(line)


async def undelivered_alone(deps: TriageDeps, runs: int) -> None:
    """The dashboard's undelivered-messages query by itself (it is part of each floor)."""
    start, end = default_period(NOW.astimezone(WIB).date(), weeks=104).bounds(WIB)
    for name, viewer in (
        ("admin, two years", StaffIdentity(1, "admin", "admin")),
        (
            "kab/kota supervisor, two years",
            StaffIdentity(3, "spv.bandung", "supervisor", ("32.73",)),
        ),
    ):

        async def run(viewer: StaffIdentity = viewer) -> object:
            async with deps.uow() as uow:
                return await undelivered(
                    uow.session, scope(viewer, None), start, end,
                    all_regions=viewer.role == "admin",
                )  # fmt: skip

        p50, p95 = await timed(run, runs)
        print(f"  undelivered messages SQL alone, {name:<31} {p50:>6.1f} {p95:>8.1f}")


async def use_case_alone(deps: TriageDeps, runs: int) -> None:
    """The admin's dashboard use case alone (no HTTP, no rendering), each view right after a
    change: wall and the process's CPU time (every thread: on SQLite the driver's too, so the
    figure that least depends on the machine's load; on PostgreSQL the server's work is not in it)."""
    admin = StaffIdentity(1, "admin", "admin")
    kept: KeptFigures[Dashboard] = KeptFigures()
    change = data_changed(deps)
    last_12_weeks = default_period(NOW.astimezone(WIB).date())
    two_years = Period(date(2024, 11, 24), date(2026, 11, 23))
    for name, period, tries in (
        ("last 12 weeks", last_12_weeks, runs),
        ("two years", two_years, max(3, runs // 6)),
    ):
        walls, cpus = [], []
        for run in range(tries + 1):  # the first one warms up
            await change()
            wall, cpu = time.perf_counter(), time.process_time()
            await dashboard(deps, admin, period, WIB, minimum=5, now=NOW, rows=25, kept=kept)
            if run:
                walls.append((time.perf_counter() - wall) * 1e3)
                cpus.append((time.process_time() - cpu) * 1e3)
        print(
            f"  use case alone after a change, admin, {name:<13} wall {statistics.median(walls):>7.1f}"
            f" / {percentile(walls, 0.95):>7.1f}   CPU {statistics.median(cpus):>7.1f}"
            f" / {percentile(cpus, 0.95):>7.1f} (p50 / p95)"
        )


async def log_in(client: TestClient[Any, Any], username: str) -> None:
    page = await (await client.get("/login")).text()
    token = page.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]
    data = {"csrf_token": token, "username": username, "password": PASSWORD, "next": ""}
    response = await client.post("/login", data=data, allow_redirects=False)
    assert response.status == 303, response.status


async def on_fresh_postgres(admin_url: str, cases: int, seed: int, runs: int) -> None:
    name = f"ls_bench_{uuid.uuid4().hex[:12]}"
    admin = create_async_engine(admin_url, isolation_level="AUTOCOMMIT")
    try:
        async with admin.connect() as conn:
            await conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
        url = make_url(admin_url).set(database=name).render_as_string(hide_password=False)
        await measure("postgresql", url, cases, seed, runs)
    finally:
        async with admin.connect() as conn:
            await conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--runs", type=int)
    parser.add_argument("--only", choices=("sqlite", "postgresql"))
    parser.add_argument("--quick", action="store_true", help="10,000 cases, 5 runs")
    args = parser.parse_args()
    args.cases = args.cases or (10_000 if args.quick else 100_000)
    args.runs = args.runs or (5 if args.quick else 30)
    cheap = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)  # logins are not timed
    setattr(accounts, "_hasher", lambda: cheap)  # noqa: B010 (a module function replaced)
    print(f"{args.cases:,} cases over two years up to {NOW.isoformat()}, {args.runs} runs per page")
    if args.only != "postgresql":
        with tempfile.TemporaryDirectory(prefix="bench-dashboard-") as folder:
            url = f"sqlite+aiosqlite:///{Path(folder) / 'bench.db'}"
            asyncio.run(measure("sqlite", url, args.cases, args.seed, args.runs))
    postgres = os.environ.get("TEST_POSTGRES_URL")
    if args.only == "sqlite":
        return
    if postgres:
        asyncio.run(on_fresh_postgres(postgres, args.cases, args.seed, args.runs))
    else:
        print(" postgresql: skipped (TEST_POSTGRES_URL is not set)")


if __name__ == "__main__":
    main()
