"""Benchmark the staff queue and its CSV export over 100,000 cases. Prints figures, asserts nothing.

Run from the repository root: `python -m bench.bench_queue [--cases N] [--seed S] [--runs R]`;
`--quick`: 10,000 cases, 5 runs.

Generates two years of realistic cases (spread over every kabupaten/kota with a few large
ones, four urgencies, every status by age, categories, workers, SLA deadlines fired, pending
and cancelled) into a fresh SQLite file, and into a fresh PostgreSQL database when
TEST_POSTGRES_URL is set. Then, for each scenario (first page, filtered, deep page, each
sort), `list_reports` (the page, its count and the audit row) is timed as p50/p95 next to
the floor, the bare SQL the page needs (its rows, its count and its audit row, committed),
and the plan's use of an index is shown; the page adds the ORM and the Python around it. The full CSV export is timed last.
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
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import and_, func, insert, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

from bench.bulk_load import load_tables
from bot.messages import TelegramMessages
from tests.support.deps import TEST_KEYRING
from triage.domain.model import Category, Urgency
from triage.i18n import load_translator
from triage.services.cases.export import export_reports
from triage.services.cases.queries import _List, _list_query, list_reports
from triage.services.cases.queue_cursor import Cursor, decode_cursor, encode_cursor
from triage.services.cases.queue_query import OPEN, PageRequest, QueueFilters, QueueOrder, QueueSort
from triage.services.cases.queue_sql import conditions, queue_parts, sort_keys
from triage.services.common.deps import TriageDeps
from triage.services.regions.lookup import DirectoryLookup
from triage.services.staff.accounts import StaffIdentity
from triage.storage import keyset, tables
from triage.storage.db import create_engine, create_session_factory
from triage.storage.migrate import upgrade_database_async
from triage.storage.region_source import load_region_directory
from triage.storage.rules_source import load_default_rules
from triage.storage.uow import UnitOfWorkFactory

NOW = datetime(2026, 11, 23, 1, 30, tzinfo=UTC)
SPAN = timedelta(days=730)
PAGE = 25
URGENCY_MIX = {Urgency.DARURAT: 5, Urgency.TINGGI: 20, Urgency.SEDANG: 45, Urgency.RENDAH: 30}
FIRST = ["Sari", "Budi", "Dewi", "Agus", "Rina", "Joko", "Wati", "Andi", "Lina", "Eko", "Putri"]
LAST = ["Wulandari", "Santoso", "Lestari", "Saputra", "Hidayat", "Siregar", "Nasution", "Pratama"]
ADMIN = StaffIdentity(id=1, username="bench.admin", role="admin")


@dataclass(frozen=True)
class Scenario:
    title: str
    viewer: StaffIdentity
    filters: QueueFilters
    order: QueueOrder
    deep: bool = False  # start at the middle of the list


def timed_ms(samples: list[float]) -> str:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return f"p50 {statistics.median(ordered) * 1e3:7.1f} ms  p95 {p95 * 1e3:7.1f} ms"


STORY_WORDS = [
    "anak",
    "tetangga",
    "sering",
    "dipukul",
    "ayahnya",
    "malam",
    "hari",
    "terdengar",
    "teriakan",
    "tidak",
    "sekolah",
    "sejak",
    "bulan",
    "lalu",
    "ibunya",
    "bekerja",
    "di",
    "luar",
    "kota",
    "tinggal",
    "dengan",
    "nenek",
    "yang",
    "sakit",
    "badannya",
    "kurus",
    "ada",
    "bekas",
    "luka",
    "di",
    "tangan",
    "dan",
    "kaki",
    "kami",
    "khawatir",
]


def _story(rng: random.Random) -> str:
    """A description of typical length (40 to 160 words)."""
    return " ".join(rng.choice(STORY_WORDS) for _ in range(rng.randrange(40, 160)))


def _codes() -> list[str]:
    directory = load_region_directory()
    return [k.code for p in directory.provinces() for k in directory.kabkota_in(p.code)]


def generate(cases: int, seed: int) -> tuple[list[dict[str, Any]], ...]:
    """Workers, reports and deadlines as rows for bulk inserts."""
    rng = random.Random(seed)
    rules = load_default_rules()
    codes = _codes()
    weights = [1 / (1 + n) ** 0.8 for n in range(len(codes))]  # a few large cities
    rng.shuffle(weights)
    workers = [
        {"id": n + 1, "name": f"{rng.choice(FIRST)} {rng.choice(LAST)}", "role": "worker",
         "region_codes": [codes[n // 2]], "created_at": NOW - SPAN, "updated_at": NOW - SPAN}
        for n in range(2 * len(codes))
    ]  # fmt: skip
    reports, deadlines = [], []
    for n in range(1, cases + 1):
        received = NOW - SPAN * (rng.random() ** 1.3)  # more cases lately
        urgency = rng.choices(list(URGENCY_MIX), weights=list(URGENCY_MIX.values()))[0]
        targets = rules.sla[urgency]
        index = rng.choices(range(len(codes)), weights=weights)[0]
        code = None if rng.random() < 0.02 else codes[index]
        row, marks = _case(rng, n, received, urgency, targets, code, index)
        reports.append(row)
        deadlines.extend(_deadlines(n, row, marks, targets))
    return workers, reports, deadlines


def _case(
    rng: random.Random, n: int, received: datetime, urgency: Urgency, targets: Any,
    code: str | None, index: int,
) -> tuple[dict[str, Any], dict[str, datetime | None]]:  # fmt: skip
    age = NOW - received
    unassigned = code is None or rng.random() < 0.03
    accepted = received + targets.accept * rng.uniform(0.2, 2.0)
    contacted = received + targets.first_contact * rng.uniform(0.3, 2.0)
    closed = received + targets.closure * rng.uniform(0.3, 1.8)
    marks = {
        "accepted": accepted if accepted < NOW and not unassigned and rng.random() < 0.97 else None,
        "contacted": None, "closed": None,
    }  # fmt: skip
    if marks["accepted"] and contacted < NOW and rng.random() < 0.95:
        marks["contacted"] = max(contacted, marks["accepted"])
    if marks["contacted"] and closed < NOW and rng.random() < 0.97:
        marks["closed"] = max(closed, marks["contacted"])
    status = (
        "closed" if marks["closed"] else
        rng.choice(["contacted", "visited", "referred"]) if marks["contacted"] else
        "accepted" if marks["accepted"] else "new" if unassigned else "assigned"
    )  # fmt: skip
    row = {
        "id": n, "reference": f"LS-{n:04X}-{rng.getrandbits(16):04X}", "received_at": received,
        "reporter_chat_id": 10**9 + n, "description": _story(rng), "evidence": [],
        "kabkota_code": code,
        "address": f"Jl. {rng.choice(LAST)} No. {rng.randrange(1, 200)}, RT 0{rng.randrange(1, 9)}",
        "contact_phone": f"+62812{rng.randrange(10**7, 10**8)}", "contact_consent": rng.random() < 0.6,
        "urgency": urgency.value, "status": status,
        "assigned_worker_id": None if unassigned else 2 * index + 1 + rng.randrange(2),
        "categories": rng.sample([c.value for c in Category], rng.choice([1, 1, 2])),
        "accepted_at": marks["accepted"], "first_contact_at": marks["contacted"],
        "closed_at": marks["closed"], "last_event_at": received + min(age, timedelta(days=3)),
    }  # fmt: skip
    return row, marks


def _deadlines(
    n: int, row: dict[str, Any], marks: dict[str, datetime | None], targets: Any
) -> list[dict[str, Any]]:
    """Each target's reminder and breach: cancelled if met before due, else fired or pending."""
    received, found = row["received_at"], []
    for kind, target, met in (
        ("accept", targets.accept, marks["accepted"]),
        ("contact", targets.first_contact, marks["contacted"]),
        ("closure", targets.closure, marks["closed"]),
    ):
        for suffix, due in (("reminder", received + target * 0.75), ("breach", received + target)):
            done = met or marks["closed"]
            status = "cancelled" if done and done < due else "fired" if due <= NOW else "pending"
            found.append(
                {"key": f"{row['reference']}:{kind}_{suffix}:g0:l{int(suffix == 'breach')}",
                 "report_id": n, "kind": f"{kind}_{suffix}", "due_at": due, "status": status}
            )  # fmt: skip
    return found


