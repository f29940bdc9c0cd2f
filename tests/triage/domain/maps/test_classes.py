"""Choropleth classes: none, fewer than the minimum, then round-number quartile classes."""

from __future__ import annotations

import pytest

from triage.domain.maps.classes import Classes, classes_for, nice_floor


@pytest.mark.parametrize(
    ("value", "expected"),
    [(0.5, 1), (1, 1), (3, 2), (7.5, 5), (17, 10), (24.9, 20), (35, 25), (99, 50), (250, 250)],
)
def test_nice_floor(value, expected) -> None:
    assert nice_floor(value) == expected


def test_classes_start_at_round_numbers_below_the_quartiles() -> None:
    classes = classes_for([0, 2, 5, 6, 17, 31, 35], minimum=5)

    assert classes.breaks == (5, 10, 25)
    assert [classes.of(n) for n in (0, 1, 4, 5, 9, 10, 24, 25, 400)] == [0, 1, 1, 2, 2, 3, 3, 4, 4]
    assert classes.ranges() == ((5, 9), (10, 24), (25, None))


def test_a_single_large_count_gets_the_top_shade() -> None:
    classes = classes_for([35], minimum=5)

    assert classes.breaks == (5, 25)
    assert classes.of(35) == len(classes.breaks) + 1


def test_only_small_counts_leave_one_shaded_class() -> None:
    assert classes_for([1, 2, 3], minimum=5) == Classes((5,))
    assert classes_for([], minimum=5).of(0) == 0
