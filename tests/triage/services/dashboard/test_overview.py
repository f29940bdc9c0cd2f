"""The dashboard use case on both databases: where the times come from, the deadline tallies,
open cases now, regions and workers with the small-number rule, weeks, and region scoping."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from tests.support.deps import make_deps
from tests.triage.services.dashboard.seed import NOW, Case, D, H, M, seed_cases
from triage.domain.model import Urgency
from triage.domain.period import Period
from triage.domain.timezones import WIB
from triage.services.dashboard.model import Measure, Tally
from triage.services.dashboard.overview import dashboard
from triage.services.staff.accounts import StaffIdentity
from triage.storage.uow import UnitOfWorkFactory

ADMIN = StaffIdentity(1, "admin", "admin")
BANDUNG = StaffIdentity(2, "spv.bandung", "supervisor", ("32.73",))
JABAR = StaffIdentity(3, "spv.jabar", "supervisor", ("32",))
PERIOD = Period(date(2026, 11, 2), date(2026, 11, 22))


def wib(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=WIB).astimezone(UTC)


CASES = [
    Case("LS-A", "32.73", "DARURAT", wib(2, 10), "closed", 10 * M, 30 * M, 2 * D, "Eka",
         {"accept": "met", "contact": "met", "closure": "met"}),
    Case("LS-B", "32.73", "DARURAT", wib(10, 9), "contacted", 20 * M, 2 * H, None, "Eka",
         {"accept": "fired", "contact": "fired", "closure": "running"}),
    Case("LS-C", "32.73", "DARURAT", wib(17, 8), "assigned", None, None, None, "Eka",
         {"accept": "overdue", "contact": "overdue", "closure": "running"}),
    Case("LS-D", "32.73", "TINGGI", wib(18, 8), "accepted", 30 * M, None, None, "Dewi",
         {"accept": "met", "contact": "running", "closure": "running"}),
    Case("LS-E", "31.74", "RENDAH", wib(19, 8), "accepted", 2 * H, None, None, "Sari",
         {"accept": "met"}),
    # 23:59 WIB on the day before the period: open now, not in the period's figures.
    Case("LS-F", "32.73", "SEDANG", wib(1, 23, 59), "new"),
    # 23:59 WIB on the period's last day, place not known yet: in the period.
    Case("LS-G", None, "SEDANG", wib(22, 23, 59), "new"),
]  # fmt: skip


@pytest.fixture
async def seeded(uow_factory: UnitOfWorkFactory) -> UnitOfWorkFactory:
    await seed_cases(uow_factory, CASES)
    return uow_factory


async def _dashboard(uow_factory, viewer=ADMIN, minimum=5, urgency=None):
    deps = make_deps(uow_factory)
    return await dashboard(deps, viewer, PERIOD, WIB, urgency=urgency, minimum=minimum, now=NOW)


async def test_times_come_from_the_report_and_are_summarised_per_urgency(seeded) -> None:
    result = await _dashboard(seeded)

    darurat = dict(result.by_urgency)["DARURAT"]
    accept = darurat.times[Measure.ACCEPT]
    assert darurat.cases == 3
    assert (accept.measured, accept.waiting) == (2, 1)  # LS-C has not been accepted yet
    assert accept.median == timedelta(minutes=15)  # 10 and 20 minutes
    assert accept.p90 == timedelta(minutes=19)  # 10 + 0.9 x 10
    assert accept.target == timedelta(minutes=15)  # [sla.DARURAT] in the rules file
    assert accept.over_target(accept.median) is False
    assert accept.over_target(accept.p90) is True
    contact = darurat.times[Measure.FIRST_CONTACT]
    assert (contact.measured, contact.median) == (2, timedelta(minutes=75))
    closure = darurat.times[Measure.CLOSURE]
    assert (closure.measured, closure.waiting, closure.median) == (1, 2, 2 * D)


async def test_deadlines_count_first_steps_whose_outcome_is_known(seeded) -> None:
    result = await _dashboard(seeded)

    darurat = dict(result.by_urgency)["DARURAT"]
    # met (cancelled), fired, and due but not yet swept: 3 decided, 2 breached.
    assert darurat.deadlines[Measure.ACCEPT] == Tally(3, 2)
    assert darurat.deadlines[Measure.FIRST_CONTACT] == Tally(3, 2)
    assert darurat.deadlines[Measure.CLOSURE] == Tally(1, 0)  # two still running
    assert darurat.all_deadlines == Tally(7, 4)
    assert result.overall.all_deadlines == Tally(9, 4)


async def test_open_cases_now_by_urgency_and_status_ignore_the_period(seeded) -> None:
    result = await _dashboard(seeded)

    assert result.open_now == {
        "DARURAT": {"contacted": 1, "assigned": 1},
        "TINGGI": {"accepted": 1},
        "SEDANG": {"new": 2},
        "RENDAH": {"accepted": 1},
    }
    assert result.open_total == 6
    assert result.overall.cases == 6  # LS-F came before the period


async def test_regions_below_the_minimum_show_no_figures(seeded) -> None:
    result = await _dashboard(seeded, minimum=5)

    rows = {row.code: row for row in result.kabkota.rows}
    assert set(rows) == {"32.73", "31.74", None}
    bandung = rows["32.73"]
    assert bandung.cases.hidden and bandung.figures is None  # 4 cases in the period
    assert bandung.open_now.value == None  # noqa: E711 - 4 open now: "< 5"
    assert {row.code for row in result.provinces.rows} == {"32", "31", None}


async def test_regions_with_enough_cases_are_ranked_worst_first(seeded) -> None:
    result = await _dashboard(seeded, minimum=1)

    codes = [row.code for row in result.kabkota.rows]
    assert codes[0] == "32.73"  # 4 of 9 deadlines breached; Jakarta Selatan none
    bandung = result.kabkota.rows[0]
    assert bandung.cases.value == 4 and bandung.open_now.value == 4
    assert bandung.figures is not None
    assert bandung.figures.times[Measure.ACCEPT].target is None  # a mix of urgencies


async def test_workers_most_loaded_first_and_unheld_cases_last(seeded) -> None:
    result = await _dashboard(seeded, minimum=2)

    rows = [(row.name, row.open_now, row.cases.value) for row in result.workers.rows]
    assert rows == [("Eka", 2, 3), ("Dewi", 1, None), ("Sari", 1, None), (None, 2, None)]
    assert result.workers.rows[0].open_by_urgency == {"DARURAT": 2}
    assert result.workers.rows[0].figures is not None and result.workers.rows[1].figures is None


async def test_weeks_cover_the_period_empty_ones_included(seeded) -> None:
    result = await _dashboard(seeded)

    weeks = [(week.monday, week.figures.cases) for week in result.weeks]
    assert weeks == [(date(2026, 11, 2), 1), (date(2026, 11, 9), 1), (date(2026, 11, 16), 4)]


async def test_a_supervisor_sees_only_their_regions(seeded) -> None:
    for viewer in (BANDUNG, JABAR):
        result = await _dashboard(seeded, viewer=viewer, minimum=1)

        assert result.overall.cases == 4
        assert result.open_total == 4
        assert {row.code for row in result.kabkota.rows} == {"32.73"}
        assert {row.name for row in result.workers.rows} == {"Eka", "Dewi", None}


async def test_one_urgency_narrows_everything_and_brings_its_targets(seeded) -> None:
    result = await _dashboard(seeded, minimum=1, urgency=Urgency.DARURAT)

    assert [code for code, _ in result.by_urgency] == ["DARURAT"]
    assert result.open_now == {"DARURAT": {"contacted": 1, "assigned": 1}}
    assert result.overall.cases == 3
    assert result.kabkota.rows[0].figures is not None
    assert result.kabkota.rows[0].figures.times[Measure.ACCEPT].target == timedelta(minutes=15)


async def test_an_empty_database_gives_empty_figures(uow_factory) -> None:
    result = await _dashboard(uow_factory)

    assert result.open_total == 0 and result.overall.cases == 0
    assert result.overall.times[Measure.ACCEPT].median is None
    assert result.overall.all_deadlines.share is None
    assert len(result.weeks) == 3


async def test_rankings_keep_their_first_rows_and_say_how_many_there_are(seeded) -> None:
    deps = make_deps(seeded)
    result = await dashboard(deps, ADMIN, PERIOD, WIB, minimum=1, now=NOW, rows=1)

    assert [row.code for row in result.kabkota.rows] == ["32.73"]
    assert result.kabkota.total == 3
    assert len(result.workers.rows) == 1 and result.workers.total == 4
    assert len(result.provinces.rows) == result.provinces.total == 3  # never cut
