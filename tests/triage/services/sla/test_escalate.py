"""What a fired deadline sends: a reminder to whoever holds the case, or an escalation one step
up (kabupaten/kota supervisor, province supervisor, national queue) with a timeline event."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass

import pytest
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from tests.triage.services.cases.helpers import PROV, RINA, SARI, World, make_world, new_case
from triage.domain.sla import DeadlineKind
from triage.services.cases.accept import accept_case
from triage.services.sla.escalate import escalate, remind
from triage.storage.tables import Assignment, CaseEvent, Deadline, Report
from triage.storage.uow import UnitOfWorkFactory

K = DeadlineKind


@dataclass
class Case:
    session: AsyncSession
    report: Report
    assignment: Assignment

    async def deadline(self, suffix: str) -> Deadline:
        key = f"{self.report.reference}:{suffix}"
        return (await self.session.exec(select(Deadline).where(Deadline.key == key))).one()

    async def escalations(self) -> list[tuple[str, str, str, int | None]]:
        query = select(CaseEvent).where(CaseEvent.kind == "escalated")
        events = await self.session.exec(query.order_by(col(CaseEvent.id)))
        return [(e.data["ladder"], e.data["from"], e.data["to"], e.data["worker_id"])
                for e in events]  # fmt: skip


@pytest.fixture
async def world(uow_factory: UnitOfWorkFactory) -> World:
    return await make_world(uow_factory)


@asynccontextmanager
async def the_case(world: World) -> AsyncIterator[Case]:
    """The one case in the database, loaded in a session left uncommitted."""
    async with world.deps.uow() as uow:
        report = (await uow.session.exec(select(Report))).one()
        assignment = (
            await uow.session.exec(select(Assignment).where(col(Assignment.active)))
        ).one()
        yield Case(uow.session, report, assignment)


async def test_a_reminder_goes_to_whoever_holds_the_case(world: World) -> None:
    await new_case(world)  # assigned to Sari
    async with the_case(world) as case:
        case.report.assigned_worker_id = world.ids[RINA]  # a supervisor took the case over
        deps, report = world.deps, case.report
        row = await case.deadline("accept_reminder:g0:l0")
        accept = await remind(case.session, deps, row, report, case.assignment)
        assert accept is not None and (accept.chat_id, accept.dedup_key) == (SARI, row.key)
        unassigned = await remind(case.session, deps, row, report, None)
        assert unassigned is not None and unassigned.chat_id == RINA
        row = await case.deadline("contact_reminder:g0:l0")
        contact = await remind(case.session, deps, row, report, case.assignment)
        assert contact is not None and (contact.chat_id, contact.dedup_key) == (RINA, row.key)
        report.assigned_worker_id = None  # the national queue: nobody to remind
        assert await remind(case.session, deps, row, report, case.assignment) is None


async def test_an_accept_escalation_climbs_one_step_at_a_time(world: World) -> None:
    await new_case(world)
    now = world.clock.now
    async with the_case(world) as case:
        sent = []
        for level in (1, 2, 3, 3):
            row = await case.deadline(f"accept_breach:g0:l{level}")
            message = await escalate(
                case.session, world.deps, row, case.report, case.assignment, now
            )
            sent.append(None if message is None else (message.chat_id, message.dedup_key))
        key = f"{case.report.reference}:accept_breach:g0:l"
        assert sent == [(RINA, f"{key}1"), (PROV, f"{key}2"), None, None]
        assert await case.escalations() == [
            ("accept", "assigned", "supervisor_kabkota", world.ids[RINA]),
            ("accept", "supervisor_kabkota", "supervisor_province", world.ids[PROV]),
            ("accept", "supervisor_province", "national_queue", None),
        ]  # and from the national queue nothing further: no event, no message


async def test_a_contact_escalation_goes_one_step_above_the_case_holder(world: World) -> None:
    assignment_id = await new_case(world)
    await accept_case(world.deps, SARI, assignment_id)
    now = world.clock.now
    async with the_case(world) as case:
        row = await case.deadline("contact_breach:g0:l1")
        message = await escalate(case.session, world.deps, row, case.report, case.assignment, now)
        assert message is not None and (message.chat_id, message.dedup_key) == (RINA, row.key)
        case.report.assigned_worker_id = None
        row = await case.deadline("closure_breach:g0:l1")
        assert await escalate(case.session, world.deps, row, case.report, None, now) is None
        assert await case.escalations() == [
            ("contact", "assigned", "supervisor_kabkota", world.ids[RINA])
        ]
