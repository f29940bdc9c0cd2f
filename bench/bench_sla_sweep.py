"""Benchmark the SLA sweep over 100,000 open cases. Prints figures, asserts nothing.

Run from the repository root: `python -m bench.bench_sla_sweep [--cases N] [--seed S]`;
`--quick` takes 10,000 cases, `--profile` prints cProfile's hottest project functions of the
sweep after the outage (SQLite).

Goal: after a one-hour outage, at most 1 s of sweeping per 100 deadlines fired. Each sweep
prints its wall time and the process's CPU time (the database driver's thread included; a
PostgreSQL server's work is not), ms per 100 fired and that as a share of the goal (≤ 1 meets
it). The machine is shared: the load average is printed with the figures.

Sections:
- pure: build every case's deadlines with `triage.domain.sla`, apply some events, then time
  finding the deadlines due at one `now` (a full scan with `sla.due`, and a bisect over a
  list kept sorted by due time, which is what an index on `due_at` gives a database).
- db: the same cases as rows (reports, assignments, deadlines, one worker and one supervisor
  per kabupaten/kota, one supervisor per province) in a fresh SQLite file, and in a fresh
  PostgreSQL database when TEST_POSTGRES_URL is set; then `sla_sweep.sweep` is timed after an
  hour's outage (everything due in that hour is pending), with nothing due, and one tick later.
"""

from __future__ import annotations

import argparse
import asyncio
import bisect
import cProfile
import io
import os
import pstats
import random
import statistics
import tempfile
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

from bench.bulk_load import load_tables
from bot.messages import TelegramMessages
from tests.support.deps import TEST_KEYRING
from triage.domain.model import Urgency
from triage.domain.rules.model import Rules, SlaTargets
from triage.domain.sla import CaseEvent, Deadline, DeadlineKind, deadlines_for, due, on_event
from triage.i18n import load_translator
from triage.services.common.deps import TriageDeps
from triage.services.regions.lookup import DirectoryLookup
from triage.services.sla.sweep import Outcome, sweep
from triage.storage import tables
from triage.storage.db import create_engine, create_session_factory
from triage.storage.migrate import upgrade_database_async
from triage.storage.region_source import load_region_directory
from triage.storage.uow import UnitOfWorkFactory

M, H, D = timedelta(minutes=1), timedelta(hours=1), timedelta(days=1)
RULES = Rules(
    version="bench",
    sla={
        Urgency.DARURAT: SlaTargets(accept=15 * M, first_contact=1 * H, closure=3 * D),
        Urgency.TINGGI: SlaTargets(accept=1 * H, first_contact=4 * H, closure=7 * D),
        Urgency.SEDANG: SlaTargets(accept=4 * H, first_contact=1 * D, closure=14 * D),
        Urgency.RENDAH: SlaTargets(accept=1 * D, first_contact=3 * D, closure=30 * D),
    },
    caseload_weights={Urgency.DARURAT: 4, Urgency.TINGGI: 3, Urgency.SEDANG: 2, Urgency.RENDAH: 1},
)
NOW = datetime(2026, 11, 23, 1, 30, tzinfo=UTC)
SWEEP_EVERY = M  # earlier sweeps have fired everything due before now - SWEEP_EVERY
URGENCY_MIX = {Urgency.DARURAT: 5, Urgency.TINGGI: 20, Urgency.SEDANG: 45, Urgency.RENDAH: 30}


@dataclass(frozen=True)
class Workload:
    cases: int
    now: datetime
    pending: list[Deadline]


def timed(fn: Callable[[], object], repeat: int = 5) -> tuple[float, object]:
    """Median wall time in seconds over `repeat` runs, and the last result."""
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def build(cases: int, seed: int) -> Workload:
    """Open cases spread over the last 30 days; most accepted, many contacted."""
    rng = random.Random(seed)
    urgencies = rng.choices(list(URGENCY_MIX), weights=list(URGENCY_MIX.values()), k=cases)
    pending: list[Deadline] = []
    for number, urgency in enumerate(urgencies):
        ref = f"LS-2026-{number:06d}"
        opened = NOW - rng.random() * 30 * D
        deadlines = deadlines_for(ref, opened, urgency, RULES)
        for event, share in ((CaseEvent.ACCEPTED, 0.8), (CaseEvent.FIRST_CONTACT, 0.6)):
            if rng.random() < share:
                deadlines = on_event(event, ref, urgency, opened + H, RULES).apply(deadlines)
        pending.extend(deadlines)
    return Workload(cases, NOW, pending)


def run_pure(work: Workload) -> None:
    """Steady state (earlier sweeps fired what was due) and a backlog (nothing ever fired)."""
    steady = [d for d in work.pending if d.due_at >= work.now - SWEEP_EVERY]
    print(" steady state: deadlines due before the previous sweep have fired")
    measure(steady, work.now)
    print(" backlog: the scheduler never ran, every deadline of every case is pending")
    measure(work.pending, work.now)


