"""Benchmark the SLA sweep over 100,000 open cases. Prints figures, asserts nothing.

Run from the repository root: `python -m bench.bench_sla_sweep [--cases N] [--seed S]`.

Sections:
- pure: build every case's deadlines with `triage.domain.sla`, apply some events, then time
  finding the deadlines due at one `now` (a full scan with `sla.due`, and a bisect over a
  list kept sorted by due time, which is what an index on `due_at` gives a database).
- db: to come (the same cases in a real table, swept with claim-by-compare-and-set); add it
  as another `run_*` function taking `Workload` and register it in `SECTIONS`.
"""

from __future__ import annotations

import argparse
import bisect
import random
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from triage.domain.model import Urgency
from triage.domain.rules import Rules, SlaTargets
from triage.domain.sla import CaseEvent, Deadline, deadlines_for, due, on_event

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


SECTIONS: dict[str, Callable[[Workload], None]] = {"pure": run_pure}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--only", choices=sorted(SECTIONS), action="append")
    args = parser.parse_args()
    build_s, work = timed(lambda: build(args.cases, args.seed), repeat=1)
    assert isinstance(work, Workload)
    print(f"{args.cases:,} open cases, now = {work.now.isoformat()}")
    print(f"  build deadlines + events    {build_s:>12.2f} s")
    for name in args.only or list(SECTIONS):
        print(f"[{name}]")
        SECTIONS[name](work)


if __name__ == "__main__":
    main()
