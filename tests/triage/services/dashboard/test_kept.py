"""Kept dashboards on both databases: a repeated view is the kept one, and the next view
shows a change to a case, a deadline falling due, and a change made by another app instance
or another process on the same database."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from datetime import date, timedelta

import pytest
from sqlalchemy import text
from sqlmodel import col, select

from tests.support.deps import make_deps
from tests.triage.services.dashboard.seed import NOW, Case, D, H, M, seed_cases
from triage.domain.period import Period
from triage.domain.timezones import WIB
from triage.services.dashboard.kept import KeptFigures
from triage.services.dashboard.model import Dashboard, Measure
from triage.services.dashboard.overview import dashboard
from triage.services.staff.accounts import StaffIdentity
from triage.storage.tables import Report
from triage.storage.uow import UnitOfWorkFactory

ADMIN = StaffIdentity(1, "admin", "admin")
BANDUNG = StaffIdentity(2, "spv.bandung", "supervisor", ("32.73",))
PERIOD = Period(date(2026, 11, 2), date(2026, 11, 22))
START = NOW - 10 * D

CASES = [
    Case("LS-A", "32.73", "DARURAT", START, "closed", 10 * M, 30 * M, 2 * D, "Eka",
         {"accept": "met", "contact": "met", "closure": "met"}),
    Case("LS-B", "32.73", "DARURAT", START + H, "contacted", 20 * M, 2 * H, None, "Eka",
         {"accept": "fired", "contact": "fired", "closure": "running"}),
    Case("LS-C", "32.73", "TINGGI", START + 2 * H, "assigned", None, None, None, "Dewi",
         {"accept": "running", "contact": "running", "closure": "running"}),
    Case("LS-D", "31.74", "RENDAH", START + 3 * H, "accepted", 2 * H, None, None, "Sari",
         {"accept": "met", "contact": "running"}),
]  # fmt: skip


@pytest.fixture
async def seeded(uow_factory: UnitOfWorkFactory) -> UnitOfWorkFactory:
    await seed_cases(uow_factory, CASES)
    return uow_factory


async def _view(
    uow_factory: UnitOfWorkFactory,
    kept: KeptFigures[Dashboard] | None,
    *,
    at: object = NOW,
    viewer: StaffIdentity = ADMIN,
) -> Dashboard:
    deps = make_deps(uow_factory)
    return await dashboard(deps, viewer, PERIOD, WIB, minimum=1, now=at, kept=kept)  # type: ignore[arg-type]


async def test_a_repeated_view_is_the_kept_one(seeded: UnitOfWorkFactory) -> None:
    kept: KeptFigures[Dashboard] = KeptFigures()
    first = await _view(seeded, kept)
    assert await _view(seeded, kept) is first
    assert await _view(seeded, kept, at=NOW + H) is first  # no deadline falls due before NOW + D
    assert first == await _view(seeded, None)


async def test_viewers_of_other_regions_get_their_own(seeded: UnitOfWorkFactory) -> None:
    kept: KeptFigures[Dashboard] = KeptFigures()
    everywhere = await _view(seeded, kept)
    bandung = await _view(seeded, kept, viewer=BANDUNG)
    assert everywhere.overall.cases == 4
    assert bandung.overall.cases == 3
    assert bandung == await _view(seeded, None, viewer=BANDUNG)


async def test_a_change_to_a_case_shows_in_the_next_view(seeded: UnitOfWorkFactory) -> None:
    kept: KeptFigures[Dashboard] = KeptFigures()
    before = await _view(seeded, kept)
    async with seeded() as uow:
        report = (
            await uow.session.exec(select(Report).where(col(Report.reference) == "LS-C"))
        ).one()
        report.status = "accepted"
        report.accepted_at = report.received_at + 5 * M
        await uow.commit()
    after = await _view(seeded, kept)
    accepted = Measure.ACCEPT
    assert after.overall.times[accepted].measured == before.overall.times[accepted].measured + 1
    assert after == await _view(seeded, None)


async def test_a_new_case_shows_in_the_next_view(seeded: UnitOfWorkFactory) -> None:
    kept: KeptFigures[Dashboard] = KeptFigures()
    before = await _view(seeded, kept)
    await seed_cases(seeded, [Case("LS-E", "32.73", "SEDANG", START + 4 * H)])
    after = await _view(seeded, kept)
    assert after.overall.cases == before.overall.cases + 1
    assert after == await _view(seeded, None)


async def test_a_deadline_falling_due_shows(seeded: UnitOfWorkFactory) -> None:
    kept: KeptFigures[Dashboard] = KeptFigures()
    before = await _view(seeded, kept)
    due = NOW + D  # the running deadlines' due time (seed.py)
    assert await _view(seeded, kept, at=due - timedelta(microseconds=1)) is before
    after = await _view(seeded, kept, at=due)
    breached = after.overall.all_deadlines.breached
    assert breached > before.overall.all_deadlines.breached
    assert after == await _view(seeded, None, at=due)


async def test_two_instances_see_each_others_changes(
    seeded: UnitOfWorkFactory, other_uow_factory: UnitOfWorkFactory
) -> None:
    mine: KeptFigures[Dashboard] = KeptFigures()
    theirs: KeptFigures[Dashboard] = KeptFigures()
    await _view(seeded, mine)
    await _view(other_uow_factory, theirs)
    async with other_uow_factory() as uow:
        report = (
            await uow.session.exec(select(Report).where(col(Report.reference) == "LS-D"))
        ).one()
        report.closed_at = report.received_at + 3 * D
        report.first_contact_at = report.received_at + D
        report.status = "closed"
        await uow.commit()
    seen = await _view(seeded, mine)
    assert seen.overall.times[Measure.CLOSURE].measured == 2
    assert seen == await _view(other_uow_factory, theirs) == await _view(seeded, None)


WRITER = """
import asyncio, sys
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

async def main(url):
    engine = create_async_engine(url)
    async with engine.begin() as conn:
        await conn.execute(text("UPDATE worker SET name = 'Dewi Lestari' WHERE name = 'Dewi'"))
        await conn.execute(text("UPDATE report SET urgency = 'SEDANG' WHERE reference = 'LS-D'"))
    await engine.dispose()

asyncio.run(main(sys.argv[1]))
"""


def _write_in_another_process(database_url: str) -> None:
    env = {**os.environ, "PYTHONPATH": os.getcwd()}
    subprocess.run([sys.executable, "-c", WRITER, database_url], check=True, env=env, timeout=60)


async def test_another_process_s_changes_show(seeded: UnitOfWorkFactory, database_url: str) -> None:
    kept: KeptFigures[Dashboard] = KeptFigures()
    before = await _view(seeded, kept)
    assert {row.name for row in before.workers.rows} == {"Eka", "Dewi", "Sari"}
    await asyncio.to_thread(_write_in_another_process, database_url)
    after = await _view(seeded, kept)
    assert {row.name for row in after.workers.rows} == {"Eka", "Dewi Lestari", "Sari"}
    by_urgency = dict(after.by_urgency)
    assert by_urgency["SEDANG"].cases == 1
    assert by_urgency["RENDAH"].cases == 0
    assert after == await _view(seeded, None)


async def test_without_the_stamp_row_nothing_is_kept(seeded: UnitOfWorkFactory) -> None:
    async with seeded() as uow:
        await (await uow.session.connection()).execute(text("DELETE FROM change_stamp"))
        await uow.commit()
    kept: KeptFigures[Dashboard] = KeptFigures()
    first = await _view(seeded, kept)
    assert len(kept) == 0
    assert await _view(seeded, kept) == first
