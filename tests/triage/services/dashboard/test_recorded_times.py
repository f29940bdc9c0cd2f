"""The dashboard reads the times the real use cases record: a case submitted, escalated by
the sweep, accepted, contacted and closed through the worker's actions."""

from __future__ import annotations

from datetime import date, timedelta

from tests.triage.services.cases.helpers import SARI, World, make_world, new_case
from triage.domain.period import Period
from triage.domain.timezones import WIB
from triage.services.cases.accept import accept_case
from triage.services.cases.progress import close_case, mark_contacted
from triage.services.dashboard.model import Measure, Tally
from triage.services.dashboard.overview import dashboard
from triage.services.sla.sweep import sweep
from triage.services.staff.accounts import StaffIdentity
from triage.storage.uow import UnitOfWorkFactory

ADMIN = StaffIdentity(1, "admin", "admin")


async def _advance(world: World, span: timedelta) -> None:
    world.clock.now += span
    await sweep(world.deps, "test")


async def test_times_and_breaches_from_the_case_lifecycle(uow_factory: UnitOfWorkFactory) -> None:
    world = await make_world(uow_factory)
    assignment = await new_case(world)  # SEDANG: accept within 4 hours, contact within 3 days
    await _advance(world, timedelta(hours=5))  # the accept deadline fires
    await accept_case(world.deps, SARI, assignment)
    await _advance(world, timedelta(hours=2))
    await mark_contacted(world.deps, SARI, assignment)
    await _advance(world, timedelta(days=1))
    await close_case(world.deps, SARI, assignment, "handled")

    today = world.clock.now.astimezone(WIB).date()
    period = Period(today - timedelta(days=7), today)
    result = await dashboard(world.deps, ADMIN, period, WIB, minimum=1, now=world.clock.now)

    sedang = dict(result.by_urgency)["SEDANG"]
    assert sedang.cases == 1
    assert sedang.times[Measure.ACCEPT].median == timedelta(hours=5)
    assert sedang.times[Measure.FIRST_CONTACT].median == timedelta(hours=7)
    assert sedang.times[Measure.CLOSURE].median == timedelta(days=1, hours=7)
    assert sedang.deadlines[Measure.ACCEPT] == Tally(1, 1)  # fired before it was accepted
    assert sedang.deadlines[Measure.FIRST_CONTACT] == Tally(1, 0)  # cancelled: met
    assert sedang.deadlines[Measure.CLOSURE] == Tally(1, 0)
    assert result.open_total == 0
    assert isinstance(period.first, date)