def measure(pending: list[Deadline], now: datetime) -> None:
    scan_s, found = timed(lambda: due(pending, now))
    assert isinstance(found, list)  # narrows the type for the figures below
    sort_s, ordered = timed(lambda: sorted(pending, key=lambda d: d.due_at), repeat=3)
    assert isinstance(ordered, list)
    keys = [d.due_at for d in ordered]
    seek_s, head = timed(lambda: ordered[: bisect.bisect_right(keys, now)], repeat=50)
    assert isinstance(head, list)
    print(f"  pending deadlines           {len(pending):>12,}")
    print(f"  due at now                  {len(found):>12,}")
    print(f"  full scan + sort (sla.due)  {scan_s * 1e3:>12.1f} ms")
    print(f"  sort by due_at (once)       {sort_s * 1e3:>12.1f} ms")
    print(f"  bisect + slice on sorted    {seek_s * 1e6:>12.1f} us (finds {len(head):,})")
    print(f"  scan / bisect               {scan_s / max(seek_s, 1e-9):>12,.0f} x")


OUTAGE = H  # db section: the scheduler was down this long before `now`
CLOSURE_URGENCY = {targets.closure: urgency for urgency, targets in RULES.sla.items()}


@dataclass
class Clock:
    now: datetime

    def __call__(self) -> datetime:
        return self.now


async def on_fresh_postgres(admin_url: str, work: Workload) -> None:
    """Create a throw-away database next to TEST_POSTGRES_URL's, sweep it, drop it."""
    name = f"ls_bench_{uuid.uuid4().hex[:12]}"
    admin = create_async_engine(admin_url, isolation_level="AUTOCOMMIT")
    try:
        async with admin.connect() as conn:
            await conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
        url = make_url(admin_url).set(database=name).render_as_string(hide_password=False)
        await db_sweeps("postgresql", url, work)
    finally:
        async with admin.connect() as conn:
            await conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.dispose()


async def db_sweeps(label: str, url: str, work: Workload, profile: bool = False) -> None:
    await upgrade_database_async(url, TEST_KEYRING)
    engine = create_engine(url, keyring=TEST_KEYRING)
    try:
        start = time.perf_counter()
        counts = await load_rows(engine, work)
        print(f" {label}: loaded {counts} in {time.perf_counter() - start:.1f} s")
        clock = Clock(work.now)
        deps = TriageDeps(
            uow=UnitOfWorkFactory(create_session_factory(engine)), rules=RULES,
            regions=DirectoryLookup(load_region_directory()), translator=load_translator(),
            messages=TelegramMessages(load_translator()), clock=clock,
        )  # fmt: skip
        for title, at in (
            (f"sweep after a {OUTAGE} outage", work.now),
            ("sweep with nothing due", work.now),
            (f"steady tick {SWEEP_EVERY} later", work.now + SWEEP_EVERY),
        ):
            clock.now = at
            await timed_sweep(title, deps, profile=profile and title.startswith("sweep after"))
    finally:
        await engine.dispose()


GOAL_MS_PER_100 = 1_000.0


async def timed_sweep(title: str, deps: TriageDeps, *, profile: bool = False) -> None:
    profiler = cProfile.Profile() if profile else None
    start, cpu = time.perf_counter(), time.process_time()
    if profiler:
        profiler.enable()
    result = await sweep(deps, "bench")
    if profiler:
        profiler.disable()
    took, cpu = time.perf_counter() - start, time.process_time() - cpu
    fired = result.count(Outcome.FIRED)
    print(
        f"  {title:<30} wall {took * 1e3:>8,.1f} ms  cpu {cpu * 1e3:>8,.1f} ms"
        f"  claimed {result.claimed:,}, fired {fired:,}"
    )
    if fired:
        per_100 = took / fired * 1e5
        print(
            f"  {'':<30} {per_100:>8,.1f} ms per 100 fired ({per_100 / GOAL_MS_PER_100:.2f} of the"
            f" {GOAL_MS_PER_100:,.0f} ms goal), cpu {cpu / fired * 1e5:,.1f} ms per 100,"
            f" {fired / took:,.0f} fired per second"
        )
    others = {o.value: n for o, n in result.outcomes.items() if o is not Outcome.FIRED}
    if others:
        print(f"  {'':<30} also {others}")
    if profiler:
        print_profile(profiler)


def print_profile(profiler: cProfile.Profile, top: int = 25) -> None:
    """The project's own functions by cumulative time (coroutines count once per resume)."""
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out).sort_stats("cumulative")
    stats.print_stats(r"/(triage|bench)/", top)
    lines = [line for line in out.getvalue().splitlines() if "/" in line or "ncalls" in line]
    print("\n".join(f"    {line.strip()}" for line in lines))


