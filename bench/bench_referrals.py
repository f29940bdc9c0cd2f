"""Benchmark what the directory of services costs per use. Prints figures, asserts nothing.

Run from the repository root: `python -m bench.bench_referrals [--per-kabkota N] [--runs R]`.

A directory of N services per kabupaten/kota (every type, a few serving whole provinces) is
loaded into a fresh SQLite file, and into a fresh PostgreSQL database when TEST_POSTGRES_URL is
set. Timed (p50 / p95 ms): the worker's type picker and service list for one kabupaten/kota,
the reporter's local numbers, the services CSV check of the whole directory (pure), and the
admin's list with the stale flag. The picker reads the active services and filters the region
codes in Python (JSON lists are not indexed on SQLite): this shows what that costs.
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import io
import os
import statistics
import tempfile
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import insert

from bench.databases import PostgresDatabase
from tests.support.deps import TEST_KEYRING, make_deps, real_regions
from triage.domain.referrals import DANGER_LOCAL_TYPES, ServiceType
from triage.services.referrals import choices
from triage.services.referrals.csv_rows import COLUMNS, parse_service_csv
from triage.services.referrals.directory import list_services
from triage.storage.db import create_engine, create_session_factory
from triage.storage.migrate import upgrade_database_async
from triage.storage.tables import ServiceEntry
from triage.storage.uow import UnitOfWorkFactory

NOW = datetime(2026, 12, 1, 2, 0, tzinfo=UTC)
TYPES = list(ServiceType)


def directory(per_kabkota: int) -> list[dict[str, Any]]:
    regions = real_regions().directory
    rows: list[dict[str, Any]] = []
    for province in regions.provinces():
        for n, kabkota in enumerate(regions.kabkota_in(province.code)):
            for k in range(per_kabkota):
                wide = n == 0 and k == 0  # one service a province serves all of it
                rows.append(
                    {
                        "name": f"Layanan {kabkota.code} {k:03d}",
                        "type": TYPES[k % len(TYPES)].value,
                        "region_codes": [province.code if wide else kabkota.code],
                        "phone": f"+6221555{len(rows):04d}",
                        "last_verified": date(2025, 1 + k % 12, 1),
                        "active": True,
                        "created_at": NOW,
                        "updated_at": NOW,
                    }
                )
    return rows


def as_csv(rows: list[dict[str, Any]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    for row in rows:
        codes = ";".join(row["region_codes"])
        writer.writerow([row["name"], row["type"], codes, "", "021-555-0101", "", "", "", ""])
    return out.getvalue()


async def timed(runs: int, work: Callable[[], Awaitable[object]]) -> str:
    await work()
    laps = []
    for _ in range(runs):
        start = time.perf_counter()
        await work()
        laps.append((time.perf_counter() - start) * 1000)
    laps.sort()
    p95 = laps[min(len(laps) - 1, int(len(laps) * 0.95))]
    return f"{statistics.median(laps):8.1f} / {p95:8.1f} ms"


async def measure(label: str, url: str, rows: list[dict[str, Any]], runs: int) -> None:
    await upgrade_database_async(url, TEST_KEYRING)
    engine = create_engine(url, keyring=TEST_KEYRING)
    try:
        async with engine.begin() as conn:
            for start in range(0, len(rows), 1000):
                await conn.execute(insert(ServiceEntry), rows[start : start + 1000])
        deps = make_deps(UnitOfWorkFactory(create_session_factory(engine)), clock=lambda: NOW)

        async def picker() -> None:
            async with deps.uow() as uow:
                await choices.types_serving(uow.session, "32.73")
                await choices.services_serving(uow.session, "32.73", "uptd_ppa")

        async def local() -> None:
            async with deps.uow() as uow:
                await choices.local_contacts(uow.session, "32.73", DANGER_LOCAL_TYPES)

        print(f"{label}: {len(rows):,} services")
        print(f"  picker (types, then one type's list)  {await timed(runs, picker)}")
        print(f"  reporter's local numbers              {await timed(runs, local)}")
        print(
            f"  admin list with the stale flag        {await timed(max(3, runs // 10), lambda: list_services(deps))}"
        )
    finally:
        await engine.dispose()


async def on_fresh_postgres(admin_url: str, rows: list[dict[str, Any]], runs: int) -> None:
    async with PostgresDatabase(admin_url) as url:
        await measure("postgresql", url, rows, runs)


async def main(per_kabkota: int, runs: int) -> None:
    rows = directory(per_kabkota)
    text = as_csv(rows)
    start = time.perf_counter()
    parse_service_csv(text, real_regions().directory, NOW.date())
    print(f"services CSV check of {len(rows):,} lines: {time.perf_counter() - start:.2f} s")
    with tempfile.TemporaryDirectory() as folder:
        await measure("sqlite", f"sqlite+aiosqlite:///{Path(folder) / 'bench.db'}", rows, runs)
    if postgres := os.environ.get("TEST_POSTGRES_URL"):
        await on_fresh_postgres(postgres, rows, runs)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-kabkota", type=int, default=10)
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument(
        "--quick", action="store_true", help="2 services per kabupaten/kota, 10 runs"
    )
    arguments = parser.parse_args()
    if arguments.quick:
        arguments.per_kabkota, arguments.runs = 2, 10
    asyncio.run(main(arguments.per_kabkota, arguments.runs))
