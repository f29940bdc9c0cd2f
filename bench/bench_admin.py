"""Benchmark the admin pages over 1,000,000 reports. Prints figures, asserts nothing.

Run from the repository root: `python -m bench.bench_admin [--quick] [--only sqlite|postgresql]`.

The reports (`bench/admin_data.py`: two years, every kabupaten/kota with a long tail, four
urgencies, every stage, timelines and first-step deadlines) are generated once and kept: a
SQLite file under the system's temp folder and a PostgreSQL database `ls_bench_admin_…`
(when TEST_POSTGRES_URL is set), both named by the size and a digest of the generator and
its loader (`bench/bulk_load.py`), so a changed generator makes a new one (older ones of that
size are removed). Each run first
migrates the kept data to the newest revision (a new index is built in place; data the
migrations cannot upgrade is generated again), then measures; only audit rows are added.

Timed through the real admin app over HTTP (logged in, the page rendered): the queue (first
page, filtered pages, a page in the middle), the case page, the dashboard and the map, p50
and p95, next to the bare SQL each page needs (the floor) on the same engine, and the ratio
of the page's p95 to the floor's p95. Goal: p95 ≤ 150 ms and ≤ 2 × the floor. The map's
figures are counted on every view and its drawing kept by them: its lines are repeated views
(`bench_dashboard` times its first view after a change of figures).
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import os
import tempfile
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer
from argon2 import PasswordHasher
from sqlalchemy import and_, event, func, insert, select
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine
from sqlmodel import SQLModel

from admin.web import create_admin_app
from bench import bench_dashboard, bench_queue
from bench.admin_data import BENCH_KEYRING, NOW, fill
from bot.messages import TelegramMessages
from triage.i18n import load_translator
from triage.services.cases.queries import region_scope
from triage.services.cases.queue_cursor import decode_cursor
from triage.services.cases.queue_query import OPEN, QueueFilters, QueueOrder
from triage.services.cases.queue_sql import CLOSED_RANK_OFFSET, sort_keys
from triage.services.common.deps import TriageDeps
from triage.services.dashboard import outlines
from triage.services.regions.lookup import DirectoryLookup
from triage.services.staff import accounts
from triage.services.staff.accounts import StaffIdentity, create_staff_user
from triage.storage import tables
from triage.storage.db import create_engine, create_session_factory
from triage.storage.migrate import upgrade_database_async
from triage.storage.region_source import load_region_directory
from triage.storage.rules_source import load_default_rules
from triage.storage.uow import UnitOfWorkFactory

FULL, QUICK = 1_000_000, 50_000
SEED = 7
ROOT = Path(__file__).resolve().parent.parent
CACHE = Path(tempfile.gettempdir()) / "lapor-sosial-bench"
PASSWORD = bench_dashboard.PASSWORD
ADMIN = StaffIdentity(1, "admin", "admin")
BUILD_CACHE_KIB = 1_500_000  # SQLite's page cache while generating (its default is 2 MB)
# The dashboard's first view after a change at a million reports takes seconds: a few samples
# (their p95 is their slowest).
COLD_TRIES, COLD_TRIES_LONG = 5, 3
SLOW_SECONDS = 0.5  # a page slower than this at its first warm-up: COLD_TRIES runs
CASE_REFERENCE_AT = 0.5  # the case pages show reports from the middle of the ids on
TABLES = SQLModel.metadata.tables
Action = Callable[[], Awaitable[object]]


def data_key(cases: int) -> str:
    """Names the kept data: its size and a digest of the generator."""
    digest = hashlib.sha256()
    for name in ("admin_data.py", "bulk_load.py"):
        digest.update((ROOT / "bench" / name).read_bytes())
    return f"{cases}_{digest.hexdigest()[:10]}"


async def upgraded(url: str) -> bool:
    """The kept data migrated to the newest revision; False when it cannot be."""
    try:
        await upgrade_database_async(url, BENCH_KEYRING)
    except Exception as error:
        print(f"  kept data not upgradable ({type(error).__name__}): generating it again")
        return False
    return True


async def build(url: str, cases: int) -> None:
    """Migrate, fill, log in users, and gather the planner's statistics."""
    await upgrade_database_async(url, BENCH_KEYRING)
    engine = create_engine(url, keyring=BENCH_KEYRING)
    if engine.dialect.name == "sqlite":
        event.listen(engine.sync_engine, "connect", _build_pragmas)
    try:
        start = time.perf_counter()
        filled = await fill(engine, cases, SEED)
        deps = make_deps(engine)
        await create_staff_user(deps, "admin", PASSWORD)
        for username, regions in bench_dashboard.SUPERVISOR_REGIONS.items():
            await create_staff_user(deps, username, PASSWORD, "supervisor", regions)
        command = "VACUUM ANALYZE" if engine.dialect.name == "postgresql" else "ANALYZE"
        async with engine.connect() as conn:
            autocommit = await conn.execution_options(isolation_level="AUTOCOMMIT")
            await autocommit.exec_driver_sql(command)
        print(f"  generated {filled} in {time.perf_counter() - start:.0f} s")
    finally:
        await engine.dispose()


