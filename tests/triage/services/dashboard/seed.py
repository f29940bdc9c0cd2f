"""Cases written straight to the tables for the dashboard tests: times and deadline rows."""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from triage.storage.tables import Deadline, Report, Worker
from triage.storage.uow import UnitOfWorkFactory

NOW = datetime(2026, 11, 23, 3, 0, tzinfo=UTC)  # Monday 23 Nov 2026, 10:00 WIB
M, H, D = timedelta(minutes=1), timedelta(hours=1), timedelta(days=1)
KINDS = {"accept": "accept_breach", "contact": "contact_breach", "closure": "closure_breach"}


@dataclass
class Case:
    """One case; `deadlines` maps accept/contact/closure to met, fired, overdue or running."""

    reference: str
    kabkota: str | None
    urgency: str
    received: datetime
    status: str = "assigned"
    accepted: timedelta | None = None
    contacted: timedelta | None = None
    closed: timedelta | None = None
    worker: str | None = None
    deadlines: dict[str, str] = field(default_factory=dict)


def _at(case: Case, after: timedelta | None) -> datetime | None:
    return None if after is None else case.received + after


def _deadline_rows(case: Case, report_id: int) -> list[Deadline]:
    rows = []
    for measure, state in case.deadlines.items():
        kind = KINDS[measure]
        due = NOW - H if state in ("fired", "overdue") else NOW + D
        status = {"met": "cancelled", "fired": "fired", "overdue": "pending"}.get(state, "pending")
        key = f"{case.reference}:{kind}:g0:l1"
        rows.append(Deadline(key=key, report_id=report_id, kind=kind, due_at=due, status=status))
        # Later escalation steps and reminders never count as deadlines of their own.
        rows.append(
            Deadline(key=f"{case.reference}:{kind}:g0:l2", report_id=report_id, kind=kind,
                     due_at=due, status="fired")
        )  # fmt: skip
        reminder = kind.replace("_breach", "_reminder")
        rows.append(
            Deadline(key=f"{case.reference}:{reminder}:g0:l0", report_id=report_id,
                     kind=reminder, due_at=due, status="fired")
        )  # fmt: skip
    return rows


async def seed_cases(uow_factory: UnitOfWorkFactory, cases: Sequence[Case]) -> dict[str, int]:
    """Writes the cases (and their workers, by name); returns worker ids by name."""
    workers: dict[str, Worker] = {}
    async with uow_factory() as uow:
        for number, case in enumerate(cases):
            worker = None
            if case.worker is not None:
                worker = workers.get(case.worker)
                if worker is None:
                    worker = Worker(name=case.worker, created_at=NOW, updated_at=NOW)
                    workers[case.worker] = worker
                    uow.session.add(worker)
                    await uow.session.flush()
            report = Report(
                reference=case.reference,
                received_at=case.received,
                reporter_chat_id=7_000_000_000 + number,
                description="<script>alert(1)</script> rahasia",
                kabkota_code=case.kabkota,
                urgency=case.urgency,
                status=case.status,
                assigned_worker_id=worker.id if worker else None,
                accepted_at=_at(case, case.accepted),
                first_contact_at=_at(case, case.contacted),
                closed_at=_at(case, case.closed),
            )
            uow.session.add(report)
            await uow.session.flush()
            assert report.id is not None
            uow.session.add_all(_deadline_rows(case, report.id))
        await uow.commit()
    return {name: worker.id for name, worker in workers.items() if worker.id is not None}


REGION_WEIGHTS = {"32.73": 9, "32.04": 6, "32.01": 5, "32.75": 3, "31.74": 7, "31.71": 4,
                  "35.78": 5, "33.74": 2, "32.06": 1}  # fmt: skip
TARGET_MINUTES = {"DARURAT": (15, 60, 7 * 1440), "TINGGI": (60, 1440, 14 * 1440),
                  "SEDANG": (240, 3 * 1440, 30 * 1440), "RENDAH": (1440, 7 * 1440, 60 * 1440)}  # fmt: skip


def _state(done: timedelta | None, target: timedelta, open_for: timedelta) -> str:
    if done is not None:
        return "fired" if done > target else "met"
    return "overdue" if open_for > target else "running"


def spread_cases(count: int, weeks: int, seed: int = 7) -> list[Case]:
    """Cases over the last `weeks` weeks before NOW, spread over regions, urgencies, workers
    and statuses, with response times around their targets (a few well over)."""
    rng = random.Random(seed)
    regions = [code for code, weight in REGION_WEIGHTS.items() for _ in range(weight)]
    workers = ["Sari Wulandari", "Budi Santoso", "Eka Putri", "Dewi Lestari", "Agus <b>Salim</b>"]
    cases = []
    for number in range(count):
        urgency = rng.choices(list(TARGET_MINUTES), weights=(1, 3, 4, 3))[0]
        accept_t, contact_t, close_t = (M * m for m in TARGET_MINUTES[urgency])
        received = NOW - timedelta(minutes=rng.randint(30, weeks * 7 * 1440))
        open_for = NOW - received
        steps = [t * rng.lognormvariate(-0.4, 0.7) for t in (accept_t, contact_t, close_t)]
        accepted, contacted, closed = (s if s < open_for else None for s in steps)
        contacted = contacted if accepted is not None else None
        closed = closed if contacted is not None else None
        status = (
            "closed"
            if closed
            else "contacted"
            if contacted
            else "accepted"
            if accepted
            else "assigned"
        )
        cases.append(
            Case(
                f"LS-SPREAD-{number:05d}", rng.choice(regions), urgency, received, status,
                accepted, contacted, closed, rng.choice(workers),
                {
                    "accept": _state(accepted, accept_t, open_for),
                    "contact": _state(contacted, contact_t, open_for),
                    "closure": _state(closed, close_t, open_for),
                },
            )
        )  # fmt: skip
    return cases
