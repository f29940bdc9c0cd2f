"""Arrange helpers for the worker administration tests: a small workers CSV and readers of the
stored worker and audit rows."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlmodel import col, select

from triage.storage.tables import AuditLog, Worker
from triage.storage.uow import UnitOfWorkFactory

NOW = datetime(2026, 11, 23, 7, 5, tzinfo=UTC)
HEADER = "name,telegram_user_id,role,region_codes,on_duty,phone"
GOOD = f"""{HEADER},duty_hours
Sari Dewi,1001,worker,3174,true,0812-3456-7890,mon-fri 08:00-16:00
Budi Santoso,,worker,31.71;32.73,ya,,
Rina,1003,supervisor,31,false,+62 21 555 1234,
"""


async def workers_by_name(uow_factory: UnitOfWorkFactory) -> dict[str, Worker]:
    """Every stored worker, detached, by name."""
    async with uow_factory() as uow:
        rows = (await uow.session.exec(select(Worker).order_by(col(Worker.id)))).all()
        for row in rows:
            uow.session.expunge(row)
        return {row.name: row for row in rows}


async def worker_rows(uow_factory: UnitOfWorkFactory) -> list[Worker]:
    async with uow_factory() as uow:
        return list((await uow.session.exec(select(Worker))).all())


async def audit_entries(uow_factory: UnitOfWorkFactory) -> list[tuple[str, str, dict[str, Any]]]:
    """(actor, action, detail) of every audit row, oldest first."""
    async with uow_factory() as uow:
        rows = (await uow.session.exec(select(AuditLog).order_by(col(AuditLog.id)))).all()
        return [(row.actor, row.action, row.detail) for row in rows]