def _build_pragmas(dbapi_connection: Any, _record: Any) -> None:
    """While the data is generated only: a file that is thrown away if the build fails needs
    no journal on disk nor a sync, and the indexes are built in memory."""
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=MEMORY")
    cursor.execute("PRAGMA synchronous=OFF")
    cursor.execute("PRAGMA foreign_keys=OFF")  # the generator's rows are consistent
    cursor.execute(f"PRAGMA cache_size=-{BUILD_CACHE_KIB}")
    cursor.close()


async def sqlite_url(cases: int) -> str:
    """The kept SQLite file of this size, generated first when missing."""
    CACHE.mkdir(exist_ok=True)
    key = data_key(cases)
    path = CACHE / f"admin_{key}.db"
    url = f"sqlite+aiosqlite:///{path}"
    if not path.exists() or not await upgraded(url):
        for old in CACHE.glob(f"admin_{cases}_*.db*"):
            old.unlink()
        building = CACHE / f"building_{key}.db"
        for leftover in CACHE.glob(f"building_{key}.db*"):
            leftover.unlink()
        await build(f"sqlite+aiosqlite:///{building}", cases)
        building.rename(path)
    return url


async def postgres_url(server: str, cases: int) -> str:
    """The kept PostgreSQL database of this size, generated first when missing."""
    name = f"ls_bench_admin_{data_key(cases)}"
    url = make_url(server).set(database=name).render_as_string(hide_password=False)
    admin = create_async_engine(server, isolation_level="AUTOCOMMIT")
    try:
        async with admin.connect() as conn:
            found = await conn.exec_driver_sql("SELECT datname FROM pg_database")
            existing = {row[0] for row in found}
            if name not in existing or not await upgraded(url):
                for old in existing:
                    if old.startswith((f"ls_bench_admin_{cases}_", f"ls_bench_building_{cases}_")):
                        await conn.exec_driver_sql(f'DROP DATABASE "{old}" WITH (FORCE)')
                building = name.replace("ls_bench_admin_", "ls_bench_building_")
                await conn.exec_driver_sql(f'CREATE DATABASE "{building}"')
                building_url = make_url(server).set(database=building)
                await build(building_url.render_as_string(hide_password=False), cases)
                await conn.exec_driver_sql(f'ALTER DATABASE "{building}" RENAME TO "{name}"')
    finally:
        await admin.dispose()
    return url


def make_deps(engine: AsyncEngine) -> TriageDeps:
    translator = load_translator()
    return TriageDeps(
        uow=UnitOfWorkFactory(create_session_factory(engine)), rules=load_default_rules(),
        regions=DirectoryLookup(load_region_directory()), translator=translator,
        messages=TelegramMessages(translator), clock=lambda: NOW,
    )  # fmt: skip


@dataclass(frozen=True)
class Page:
    title: str
    user: str
    path: str
    floor: Action | None


def queue_floor(deps: TriageDeps, scenario: bench_queue.Scenario, token: str | None) -> Action:
    """The queue page's bare SQL: its rows, its count and its audit row (bench_queue's floor)."""
    cursor = decode_cursor(token, scenario.order, sort_keys(scenario.order)) if token else None

    async def run() -> object:
        return await bench_queue._floor(deps, scenario, cursor, 1)

    return run


