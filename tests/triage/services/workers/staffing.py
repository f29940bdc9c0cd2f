"""Arrange helpers for the staff-facing worker services: staff identities and workers."""

from __future__ import annotations

from typing import Any

from sqlmodel import col, select

from triage.services.common.deps import TriageDeps
from triage.services.staff.accounts import StaffIdentity
from triage.storage.tables import AuditLog, CaseEvent, Deadline, OutboxMessage, Worker

ADMIN = StaffIdentity(1, "admin", "admin")
SPV_JAKSEL = StaffIdentity(2, "spv.jaksel", "supervisor", ("31.74",))
SPV_DKI = StaffIdentity(3, "spv.dki", "supervisor", ("31",))
SPV_BANDUNG = StaffIdentity(4, "spv.bandung", "supervisor", ("32.73",))


async def add(deps: TriageDeps, name: str, regions: list[str], **values: Any) -> int:
    """A worker row straight into the table (`values`: telegram_user_id, role, duty_hours …)."""
    now = deps.clock()
    async with deps.uow() as uow:
        worker = Worker(name=name, region_codes=regions, created_at=now, updated_at=now, **values)
        uow.session.add(worker)
        await uow.commit()
        assert worker.id is not None
        return worker.id


async def worker_row(deps: TriageDeps, worker_id: int) -> Worker:
    async with deps.uow() as uow:
        worker = await uow.session.get(Worker, worker_id)
        assert worker is not None
        return worker


async def outbox_to(deps: TriageDeps, chat_id: int) -> list[OutboxMessage]:
    async with deps.uow() as uow:
        query = select(OutboxMessage).where(col(OutboxMessage.chat_id) == chat_id)
        return list((await uow.session.exec(query.order_by(col(OutboxMessage.id)))).all())


async def events_of(deps: TriageDeps, report_id: int) -> list[CaseEvent]:
    async with deps.uow() as uow:
        query = select(CaseEvent).where(col(CaseEvent.report_id) == report_id)
        return list((await uow.session.exec(query.order_by(col(CaseEvent.id)))).all())


async def pending_deadlines(deps: TriageDeps, report_id: int) -> list[Deadline]:
    async with deps.uow() as uow:
        query = select(Deadline).where(
            col(Deadline.report_id) == report_id, col(Deadline.status) == "pending"
        )
        return list((await uow.session.exec(query)).all())


async def audit_actions(deps: TriageDeps) -> list[tuple[str, str, dict[str, Any]]]:
    async with deps.uow() as uow:
        rows = (await uow.session.exec(select(AuditLog).order_by(col(AuditLog.id)))).all()
        return [(row.actor, row.action, row.detail) for row in rows]
