"""Reports written straight to the tables for the statistics tests."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from sqlmodel import col, select

from triage.storage.tables import Deadline, ReferralRow, Report, Worker
from triage.storage.uow import UnitOfWorkFactory

NOW = datetime(2026, 11, 23, 3, 0, tzinfo=UTC)
D = timedelta(days=1)


@dataclass
class Filed:
    """A report; `deadlines` lists first-step SLA deadlines as "met", "missed" or "running"."""

    received: datetime
    kabkota: str | None = "32.73"
    categories: list[str] = field(default_factory=lambda: ["kekerasan_fisik"])
    age: int | None = None
    band: tuple[int, int] | None = None
    sex: str | None = None
    relation: str | None = None
    urgency: str = "TINGGI"
    children: int | None = None
    contact: timedelta | None = None
    closure: timedelta | None = None
    worker: str | None = None
    duplicate: bool = False
    deadlines: list[str] = field(default_factory=list)


async def file_reports(uow_factory: UnitOfWorkFactory, reports: Sequence[Filed]) -> None:
    workers: dict[str, Worker] = {}
    first_id: int | None = None
    async with uow_factory() as uow:
        for number, filed in enumerate(reports):
            worker = None
            if filed.worker is not None:
                worker = workers.get(filed.worker)
                if worker is None:
                    worker = Worker(name=filed.worker, created_at=NOW, updated_at=NOW)
                    workers[filed.worker] = worker
                    uow.session.add(worker)
                    await uow.session.flush()
            report = Report(
                reference=f"LS-STAT-{number:04d}",
                received_at=filed.received,
                reporter_chat_id=8_000_000_000 + number,
                description="rahasia",
                kabkota_code=filed.kabkota,
                categories=filed.categories,
                child_age=filed.age,
                age_band_lower=filed.band[0] if filed.band else None,
                age_band_upper=filed.band[1] if filed.band else None,
                child_sex=filed.sex,
                reporter_relation=filed.relation,
                urgency=filed.urgency,
                children_count=filed.children,
                status="closed" if filed.closure is not None else "assigned",
                assigned_worker_id=worker.id if worker else None,
                first_contact_at=filed.received + filed.contact if filed.contact else None,
                closed_at=filed.received + filed.closure if filed.closure else None,
                duplicate_of_id=first_id if filed.duplicate else None,
            )
            uow.session.add(report)
            await uow.session.flush()
            assert report.id is not None
            first_id = first_id or report.id
            uow.session.add_all(_deadlines(report.id, number, filed.deadlines))
        await uow.commit()


def _deadlines(report_id: int, number: int, states: Sequence[str]) -> list[Deadline]:
    kinds = ("accept_breach", "contact_breach", "closure_breach")
    rows = []
    for kind, state in zip(kinds, states, strict=False):
        status = {"met": "cancelled", "missed": "fired"}.get(state, "pending")
        due = NOW - D if state != "running" else NOW + D
        key = f"LS-STAT-{number:04d}:{kind}:g0:l1"
        rows.append(Deadline(key=key, report_id=report_id, kind=kind, due_at=due, status=status))
    return rows


Referred = tuple[str, str, str, int, datetime]  # kabupaten/kota, type, status, how many, made


async def refer(uow_factory: UnitOfWorkFactory, referrals: Sequence[Referred]) -> None:
    """Referrals made on the first report filed in each kabupaten/kota named."""
    async with uow_factory() as uow:
        reports = (await uow.session.exec(select(Report).order_by(col(Report.id)))).all()
        first: dict[str | None, int] = {}
        for report in reports:
            assert report.id is not None
            first.setdefault(report.kabkota_code, report.id)
        for kabkota, kind, status, count, made in referrals:
            uow.session.add_all(
                ReferralRow(
                    report_id=first[kabkota],
                    service_type=kind,
                    status=status,
                    created_at=made,
                    updated_at=made,
                )
                for _ in range(count)
            )
        await uow.commit()
