"""Realistic case data for the admin benchmarks: N reports over two years, written with core
bulk inserts (the use cases would take minutes for 100,000).

The spread follows what the channel sees: more reports from the populous provinces of Java,
more in recent months, most reports TINGGI or SEDANG, old cases mostly closed and recent ones
at every stage; each case has its assignment, its timeline and its deadlines. The stories are
placeholders: nothing here is personal.

`python -m bench.admin_data --cases 100000 --url sqlite+aiosqlite:///var/bench.db` fills a
database on its own; `bench/bench_admin.py` calls `fill` on a fresh one. The rows go to the
driver directly (SQLite `executemany`, PostgreSQL `COPY`), each value converted once by its
column's type (a sealed column's placeholder sealed once, not once per row), with the
indexes, triggers and foreign keys put back only after the load (`bench/bulk_load.py`).
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import random
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncEngine

from bench.bulk_load import BulkWriter, upkeep_deferred
from triage.domain.case import CaseStatus
from triage.domain.model import Category, Urgency
from triage.domain.sla import DeadlineKind
from triage.storage import tables
from triage.storage.db import create_engine
from triage.storage.encryption.cipher import Keyring, parse_data_keys
from triage.storage.migrate import upgrade_database_async
from triage.storage.region_source import load_region_directory

NOW = datetime(2026, 11, 23, 3, 0, tzinfo=UTC)
SPAN = timedelta(days=730)
CHUNK = 20_000
FILLED = ("worker", "report", "assignment", "case_event", "deadline")
JAVA = ("31", "32", "33", "34", "35", "36")
URGENCY_SHARES = {Urgency.DARURAT: 8, Urgency.TINGGI: 30, Urgency.SEDANG: 40, Urgency.RENDAH: 22}
ACCEPT_WITHIN = {  # typical minutes to accept, by urgency
    Urgency.DARURAT: 12, Urgency.TINGGI: 50, Urgency.SEDANG: 200, Urgency.RENDAH: 900,
}  # fmt: skip
OPEN_STAGES = (
    CaseStatus.NEW, CaseStatus.ASSIGNED, CaseStatus.ACCEPTED, CaseStatus.CONTACTED,
    CaseStatus.VISITED, CaseStatus.REFERRED,
)  # fmt: skip
OPEN_STAGE_PAIRS = tuple((status.value, stage) for stage, status in enumerate(OPEN_STAGES))
NEW_STAGE, CLOSED_STAGE = 0, 99
CLOSED = (CaseStatus.CLOSED.value, CLOSED_STAGE)
# The first step of each target: due after these (by urgency's value), closure after 14 days.
FIRST_STEPS_AFTER = {
    u.value: (timedelta(minutes=m * 1.5), timedelta(minutes=m * 6))
    for u, m in ACCEPT_WITHIN.items()
}
CLOSURE_AFTER = timedelta(minutes=60 * 24 * 14)
ACCEPT_BREACH = DeadlineKind.ACCEPT_BREACH.value
CONTACT_BREACH = DeadlineKind.CONTACT_BREACH.value
CLOSURE_BREACH = DeadlineKind.CLOSURE_BREACH.value
CATEGORIES = [c.value for c in Category]
# A fixed data key, so that data kept between runs opens in the next process. It seals only
# the placeholders below: no secret, and never a production key.
BENCH_DATA_KEYS = "bench1:m3ZxO4G9H_ToPwvTTH14iNEw4xI8UrdN31unXI3iVCzzOCIaA4ImyORfp14vd6bU"
BENCH_KEYRING = Keyring.of("bench1", parse_data_keys(BENCH_DATA_KEYS))


@dataclass(frozen=True, slots=True)
class Filled:
    workers: int
    reports: int
    assignments: int
    events: int
    deadlines: int

    def __str__(self) -> str:
        return (
            f"{self.reports:,} reports, {self.workers:,} workers, {self.assignments:,} "
            f"assignments, {self.events:,} events, {self.deadlines:,} deadlines"
        )


def kabkota_codes() -> list[str]:
    directory = load_region_directory()
    return [k.code for p in directory.provinces() for k in directory.kabkota_in(p.code)]


def region_weights(codes: list[str], rng: random.Random) -> list[float]:
    """A long tail (some kabupaten/kota report far more than others), heavier on Java."""
    shuffled = rng.sample(range(1, len(codes) + 1), len(codes))
    pairs = zip(codes, shuffled, strict=True)
    return [(3.0 if code[:2] in JAVA else 1.0) / rank**0.8 for code, rank in pairs]


def worker_rows(codes: list[str], rng: random.Random) -> list[dict[str, Any]]:
    """Two workers in most kabupaten/kota, none in some, a supervisor per province."""
    rows: list[dict[str, Any]] = []
    for code in codes:
        for _ in range(rng.choice((0, 1, 2, 2, 2, 3))):
            rows.append({"role": "worker", "region_codes": [code]})
    for province in sorted({c[:2] for c in codes}):
        rows.append({"role": "supervisor", "region_codes": [province]})
    start = NOW - SPAN
    return [
        {"id": n, "name": f"Petugas {n}", "telegram_user_id": 10**9 + n, "created_at": start,
         "updated_at": start, "on_duty": rng.random() < 0.85, **row}
        for n, row in enumerate(rows, start=1)
    ]  # fmt: skip


def _received(rng: random.Random) -> datetime:
    """More recent months carry more reports (the channel grows)."""
    age: timedelta = SPAN * (1 - rng.random() ** 0.6)
    return NOW - age


def _status(received: datetime, rng: random.Random) -> tuple[str, int]:
    """A case's status and its stage (its place in OPEN_STAGES; CLOSED_STAGE when closed)."""
    days = (NOW - received).days
    closed_share = 0.97 if days > 90 else 0.75 if days > 14 else 0.25
    return CLOSED if rng.random() < closed_share else rng.choice(OPEN_STAGE_PAIRS)


