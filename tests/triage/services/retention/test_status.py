"""What admins see of retention: the last run read back from its audit row, and what a run
would do now; only admins may ask."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import select

from tests.triage.services.cases.helpers import World, new_case
from tests.triage.services.cases.staff_helpers import ADMIN, JAKSEL, change_report
from triage.domain.retention import RetentionPolicy
from triage.services.audit.entries import AuditLogForAdmins
from triage.services.retention.run import RetentionCounts, run_retention
from triage.services.retention.status import due_now, last_run
from triage.storage.tables import AuditLog

POLICY = RetentionPolicy(phone_days=30, case_days=365, outbox_days=30, audit_days=730)


async def test_no_run_yet(world: World) -> None:
    assert await last_run(world.deps, ADMIN) is None


async def test_the_last_run_is_read_back_with_its_limits(world: World) -> None:
    await run_retention(world.deps, POLICY)
    world.clock.now += timedelta(days=1)
    await run_retention(world.deps, RetentionPolicy(phone_days=7))
    run = await last_run(world.deps, ADMIN)
    assert run is not None
    assert run.at == world.clock.now
    assert run.counts == RetentionCounts()
    assert run.policy == RetentionPolicy(phone_days=7)


async def test_what_a_run_would_do_is_counted_without_changing_anything(world: World) -> None:
    await new_case(world)
    await change_report(world, status="closed", closed_at=world.clock.now)
    world.clock.now += timedelta(days=31)
    assert await due_now(world.deps, POLICY) == RetentionCounts(phones_cleared=1)
    assert await due_now(world.deps, POLICY) == RetentionCounts(phones_cleared=1)
    world.clock.now += timedelta(days=365)
    assert await due_now(world.deps, POLICY) == RetentionCounts(1, 1, 0, 0)
    assert await due_now(world.deps, POLICY) == RetentionCounts(1, 1, 0, 0)
    await run_retention(world.deps, POLICY)
    assert await due_now(world.deps, POLICY) == RetentionCounts()


async def test_a_run_recorded_before_chats_were_forgotten_is_read_back(world: World) -> None:
    await run_retention(world.deps, POLICY)
    async with world.deps.uow() as uow:  # as an older version wrote it
        row = (await uow.session.exec(select(AuditLog))).one()
        row.detail = {k: v for k, v in row.detail.items() if k != "chats_forgotten"}
        uow.session.add(row)
        await uow.commit()
    run = await last_run(world.deps, ADMIN)
    assert run is not None and run.counts == RetentionCounts() and run.policy == POLICY
    async with world.deps.uow() as uow:  # a count of the first version missing: not read
        row = (await uow.session.exec(select(AuditLog))).one()
        row.detail = {k: v for k, v in row.detail.items() if k != "phones_cleared"}
        uow.session.add(row)
        await uow.commit()
    run = await last_run(world.deps, ADMIN)
    assert run is not None and run.counts == RetentionCounts()


async def test_only_admins_see_the_runs(world: World) -> None:
    with pytest.raises(AuditLogForAdmins):
        await last_run(world.deps, JAKSEL)
