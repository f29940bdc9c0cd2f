"""Region codes inside and across each other, and duty hours read on another zone's clock."""

from __future__ import annotations

from datetime import UTC, datetime, time

import pytest

from triage.domain.roster import codes_overlap, codes_within
from triage.domain.timezones import WIB, WIT, WITA, DutyHours, duty_hours_in_zone

NOW = datetime(2026, 11, 23, 1, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("inner", "outer", "within"),
    [
        (["31.74"], ["31.74"], True),
        (["31.74"], ["31"], True),
        (["31"], ["31"], True),
        (["31"], ["31.74"], False),
        (["31.74", "32.73"], ["31"], False),
        (["31.74", "31.71"], ["31"], True),
        ([], ["31"], False),
        (["31.74"], [], False),
    ],
)
def test_within(inner: list[str], outer: list[str], within: bool) -> None:
    assert codes_within(inner, outer) is within


@pytest.mark.parametrize(
    ("first", "second", "overlap"),
    [
        (["31.74"], ["31.74"], True),
        (["31"], ["31.74"], True),
        (["31.74"], ["31"], True),
        (["31.74"], ["31.71"], False),
        (["3"], ["31.74"], False),
        (["31.7"], ["31.74"], False),
        (["32.73", "31.74"], ["31.74"], True),
        ([], ["31"], False),
    ],
)
def test_overlap(first: list[str], second: list[str], overlap: bool) -> None:
    assert codes_overlap(first, second) is overlap
    assert codes_overlap(second, first) is overlap


def test_office_hours_in_wita_read_on_the_wib_clock() -> None:
    hours = DutyHours(frozenset(range(5)), time(8), time(16))
    assert duty_hours_in_zone(hours, WITA, WIB, NOW) == DutyHours(
        frozenset(range(5)), time(7), time(15)
    )


def test_a_shift_moved_across_midnight_changes_its_days() -> None:
    early = DutyHours(frozenset({0}), time(1, 30), time(9))  # Monday 01:30 WIT
    shown = duty_hours_in_zone(early, WIT, WIB, NOW)
    assert shown == DutyHours(frozenset({6}), time(23, 30), time(7))  # Sunday 23:30 WIB
    assert duty_hours_in_zone(shown, WIB, WIT, NOW) == early


def test_the_same_zone_changes_nothing() -> None:
    hours = DutyHours(frozenset({5, 6}), time(20), time(8))
    assert duty_hours_in_zone(hours, WIB, WIB, NOW) == hours
