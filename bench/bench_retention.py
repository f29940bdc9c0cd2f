"""Benchmark the retention run. Prints figures, asserts nothing.

Run from the repository root: `python -m bench.bench_retention [--cases N] [--batch B]`;
`--quick`: 10,000 cases.

N cases (default 100,000): half closed 400 days ago (due for anonymisation), a quarter
closed 40 days ago (due for the phone step only), a quarter still open. Each case has three
timeline events (one a worker's note), an assessment and an assignment; the closed ones
have a sent outbox message. Loaded into a fresh SQLite file, and a fresh PostgreSQL
database when TEST_POSTGRES_URL is set. Then timed: the first run (everything due at once,
as after turning retention on for an old database), the longest single batch transaction
of that run (how long a lock is held), and the next day's run (nothing due: the daily cost).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import tempfile
import time
import uuid
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

from bench.bulk_load import load_tables
from tests.support.deps import TEST_KEYRING, Clock, make_deps
from triage.domain.retention import RetentionPolicy
from triage.services.retention import run as retention
from triage.storage import tables
from triage.storage.db import create_engine, create_session_factory
from triage.storage.migrate import upgrade_database_async
from triage.storage.uow import UnitOfWork, UnitOfWorkFactory

NOW = datetime(2027, 6, 1, 2, 0, tzinfo=UTC)
POLICY = RetentionPolicy()


def rows(cases: int) -> dict[type, list[dict[str, Any]]]:
    """Reports with events, assessments, assignments and outbox rows (see the docstring)."""
    found: dict[type, list[dict[str, Any]]] = {
        tables.Worker: [{"id": 1, "name": "w", "created_at": NOW, "updated_at": NOW}],
        tables.Report: [], tables.CaseEvent: [], tables.AssessmentRow: [],
        tables.Assignment: [], tables.OutboxMessage: [],
    }  # fmt: skip
    for n in range(1, cases + 1):
        closed_days = 400 if n % 4 < 2 else 40 if n % 4 == 2 else None
        closed = NOW - timedelta(days=closed_days) if closed_days else None
        received = (closed or NOW) - timedelta(days=3)
        found[tables.Report].append(
            {"id": n, "reference": f"LS-B{n:07d}", "received_at": received,
             "reporter_chat_id": 10**9 + n, "description": "Anak dipukul di Jl. Mawar " * 8,
             "address": "Jl. Mawar 3", "contact_phone": "+6281234567890", "contact_consent": True,
             "child_age": n % 18, "kabkota_code": "31.74", "kecamatan_code": "31.74.01",
             "evidence": [{"kind": "photo", "file_id": f"AgAD{n}"}], "urgency": "SEDANG",
             "status": "closed" if closed else "accepted", "closed_at": closed,
             "assigned_worker_id": 1, "categories": ["kekerasan_fisik"]}
        )  # fmt: skip
        for kind, data in (
            ("received", {"urgency": "SEDANG"}),
            ("note", {"assignment_id": n, "text": "ibu Siti ditemui di rumah"}),
            ("closed", {"outcome": "handled", "reason": "aman bersama neneknya"}),
        ):
            found[tables.CaseEvent].append(
                {"report_id": n, "at": received, "kind": kind, "actor": "worker:1", "data": data}
            )
        found[tables.AssessmentRow].append(
            {"report_id": n, "created_at": received, "urgency": "SEDANG", "score": 40,
             "reasons": [{"code": "text:hit", "points": 20, "detail": "dipukul"}],
             "rules_version": "bench"}
        )  # fmt: skip
        found[tables.Assignment].append(
            {"report_id": n, "worker_id": 1, "kind": "assigned", "reason_code": "x",
             "created_at": received, "decline_reason": "other: sedang pelatihan"}
        )  # fmt: skip
        if closed:
            found[tables.OutboxMessage].append(
                {"dedup_key": f"closed:{n}", "created_at": closed, "chat_id": 10**9 + n,
                 "text": "[sent]", "status": "sent", "next_attempt_at": closed, "report_id": n}
            )  # fmt: skip
    return found


async def load(engine: AsyncEngine, cases: int) -> None:
    await load_tables(engine, list(rows(cases).items()))


async def batch_times(
    factory: UnitOfWorkFactory, step: Callable[[UnitOfWork], Awaitable[tuple[int, bool]]]
) -> tuple[list[float], int]:
    """Run `step` batch by batch as the run does; (each transaction's seconds, rows)."""
    times, total = [], 0
    while True:
        start = time.perf_counter()
        async with factory() as uow:
            changed, full = await step(uow)
            await uow.commit()
        times.append(time.perf_counter() - start)
        total += changed
        if not full or changed == 0:
            return times, total


async def measure(label: str, url: str, cases: int, batch: int) -> None:
    await upgrade_database_async(url, TEST_KEYRING)
    engine = create_engine(url, keyring=TEST_KEYRING)
    try:
        start = time.perf_counter()
        await load(engine, cases)
        print(f" {label}: loaded {cases:,} cases in {time.perf_counter() - start:.1f} s")
        factory = UnitOfWorkFactory(create_session_factory(engine))
        due = POLICY.cutoffs(NOW)
        for title, step in (
            ("phone step", lambda uow: retention._clear_phones(uow, due.phone, batch)),
            ("anonymise step", lambda uow: retention._anonymise(uow, due.case, NOW, batch)),
        ):
            times, total = await batch_times(factory, step)
            print(
                f"  {title:<16} {total:>8,} cases in {len(times):>4} batches of {batch} "
                f"({sum(times):.1f} s): transactions median "
                f"{statistics.median(times) * 1e3:.1f} ms, longest {max(times) * 1e3:.1f} ms"
            )
        deps = make_deps(factory, clock=Clock(NOW + timedelta(days=1)))
        start = time.perf_counter()
        counts = await retention.run_retention(deps, POLICY, case_batch=batch)
        print(
            f"  next day's run  {time.perf_counter() - start:>8.3f} s: {counts.phones_cleared} "
            f"phones, {counts.cases_anonymised} cases, {counts.outbox_deleted:,} outbox rows "
            f"(the phone-step quarter's, now past {POLICY.outbox_days} days)"
        )
    finally:
        await engine.dispose()


async def on_fresh_postgres(admin_url: str, cases: int, batch: int) -> None:
    name = f"ls_bench_{uuid.uuid4().hex[:12]}"
    admin = create_async_engine(admin_url, isolation_level="AUTOCOMMIT")
    try:
        async with admin.connect() as conn:
            await conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
        url = make_url(admin_url).set(database=name).render_as_string(hide_password=False)
        await measure("postgresql", url, cases, batch)
    finally:
        async with admin.connect() as conn:
            await conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.dispose()


async def main(cases: int, batch: int) -> None:
    print(f"retention over {cases:,} cases (half due for anonymisation, a quarter for the phone)")
    with tempfile.TemporaryDirectory() as folder:
        await measure("sqlite", f"sqlite+aiosqlite:///{Path(folder) / 'bench.db'}", cases, batch)
    if postgres := os.environ.get("TEST_POSTGRES_URL"):
        await on_fresh_postgres(postgres, cases, batch)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int)
    parser.add_argument("--batch", type=int, default=retention.CASE_BATCH)
    parser.add_argument("--quick", action="store_true", help="10,000 cases")
    arguments = parser.parse_args()
    cases = arguments.cases or (10_000 if arguments.quick else 100_000)
    asyncio.run(main(cases, arguments.batch))