class CaseWriter:
    """Builds one case's rows (report, assignment, events, deadlines) with stable ids.

    Plain values only (an enum's value looked up once, not per row): a million cases are
    built in the Python process, and this is most of its time."""

    def __init__(
        self, codes: list[str], workers: list[dict[str, Any]], seed: int, cases: int
    ) -> None:
        self.rng = random.Random(seed)
        self.codes = codes
        self.weights = list(itertools.accumulate(region_weights(codes, self.rng)))
        self.urgencies = [(u.value, ACCEPT_WITHIN[u]) for u in URGENCY_SHARES]
        self.urgency_weights = list(itertools.accumulate(URGENCY_SHARES.values()))
        # Ids grow with arrival, as they do when reports are saved as they come in.
        self.arrivals = sorted(_received(self.rng) for _ in range(cases))
        self.by_region: dict[str, list[int]] = {}
        for worker in workers:
            if worker["role"] == "worker":
                self.by_region.setdefault(worker["region_codes"][0], []).append(worker["id"])
        self.event_id = self.deadline_id = 0

    def case(self, n: int) -> tuple[dict[str, Any], dict[str, Any] | None, list[Any], list[Any]]:
        rng = self.rng
        code = rng.choices(self.codes, cum_weights=self.weights)[0]
        urgency, accept_within = rng.choices(self.urgencies, cum_weights=self.urgency_weights)[0]
        received = self.arrivals[n - 1]
        status, stage = _status(received, rng)
        workers = self.by_region.get(code, [])
        worker = rng.choice(workers) if workers and stage != NEW_STAGE else None
        times = self._times(accept_within, received, stage, worker)
        report = {
            "id": n, "reference": f"LS-B{n:07d}", "received_at": received,
            "reporter_chat_id": 5 * 10**9 + n, "language": "id",
            "categories": rng.sample(CATEGORIES, rng.choice((1, 1, 1, 2))),
            "child_age": rng.randint(0, 17), "immediate_danger": "unknown",
            "perpetrator_access": "unknown", "injured": "unknown", "repeated": "unknown",
            "description": "cerita contoh untuk pengukuran", "kabkota_code": code,
            "evidence": [], "contact_consent": False, "notify_reporter": True,
            "status": status, "urgency": urgency, "assigned_worker_id": worker,
            "last_event_at": max(t for t in times.values() if t is not None), **times,
        }  # fmt: skip
        assignment = None
        if worker is not None:
            assignment = {
                "id": n, "report_id": n, "worker_id": worker, "kind": "assigned",
                "reason_code": "route.assigned", "created_at": received,
                "accepted_at": times["accepted_at"],
            }  # fmt: skip
        return report, assignment, self._events(n, report), self._deadlines(n, report)

    def _times(
        self, accept_within: int, received: datetime, stage: int, worker: int | None
    ) -> dict[str, datetime | None]:
        rng = self.rng
        minutes = accept_within * rng.lognormvariate(0, 0.8)
        accepted = received + timedelta(minutes=minutes) if worker and stage >= 2 else None
        contacted = (
            accepted + timedelta(hours=rng.lognormvariate(1.5, 1))
            if accepted and stage >= 3
            else None
        )
        closed = None
        if stage == CLOSED_STAGE and contacted is not None:
            closed = min(contacted + timedelta(days=rng.lognormvariate(2, 0.9)), NOW)
        return {"accepted_at": accepted, "first_contact_at": contacted, "closed_at": closed,
                "received_at": received}  # fmt: skip

    def _events(self, n: int, report: dict[str, Any]) -> list[dict[str, Any]]:
        moments = (("received", report["received_at"]), ("accepted", report["accepted_at"]),
                   ("contacted", report["first_contact_at"]), ("closed", report["closed_at"]))  # fmt: skip
        rows = []
        for kind, at in moments:
            if at is None:
                continue
            self.event_id += 1
            rows.append({"id": self.event_id, "report_id": n, "at": at, "kind": kind,
                         "actor": "bench", "data": {}})  # fmt: skip
        return rows

    def _deadlines(self, n: int, report: dict[str, Any]) -> list[dict[str, Any]]:
        """The first step of each target (accept, contact, closure): fired when it was
        breached, else done (cancelled by the step) or still pending."""
        rows = []
        received, reference = report["received_at"], report["reference"]
        accept, contact = FIRST_STEPS_AFTER[report["urgency"]]
        for kind, after, step in (
            (ACCEPT_BREACH, accept, report["accepted_at"]),
            (CONTACT_BREACH, contact, report["first_contact_at"]),
            (CLOSURE_BREACH, CLOSURE_AFTER, report["closed_at"]),
        ):
            due = received + after
            if step is not None:
                state = "fired" if step > due else "cancelled"
            else:
                state = "fired" if due < NOW else "pending"
            self.deadline_id += 1
            rows.append({"id": self.deadline_id, "key": f"{reference}:{kind}:g0:l1",
                         "report_id": n, "kind": kind, "due_at": due, "status": state,
                         "fired_at": due if state == "fired" else None})  # fmt: skip
        return rows


