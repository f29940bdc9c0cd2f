"""Cases written straight to the tables for the dashboard tests: times and deadline rows."""

from __future__ import annotations

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