async def load(engine: AsyncEngine, rows: tuple[list[dict[str, Any]], ...]) -> None:
    workers, reports, deadlines = rows
    await load_tables(
        engine, [(tables.Worker, workers), (tables.Report, reports), (tables.Deadline, deadlines)]
    )
    # Statistics, and on PostgreSQL the visibility map that index-only scans need: what
    # autovacuum gives a running database, done at once here.
    command = "VACUUM ANALYZE" if engine.dialect.name == "postgresql" else "ANALYZE"
    async with engine.connect() as conn:
        await conn.execution_options(isolation_level="AUTOCOMMIT")
        await conn.execute(text(command))


def scenarios(sample_kabkota: str, worker_id: int) -> list[Scenario]:
    province = sample_kabkota.split(".")[0]
    supervisor = StaffIdentity(2, "bench.spv", "supervisor", (province,))
    default = QueueOrder()
    found = [
        Scenario("first page, default order", ADMIN, QueueFilters(), default),
        Scenario("deep page (middle of 100k)", ADMIN, QueueFilters(), default, deep=True),
        Scenario("open + TINGGI", ADMIN, QueueFilters(status=OPEN, urgency="TINGGI"), default),
        Scenario("one kabupaten/kota", ADMIN, QueueFilters(kabkota=sample_kabkota), default),
        Scenario("province supervisor", supervisor, QueueFilters(), default),
        Scenario("province supervisor, deep", supervisor, QueueFilters(), default, deep=True),
        Scenario("overdue now", ADMIN, QueueFilters(overdue=True), default),
        Scenario("category", ADMIN, QueueFilters(category="penelantaran"), default),
        Scenario("one worker", ADMIN, QueueFilters(worker_id=worker_id), default),
        Scenario("unassigned + open", ADMIN, QueueFilters(unassigned=True, status=OPEN), default),
        Scenario(
            "last 30 days",
            ADMIN,
            QueueFilters(received_from=NOW - timedelta(days=30), received_before=NOW),
            default,
        ),
        Scenario("reference part", ADMIN, QueueFilters(reference="7A"), default),
    ]
    for sort in QueueSort:
        if sort is not QueueSort.PRIORITY:
            found.append(Scenario(f"sort {sort.value}, deep", ADMIN, QueueFilters(),
                                  QueueOrder(sort, True), deep=True))  # fmt: skip
    return found


