"""Benchmark the statistics over a year of reports. Prints figures, asserts nothing.

Run from the repository root: `python -m bench.bench_statistics [--reports N] [--runs R]`.

Reports spread over one year, every kabupaten/kota (a few large ones get many more), every
kind of harm, age, sex, relation and urgency, with response times and three first-step
deadlines each; loaded into a fresh SQLite file, and into a fresh PostgreSQL database when
TEST_POSTGRES_URL is set. Timed: the whole use case (`statistics`: the reports grouped in SQL with
their deadline tallies, every table built and protected) for a few requests, and `protect` alone
on the largest table (kabupaten/kota × month).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics as stats
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy.ext.asyncio import AsyncEngine

from bench.bulk_load import load_tables
from bench.databases import PostgresDatabase
from tests.support.deps import TEST_KEYRING, make_deps
from triage.domain.model import Category
from triage.domain.statistics.dimensions import Dimension, Granularity, Unit
from triage.domain.statistics.suppression import protect
from triage.domain.statistics.tables import cross_table
from triage.domain.timezones import WIB
from triage.services.staff.accounts import StaffIdentity
from triage.services.statistics.grouped import case_groups
from triage.services.statistics.harm_source import load_harm_mapping
from triage.services.statistics.model import StatisticsRequest
from triage.services.statistics.overview import statistics
from triage.services.statistics.query import scope
from triage.storage.db import create_engine, create_session_factory
from triage.storage.migrate import upgrade_database_async
from triage.storage.region_source import load_region_directory
from triage.storage.tables import Deadline, Report, Worker
from triage.storage.uow import UnitOfWorkFactory

NOW = datetime(2026, 11, 23, 3, 0, tzinfo=UTC)
ADMIN = StaffIdentity(1, "admin", "admin")
REQUESTS = [
    ("province × harm, by year", Dimension.PROVINCE, Dimension.HARM, Granularity.YEAR, Unit.REPORTS),
    ("kabkota × urgency, by month", Dimension.KABKOTA, Dimension.URGENCY, Granularity.MONTH, Unit.REPORTS),
    ("age × sex, children, by quarter", Dimension.AGE_BAND, Dimension.SEX, Granularity.QUARTER, Unit.CHILDREN),
]  # fmt: skip


def _reports(count: int, seed: int, regions: list[str]) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    heavy = regions[:12] * 20 + regions
    kinds = [c.value for c in Category]
    rows = []
    for n in range(count):
        received = NOW - timedelta(minutes=rng.randint(60, 365 * 1440))
        contact = timedelta(hours=rng.expovariate(1 / 30)) if rng.random() < 0.85 else None
        closure = (
            timedelta(days=rng.expovariate(1 / 70)) if contact and rng.random() < 0.7 else None
        )
        age = rng.choice((None, rng.randint(0, 17)))
        rows.append(
            {
                "reference": f"LS-B{n:07d}", "received_at": received,
                "reporter_chat_id": 9_000_000_000 + n, "categories": rng.sample(kinds, rng.choice((1, 1, 2))),
                "child_age": age, "child_sex": rng.choice(("female", "male", None)),
                "reporter_relation": rng.choice(("family", "neighbour", "school", "self", "other", None)),
                "urgency": rng.choice(("DARURAT", "TINGGI", "SEDANG", "SEDANG", "RENDAH")),
                "children_count": rng.choice((None, None, None, 2)), "description": "", "evidence": [],
                "kabkota_code": rng.choice(heavy), "status": "closed" if closure else "accepted",
                "assigned_worker_id": rng.randint(1, 400),
                "first_contact_at": received + contact if contact else None,
                "closed_at": received + closure if closure else None,
            }
        )  # fmt: skip
    return rows


async def load(engine: AsyncEngine, count: int, seed: int) -> None:
    directory = load_region_directory()
    regions = [k.code for p in directory.provinces() for k in directory.kabkota_in(p.code)]
    workers = [
        {"name": f"Petugas {n}", "created_at": NOW, "updated_at": NOW, "region_codes": []}
        for n in range(400)
    ]
    rows = _reports(count, seed, regions)
    deadlines = [
        {"key": f"LS-B{n:07d}:{kind}:g0:l1", "report_id": n + 1, "kind": kind,
         "due_at": NOW - timedelta(days=1), "status": random.Random(n).choice(("cancelled", "fired"))}
        for n in range(count)
        for kind in ("accept_breach", "contact_breach", "closure_breach")
    ]  # fmt: skip
    await load_tables(engine, [(Worker, workers), (Report, rows), (Deadline, deadlines)])
    # The planner's statistics, as autovacuum soon gathers them after a load (without them
    # PostgreSQL plans the grouped read over a few rows and takes minutes at 50,000).
    async with engine.connect() as conn:
        autocommit = await conn.execution_options(isolation_level="AUTOCOMMIT")
        await autocommit.exec_driver_sql("ANALYZE")


async def measure(label: str, url: str, count: int, seed: int, runs: int) -> None:
    await upgrade_database_async(url, TEST_KEYRING)
    engine = create_engine(url, keyring=TEST_KEYRING)
    try:
        start = time.perf_counter()
        await load(engine, count, seed)
        print(f" {label}: loaded {count} reports in {time.perf_counter() - start:.1f} s")
        uow = UnitOfWorkFactory(create_session_factory(engine))
        deps = make_deps(uow, clock=lambda: NOW)
        first, last = date(2025, 11, 24), date(2026, 11, 23)
        for title, rows, columns, granularity, unit in REQUESTS:
            request = StatisticsRequest(first, last, rows, columns, granularity, unit)
            times = []
            for _ in range(runs):
                began = time.perf_counter()
                await statistics(deps, ADMIN, request, WIB, minimum=5, now=NOW)
                times.append((time.perf_counter() - began) * 1e3)
            print(f"  {title:<34} p50 {stats.median(times):7.0f} ms  max {max(times):7.0f} ms")
        await _protect_alone(uow, first, last)
    finally:
        await engine.dispose()


async def _protect_alone(uow: UnitOfWorkFactory, first: date, last: date) -> None:
    start = datetime.combine(first, datetime.min.time(), tzinfo=WIB)
    end = datetime.combine(last + timedelta(days=1), datetime.min.time(), tzinfo=WIB)
    async with uow() as unit:
        began = time.perf_counter()
        facts = await case_groups(
            unit.session,
            scope(ADMIN, start, end),
            first=first,
            last=last,
            zone=WIB,
            harms=load_harm_mapping(),
            now=NOW,
            dimensions=frozenset(),
        )
        read = (time.perf_counter() - began) * 1e3
    table = cross_table(
        facts,
        lambda f: f.kabkota or "unknown",
        lambda f: f"{f.received:%Y-%m}",
        lambda f: f.reports,
    )
    began = time.perf_counter()
    protected = protect(table, 5)
    took = (time.perf_counter() - began) * 1e3
    reports = sum(f.reports for f in facts)
    print(f"  reading {reports} reports grouped into {len(facts)} rows: {read:.0f} ms")
    print(
        f"  protect kabkota × month ({len(table.rows)} × {len(table.columns)}): {took:.0f} ms, "
        f"{protected.hidden_count} figures hidden"
    )


async def _postgres(url: str, count: int, seed: int, runs: int) -> None:
    async with PostgresDatabase(url) as fresh:
        await measure("postgresql", fresh, count, seed, runs)


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=50_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--quick", action="store_true", help="5,000 reports, one run each")
    args = parser.parse_args()
    if args.quick:
        args.reports, args.runs = 5_000, 1
    print(
        f"statistics over {args.reports} reports, {args.runs} runs each (load {os.getloadavg()[0]:.1f})"
    )
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite+aiosqlite:///{Path(folder) / 'bench.db'}"
        await measure("sqlite", url, args.reports, args.seed, args.runs)
    postgres = os.environ.get("TEST_POSTGRES_URL")
    if postgres:
        await _postgres(postgres, args.reports, args.seed, args.runs)


if __name__ == "__main__":
    asyncio.run(main())