async def load_rows(engine: AsyncEngine, work: Workload) -> str:
    """Insert staff, reports, assignments and deadlines with core bulk inserts."""
    codes = [
        k.code
        for p in load_region_directory().provinces()
        for k in load_region_directory().kabkota_in(p.code)
    ]
    staff = staff_rows(codes, work.now)
    cases = case_rows(work, codes)
    deadlines = deadline_rows(work, {r["reference"]: r["id"] for r in cases[0]})
    await load_tables(
        engine,
        [(tables.Worker, staff), (tables.Report, cases[0]), (tables.Assignment, cases[1]),
         (tables.Deadline, deadlines)],
    )  # fmt: skip
    pending = sum(1 for d in deadlines if d["status"] == "pending")
    return f"{len(staff):,} staff, {len(cases[0]):,} reports, {len(deadlines):,} deadlines ({pending:,} pending)"


def staff_rows(codes: list[str], now: datetime) -> list[dict[str, Any]]:
    """A worker and a supervisor per kabupaten/kota, then a supervisor per province."""
    provinces = sorted({c.split(".")[0] for c in codes})
    people = [(c, role) for c in codes for role in ("worker", "supervisor")]
    people += [(p, "supervisor") for p in provinces]
    return [
        {"id": n, "name": f"staff {n}", "telegram_user_id": 10**9 + n, "role": role,
         "region_codes": [code], "created_at": now, "updated_at": now}
        for n, (code, role) in enumerate(people, start=1)
    ]  # fmt: skip


def case_rows(
    work: Workload, codes: list[str]
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Reports and their assignments; what a case still waits for follows its pending kinds."""
    by_case: dict[str, list[Deadline]] = {}
    for d in work.pending:
        by_case.setdefault(d.case_ref, []).append(d)
    reports, assignments = [], []
    for n, (ref, mine) in enumerate(sorted(by_case.items()), start=1):
        kinds = {d.kind for d in mine}
        breach = next(d for d in mine if d.kind is DeadlineKind.CLOSURE_BREACH)
        reminder = next(d for d in mine if d.kind is DeadlineKind.CLOSURE_REMINDER)
        closure = (breach.due_at - reminder.due_at) * 2
        opened, code = breach.due_at - closure, codes[n % len(codes)]
        accepted = None if DeadlineKind.ACCEPT_BREACH in kinds else opened + H
        contacted = None if DeadlineKind.CONTACT_BREACH in kinds else opened + H
        reports.append(
            {"id": n, "reference": ref, "received_at": opened, "reporter_chat_id": n,
             "description": "bench", "evidence": [], "kabkota_code": code, "urgency": CLOSURE_URGENCY[closure].value,
             "status": "accepted" if accepted else "assigned", "assigned_worker_id": 2 * (n % len(codes)) + 1,
             "accepted_at": accepted, "first_contact_at": contacted, "last_event_at": opened}
        )  # fmt: skip
        assignments.append(
            {"id": n, "report_id": n, "worker_id": 2 * (n % len(codes)) + 1, "kind": "assigned",
             "reason_code": "route.assigned", "created_at": opened, "accepted_at": accepted}
        )  # fmt: skip
    return reports, assignments


def deadline_rows(work: Workload, report_ids: dict[str, int]) -> list[dict[str, Any]]:
    """Everything due before the outage fired long ago; the rest is pending."""
    fired_before = work.now - OUTAGE
    return [
        {"key": d.key, "report_id": report_ids[d.case_ref], "kind": d.kind.value, "due_at": d.due_at,
         "status": "fired" if d.due_at < fired_before else "pending"}
        for d in work.pending
    ]  # fmt: skip


def run_db(work: Workload, profile: bool = False) -> None:
    """The sweep against real tables: SQLite always, PostgreSQL when TEST_POSTGRES_URL is set."""
    with tempfile.TemporaryDirectory(prefix="bench-sla-") as folder:
        url = f"sqlite+aiosqlite:///{Path(folder) / 'bench.db'}"
        asyncio.run(db_sweeps("sqlite", url, work, profile))
    postgres = os.environ.get("TEST_POSTGRES_URL")
    if postgres:
        asyncio.run(on_fresh_postgres(postgres, work))
    else:
        print(" postgresql: skipped (TEST_POSTGRES_URL is not set)")


def load_average() -> str:
    """The 1, 5 and 15 minute load averages: other work on the machine slows the figures."""
    return " ".join(f"{n:.2f}" for n in os.getloadavg())


SECTIONS: dict[str, Callable[[Workload, bool], None]] = {
    "pure": lambda work, _profile: run_pure(work),
    "db": run_db,
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int)
    parser.add_argument("--quick", action="store_true", help="10,000 cases")
    parser.add_argument("--profile", action="store_true", help="cProfile the outage sweep")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--only", choices=sorted(SECTIONS), action="append")
    args = parser.parse_args()
    cases = args.cases or (10_000 if args.quick else 100_000)
    build_s, work = timed(lambda: build(cases, args.seed), repeat=1)
    assert isinstance(work, Workload)
    print(f"{cases:,} open cases, now = {work.now.isoformat()}, load average {load_average()}")
    print(f"  build deadlines + events    {build_s:>12.2f} s")
    for name in args.only or list(SECTIONS):
        print(f"[{name}]")
        SECTIONS[name](work, args.profile)


if __name__ == "__main__":
    main()