async def queue_pages(deps: TriageDeps, busiest: str) -> list[Page]:
    default = QueueOrder()
    listed = [
        ("queue, first page", "", QueueFilters(), False),
        ("queue, open + TINGGI", "status=open&urgency=TINGGI", QueueFilters(status=OPEN, urgency="TINGGI"), False),
        ("queue, one kabupaten/kota", f"kabkota={busiest}", QueueFilters(kabkota=busiest), False),
        ("queue, page in the middle", "", QueueFilters(), True),
    ]  # fmt: skip
    pages = []
    for title, query, filters, deep in listed:
        scenario = bench_queue.Scenario(title, ADMIN, filters, default, deep)
        token = await bench_queue._middle_cursor(deps, scenario) if deep else None
        if token:
            query = f"after={token}"
        path = f"/reports?{query}" if query else "/reports"
        pages.append(Page(title, "admin", path, queue_floor(deps, scenario, token)))
    return pages


def case_floor(deps: TriageDeps, reference: str, *, choices: bool) -> Action:
    """The case page's bare SQL: the report, its timeline, assignments, assessment, pending
    deadlines, holder, undelivered messages, the workers it could go to with their open
    cases, and the audit row, committed."""
    report, worker = TABLES["report"].c, TABLES["worker"].c

    async def run() -> object:
        async with deps.uow() as uow:
            conn = await uow.session.connection()
            same = and_(report.reference == reference, region_scope(ADMIN))
            row = (await conn.execute(select(TABLES["report"]).where(same))).one()
            for name in ("case_event", "assignment", "assessment", "deadline", "outbox_message"):
                table = TABLES[name]
                (await conn.execute(select(table).where(table.c.report_id == row.id))).all()
            await conn.execute(select(TABLES["worker"]).where(worker.id == row.assigned_worker_id))
            if choices:  # an open case's page lists where it could go
                reachable = (worker.telegram_user_id.is_not(None), worker.active)
                shown = (worker.id, worker.name, worker.role, worker.region_codes, worker.on_duty,
                         worker.on_leave_until)  # fmt: skip
                ids = [w.id for w in await conn.execute(select(*shown).where(*reachable))]
                open_cases = report.queue_rank < CLOSED_RANK_OFFSET
                loads = (
                    select(report.assigned_worker_id, func.count())
                    .where(report.assigned_worker_id.in_(ids), open_cases)
                    .group_by(report.assigned_worker_id)
                )
                (await conn.execute(loads)).all()
            audit = {"at": NOW, "actor": "admin", "action": "view_case", "detail": {}}
            await conn.execute(insert(tables.AuditLog), audit)
            await uow.commit()
        return row

    return run


async def case_pages(deps: TriageDeps, cases: int) -> list[Page]:
    """A closed case, and an open one (its page also lists the workers it could go to)."""
    report = TABLES["report"].c
    number = max(1, int(cases * CASE_REFERENCE_AT))
    pages = []
    for title, closed in (("case page, closed", True), ("case page, open", False)):
        stage = (
            report.queue_rank >= CLOSED_RANK_OFFSET
            if closed
            else report.queue_rank < CLOSED_RANK_OFFSET
        )
        query = select(report.reference).where(report.id >= number, stage).order_by(report.id)
        async with deps.uow() as uow:
            conn = await uow.session.connection()
            reference = (await conn.execute(query.limit(1))).scalar_one()
        floor = case_floor(deps, reference, choices=not closed)
        pages.append(Page(title, "admin", f"/reports/{reference}", floor))
    return pages


def dashboard_pages(deps: TriageDeps) -> list[Page]:
    floors = bench_dashboard.floors(deps)
    return [
        Page(title, user, path, floors.get(title)) for title, user, path in bench_dashboard.PAGES
    ]


async def busiest_region(deps: TriageDeps) -> str:
    column = TABLES["report"].c.kabkota_code
    query = select(column).group_by(column).order_by(func.count().desc()).limit(1)
    async with deps.uow() as uow:
        return str((await (await uow.session.connection()).execute(query)).scalar_one())


async def measure(label: str, url: str, cases: int, runs: int) -> None:
    engine = create_engine(url, keyring=BENCH_KEYRING)
    try:
        deps = make_deps(engine)
        pages = await queue_pages(deps, await busiest_region(deps))
        pages += await case_pages(deps, cases)
        pages += dashboard_pages(deps)
        print(f" {label}: {cases:,} reports")
        await time_pages(deps, pages, runs)
    finally:
        await engine.dispose()