async def fill(engine: AsyncEngine, cases: int, seed: int = 7) -> Filled:
    """Write `cases` reports with their workers, assignments, events and deadlines."""
    codes = kabkota_codes()
    workers = worker_rows(codes, random.Random(seed))
    writer = CaseWriter(codes, workers, seed, cases)
    counts = {"assignments": 0, "events": 0, "deadlines": 0}
    async with engine.begin() as conn, upkeep_deferred(conn, FILLED):
        bulk = BulkWriter(conn)
        await bulk.write(tables.Worker, workers)
        for start in range(1, cases + 1, CHUNK):
            built = [writer.case(n) for n in range(start, min(start + CHUNK, cases + 1))]
            await bulk.write(tables.Report, [b[0] for b in built])
            for model, rows, name in (
                (tables.Assignment, [b[1] for b in built if b[1] is not None], "assignments"),
                (tables.CaseEvent, [e for b in built for e in b[2]], "events"),
                (tables.Deadline, [d for b in built for d in b[3]], "deadlines"),
            ):
                await bulk.write(model, rows)
                counts[name] += len(rows)
        await bulk.finish()
    return Filled(workers=len(workers), reports=cases, **counts)


async def _main(url: str, cases: int, seed: int) -> None:
    await upgrade_database_async(url, BENCH_KEYRING)
    engine = create_engine(url, keyring=BENCH_KEYRING)
    try:
        print(await fill(engine, cases, seed))
    finally:
        await engine.dispose()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--url", required=True, help="a database URL (it is migrated first)")
    args = parser.parse_args()
    asyncio.run(_main(args.url, args.cases, args.seed))