async def _middle_cursor(deps: TriageDeps, s: Scenario) -> str | None:
    """A cursor at the middle row of the scenario's list, as a page link would carry it."""
    keys = sort_keys(s.order)
    where = conditions(s.viewer, s.filters, NOW, deps.rules)
    report, worker = tables.Report, tables.Worker
    ordered = (
        select(*(key.expression.label(f"sort_{n}") for n, key in enumerate(keys)))
        .select_from(report)
        .outerjoin(worker, report.assigned_worker_id == worker.id)  # type: ignore[arg-type]
        .where(and_(*where))
        .order_by(*keyset.order_by(keys, backwards=s.order.descending))
    )
    async with deps.uow() as uow:
        conn = await uow.session.connection()
        count = select(func.count()).select_from(report).where(and_(*where))
        total = (await conn.execute(count)).scalar_one()
        row = (await conn.execute(ordered.offset(total // 2).limit(1))).first()
    if row is None:
        return None
    values = tuple(getattr(row, f"sort_{n}") for n in range(len(keys)))
    return encode_cursor(s.order, Cursor(values, total // 2 + 1))


def _listing(deps: TriageDeps, s: Scenario) -> _List:
    where = conditions(s.viewer, s.filters, NOW, deps.rules)
    parts = tuple((p, _list_query(p, where, NOW, deps.rules)) for p in queue_parts(s.order))
    return _List(s.order, parts)


async def run_scenario(deps: TriageDeps, s: Scenario, runs: int, dialect: str) -> None:
    token = await _middle_cursor(deps, s) if s.deep else None
    page = PageRequest(token)
    service: list[float] = []
    for _ in range(runs):
        start = time.perf_counter()
        result = await list_reports(deps, s.viewer, s.filters, s.order, page, limit=PAGE, now=NOW)
        service.append(time.perf_counter() - start)
    cursor = decode_cursor(token, s.order, sort_keys(s.order)) if token else None
    floor, plan = await _floor(deps, s, cursor, runs), await _plan(deps, s, cursor, dialect)
    print(f"  {s.title:<30} {timed_ms(service)} | floor {timed_ms(floor)}"
          f" | {result.total:>7,} rows | {plan}")  # fmt: skip


async def _floor(deps: TriageDeps, s: Scenario, cursor: Cursor | None, runs: int) -> list[float]:
    """The bare SQL the page needs: its rows, the count of matches and its audit row (one
    insert and a commit: every view of the queue is audited), without the ORM or rendering."""
    listing = _listing(deps, s)
    where = conditions(s.viewer, s.filters, NOW, deps.rules)
    count = select(func.count()).select_from(tables.Report).where(and_(*where))
    row = {"at": NOW, "actor": s.viewer.username, "action": "list_reports", "detail": {}}
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        async with deps.uow() as uow:
            conn = await uow.session.connection()
            await listing.read(conn, cursor, False, PAGE)
            (await conn.execute(count)).scalar_one()
            await conn.execute(insert(tables.AuditLog), row)
            await uow.commit()
        samples.append(time.perf_counter() - start)
    return samples


async def _explain(conn: Any, query: Any, dialect: str) -> list[str]:
    """The plan of the query as the page runs it, with bound parameters (literals can change
    SQLite's plan, and PostgreSQL needs the parameters' types)."""
    compiled = query.compile(conn.engine.sync_engine, compile_kwargs={"render_postcompile": True})
    params = tuple(compiled.params[name] for name in compiled.positiontup or ())
    prefix = "EXPLAIN QUERY PLAN" if dialect == "sqlite" else "EXPLAIN"
    rows = await conn.exec_driver_sql(f"{prefix} {compiled}", params)
    return [str(r[-1]) for r in rows.all()]


async def _plan(deps: TriageDeps, s: Scenario, cursor: Cursor | None, dialect: str) -> str:
    """Which indexes the page's queries use (every part and seek branch), and whether any
    sorts rows itself."""
    lines: list[str] = []
    async with deps.uow() as uow:
        conn = await uow.session.connection()
        for queries in _listing(deps, s).stretches(cursor, backwards=False):
            for query in queries:
                lines += await _explain(conn, query.limit(PAGE + 1), dialect)
    indexes = sorted({w.strip("()") for line in lines for w in line.split() if w.startswith("ix_")})
    sorts = any(
        "TEMP B-TREE" in line or line.strip().startswith(("Sort", "->  Sort")) for line in lines
    )
    return f"{','.join(indexes) or 'no index'}{' +sort' if sorts else ''}"


async def run_export(deps: TriageDeps) -> None:
    for viewer, label in ((ADMIN, "admin (with the story)"),):
        start = time.perf_counter()
        count = 0
        rows = export_reports(deps, viewer, QueueFilters(), QueueOrder(), NOW)
        async for _ in rows:
            count += 1
        print(f"  CSV export rows, {label:<22} {time.perf_counter() - start:7.2f} s for {count:,}")


async def bench(label: str, url: str, rows: tuple[list[dict[str, Any]], ...], runs: int) -> None:
    await upgrade_database_async(url, TEST_KEYRING)
    engine = create_engine(url, keyring=TEST_KEYRING)
    try:
        start = time.perf_counter()
        await load(engine, rows)
        print(f" {label}: loaded {len(rows[1]):,} reports, {len(rows[2]):,} deadlines"
              f" in {time.perf_counter() - start:.1f} s")  # fmt: skip
        deps = TriageDeps(
            uow=UnitOfWorkFactory(create_session_factory(engine)), rules=load_default_rules(),
            regions=DirectoryLookup(load_region_directory()), translator=load_translator(),
            messages=TelegramMessages(load_translator()), clock=lambda: NOW,
        )  # fmt: skip
        busiest = max(
            {r["kabkota_code"] for r in rows[1] if r["kabkota_code"]},
            key=lambda c: sum(1 for r in rows[1][:5000] if r["kabkota_code"] == c),
        )
        for s in scenarios(busiest, 1):
            await run_scenario(deps, s, runs, engine.dialect.name)
        await run_export(deps)
    finally:
        await engine.dispose()


async def on_fresh_postgres(admin_url: str, run: Callable[[str], Awaitable[None]]) -> None:
    name = f"ls_bench_{uuid.uuid4().hex[:12]}"
    admin = create_async_engine(admin_url, isolation_level="AUTOCOMMIT")
    try:
        async with admin.connect() as conn:
            await conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
        await run(make_url(admin_url).set(database=name).render_as_string(hide_password=False))
    finally:
        async with admin.connect() as conn:
            await conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--runs", type=int)
    parser.add_argument("--only", choices=["sqlite", "postgresql"])
    parser.add_argument("--quick", action="store_true", help="10,000 cases, 5 runs")
    args = parser.parse_args()
    args.cases = args.cases or (10_000 if args.quick else 100_000)
    args.runs = args.runs or (5 if args.quick else 20)
    rows = generate(args.cases, args.seed)
    print(f"{args.cases:,} cases over two years up to {NOW.isoformat()}; {args.runs} runs each")
    if args.only != "postgresql":
        with tempfile.TemporaryDirectory(prefix="bench-queue-") as folder:
            url = f"sqlite+aiosqlite:///{Path(folder) / 'bench.db'}"
            asyncio.run(bench("sqlite", url, rows, args.runs))
    postgres = os.environ.get("TEST_POSTGRES_URL")
    if args.only == "sqlite":
        return
    if postgres:
        asyncio.run(
            on_fresh_postgres(postgres, lambda url: bench("postgresql", url, rows, args.runs))
        )
    else:
        print(" postgresql: skipped (TEST_POSTGRES_URL is not set)")


if __name__ == "__main__":
    main()
