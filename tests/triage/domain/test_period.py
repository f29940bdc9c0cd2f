"""Reporting periods: local days, UTC bounds, Monday weeks, the default 12 weeks, bad ranges."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from triage.domain.period import (
    MAX_DAYS,
    Period,
    PeriodError,
    PeriodProblem,
    default_period,
    period_problem,
    week_start,
)
from triage.domain.timezones import WIB, WIT


def test_bounds_run_from_local_midnight_to_the_midnight_after_the_last_day() -> None:
    period = Period(date(2026, 11, 2), date(2026, 11, 22))

    assert period.bounds(WIB) == (
        datetime(2026, 11, 1, 17, 0, tzinfo=UTC),
        datetime(2026, 11, 22, 17, 0, tzinfo=UTC),
    )
    assert period.bounds(WIT)[0] == datetime(2026, 11, 1, 15, 0, tzinfo=UTC)
    assert period.days == 21


def test_weeks_start_on_monday_and_cover_partial_ones() -> None:
    period = Period(date(2026, 11, 4), date(2026, 11, 23))  # Wednesday to Monday

    assert period.weeks() == (
        date(2026, 11, 2),
        date(2026, 11, 9),
        date(2026, 11, 16),
        date(2026, 11, 23),
    )
    assert week_start(date(2026, 11, 29)) == date(2026, 11, 23)  # a Sunday


def test_a_day_falls_in_its_monday_week() -> None:
    period = Period(date(2026, 11, 4), date(2026, 11, 22))  # from a Wednesday

    assert period.week_of(date(2026, 11, 4)) == 0
    assert period.week_of(date(2026, 11, 8)) == 0  # Sunday
    assert period.week_of(date(2026, 11, 9)) == 1  # Monday
    assert period.week_of(date(2026, 11, 22)) == 2
    assert period.week_of(date(2026, 11, 23)) is None
    assert period.week_of(date(2026, 11, 3)) is None


def test_the_default_period_is_twelve_weeks_up_to_today() -> None:
    period = default_period(date(2026, 11, 25))  # a Wednesday

    assert period.last == date(2026, 11, 25)
    assert period.first == date(2026, 9, 7)  # the Monday eleven weeks before this one
    assert len(period.weeks()) == 12


@pytest.mark.parametrize(
    ("first", "last", "problem"),
    [
        (date(2026, 11, 22), date(2026, 11, 2), PeriodProblem.WRONG_ORDER),
        (date(2024, 1, 1), date(2026, 1, 1), PeriodProblem.TOO_LONG),
        (date(2026, 11, 2), date(2026, 11, 2), None),
    ],
)
def test_a_range_the_wrong_way_round_or_too_long_is_a_problem(first, last, problem) -> None:
    assert period_problem(first, last) is problem
    if problem is not None:
        with pytest.raises(PeriodError) as caught:
            Period(first, last)
        assert caught.value.problem is problem


def test_the_longest_period_is_allowed() -> None:
    first = date(2024, 1, 1)
    period = Period(first, date.fromordinal(first.toordinal() + MAX_DAYS - 1))
    assert period.days == MAX_DAYS
