"""Percentiles (linear between closest ranks), the median and p90 of a spread, and shares."""

from __future__ import annotations

import statistics

import pytest
from hypothesis import given
from hypothesis import strategies as st

from triage.domain.stats import percentile, share, spread


@pytest.mark.parametrize(
    ("values", "fraction", "expected"),
    [
        ([1, 2, 3, 4], 0.5, 2.5),
        ([1, 2, 3, 4], 0.9, 3.7),
        ([4, 1, 3, 2], 0.9, 3.7),  # unsorted input
        ([10], 0.5, 10),
        ([10], 0.9, 10),
        ([1, 2, 3], 0.5, 2),
        ([600, 1200], 0.9, 1140),
        ([5, 5, 5, 100], 0.5, 5),
        ([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.0, 1),
        ([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 1.0, 10),
    ],
)
def test_percentile_interpolates_between_closest_ranks(values, fraction, expected) -> None:
    assert percentile(values, fraction) == pytest.approx(expected)


def test_no_values_have_no_percentile() -> None:
    assert percentile([], 0.5) is None
    assert spread([]).median is None and spread([]).p90 is None and spread([]).count == 0


@pytest.mark.parametrize("fraction", [-0.1, 1.5])
def test_a_fraction_outside_zero_to_one_is_refused(fraction) -> None:
    with pytest.raises(ValueError, match=r"0\.\.1"):
        percentile([1.0], fraction)


@given(st.lists(st.floats(0, 1e7, allow_nan=False), min_size=2, max_size=60))
def test_the_median_and_p90_match_pythons_inclusive_quantiles(values) -> None:
    deciles = statistics.quantiles(values, n=10, method="inclusive")
    result = spread(values)
    assert result.median == pytest.approx(statistics.median(values), rel=1e-9, abs=1e-6)
    assert result.p90 == pytest.approx(deciles[8], rel=1e-9, abs=1e-6)
    assert min(values) <= result.median <= result.p90 <= max(values)


def test_share_of_nothing_is_none_and_bad_counts_are_refused() -> None:
    assert share(2, 8) == 0.25
    assert share(0, 0) is None
    with pytest.raises(ValueError, match="part <= whole"):
        share(3, 2)