async def time_pages(deps: TriageDeps, pages: list[Page], runs: int) -> None:
    app = create_admin_app(deps=deps, secret_key="bench-secret-key-" + "x" * 32)
    await outlines.view_outlines(None)  # once per process, not a page's cost
    print(
        f"  {'page':<46} {'runs':>4} {'p50 ms':>8} {'p95 ms':>8} {'SQL p50':>8} {'SQL p95':>8}"
        f" {'p95/floor':>9}"
    )
    clients: dict[str, TestClient[Any, Any]] = {}
    try:
        for page in pages:
            client = clients.get(page.user)
            if client is None:
                client = clients[page.user] = TestClient(TestServer(app))
                await client.start_server()
                await bench_dashboard.log_in(client, page.user)

            async def fetch(client: TestClient[Any, Any] = client, path: str = page.path) -> object:
                response = await client.get(path)
                assert response.status == 200, (path, response.status)
                return await response.read()

            if page.title.startswith("dashboard"):
                await dashboard_lines(deps, app, page, fetch, runs)
                continue
            tries = await runs_for(fetch, runs)
            p50, p95 = await bench_dashboard.timed(fetch, tries, 1)
            if page.floor is None:
                print(f"  {page.title:<46} {tries:>4} {p50:>8.1f} {p95:>8.1f}")
                continue
            f50, f95 = await bench_dashboard.timed(page.floor, tries)
            print(
                f"  {page.title:<46} {tries:>4} {p50:>8.1f} {p95:>8.1f} {f50:>8.1f} {f95:>8.1f}"
                f" {p95 / f95:>9.2f}"
            )
    finally:
        for client in clients.values():
            await client.close()


async def runs_for(fetch: Action, runs: int) -> int:
    """A warm-up, timed: a page that takes seconds (the country's accept breaches at a
    million) gets as few runs as the dashboard's first view."""
    start = time.perf_counter()
    await fetch()
    return COLD_TRIES if time.perf_counter() - start > SLOW_SECONDS else runs


async def dashboard_lines(
    deps: TriageDeps, app: web.Application, page: Page, fetch: Action, runs: int
) -> None:
    """The dashboard keeps its figures until the data changes. Its first view after a change
    computes them (seconds each at a million): a few samples, right after a change, against
    the floor timed as often; its repeated views (served kept) get the usual runs."""
    long = "two years" in page.title  # no warm-up: the pages before warmed the app
    tries, warm_ups = (COLD_TRIES_LONG, 0) if long else (COLD_TRIES, 1)
    before = bench_dashboard.data_changed(deps, *bench_dashboard.drawings_of(app))
    p50, p95 = await bench_dashboard.timed(fetch, tries, warm_ups, before)
    line = f"  {page.title + ', first view':<46} {tries:>4} {p50:>8.1f} {p95:>8.1f}"
    if page.floor is not None:
        f50, f95 = await bench_dashboard.timed(page.floor, tries, warm_ups)
        line += f" {f50:>8.1f} {f95:>8.1f} {p95 / f95:>9.2f}"
    print(line)
    w50, w95 = await bench_dashboard.timed(fetch, runs)
    print(f"  {page.title + ', repeated':<46} {runs:>4} {w50:>8.1f} {w95:>8.1f}")


async def run(engine_name: str, cases: int, runs: int) -> None:
    start = time.perf_counter()
    if engine_name == "sqlite":
        url = await sqlite_url(cases)
    else:
        url = await postgres_url(os.environ["TEST_POSTGRES_URL"], cases)
    print(f" {engine_name}: data ready in {time.perf_counter() - start:.0f} s")
    await measure(engine_name, url, cases, runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help=f"{QUICK:,} reports, fewer runs")
    parser.add_argument("--cases", type=int, help=f"default {FULL:,} ({QUICK:,} with --quick)")
    parser.add_argument("--runs", type=int, help="per page; default 20 (8 with --quick)")
    parser.add_argument("--only", choices=("sqlite", "postgresql"))
    args = parser.parse_args()
    cases = args.cases or (QUICK if args.quick else FULL)
    runs = args.runs or (8 if args.quick else 20)
    cheap = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)  # logins are not timed
    accounts._hasher = lambda: cheap  # type: ignore[assignment]
    print(f"admin pages over {cases:,} reports up to {NOW.isoformat()}, {runs} runs per page")
    if args.only != "postgresql":
        asyncio.run(run("sqlite", cases, runs))
    if args.only == "sqlite":
        return
    if os.environ.get("TEST_POSTGRES_URL"):
        asyncio.run(run("postgresql", cases, runs))
    else:
        print(" postgresql: skipped (TEST_POSTGRES_URL is not set)")


if __name__ == "__main__":
    main()
