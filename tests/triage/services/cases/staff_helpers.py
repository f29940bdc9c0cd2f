"""Arrange helpers for the staff actions on the case page: viewers, the case's reference, and
changing or reading its rows. Builds on `helpers.py` (five workers, a movable clock)."""

from __future__ import annotations

from typing import Any

from sqlmodel import col, select

from tests.triage.services.cases.helpers import World, rows
from triage.services.staff.accounts import StaffIdentity
from triage.storage.tables import Assignment, AuditLog, CaseEvent, Deadline, OutboxMessage, Report

ADMIN = StaffIdentity(id=1, username="admin", role="admin")
JAKSEL = StaffIdentity(id=2, username="spv.jaksel", role="supervisor", region_codes=("31.74",))
DKI = StaffIdentity(id=3, username="spv.dki", role="supervisor", region_codes=("31",))
BANDUNG = StaffIdentity(id=4, username="spv.bandung", role="supervisor", region_codes=("32.73",))


async def report(world: World, index: int = 0) -> Report:
    return (await rows(world, Report))[index]


async def reference(world: World, index: int = 0) -> str:
    return (await report(world, index)).reference


async def change_report(world: World, index: int = 0, **changes: Any) -> None:
    """Set columns of the index-th report straight in the table (arranging odd states)."""
    async with world.deps.uow() as uow:
        query = select(Report).order_by(col(Report.id)).offset(index).limit(1)
        row = (await uow.session.exec(query)).one()
        for name, value in changes.items():
            setattr(row, name, value)
        await uow.commit()


async def events(world: World, kind: str) -> list[CaseEvent]:
    return [event for event in await rows(world, CaseEvent) if event.kind == kind]


async def outbox(world: World) -> dict[str, OutboxMessage]:
    """Queued messages by dedup key."""
    return {message.dedup_key: message for message in await rows(world, OutboxMessage)}


async def audits(world: World, prefix: str) -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (a.actor, a.action, a.detail)
        for a in await rows(world, AuditLog)
        if a.action.startswith(prefix)
    ]


async def snapshot(world: World) -> tuple[object, ...]:
    """Everything an action may change, to check that a refused one changed nothing."""
    tables = (Report, CaseEvent, OutboxMessage, Assignment, Deadline)
    found = []
    for table in tables:
        found.append([row.model_dump() for row in await rows(world, table)])
    return tuple(found)
