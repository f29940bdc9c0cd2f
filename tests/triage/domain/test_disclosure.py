"""Small counts: 1 .. minimum - 1 are hidden ("< 5"), zero and larger counts are shown."""

from __future__ import annotations

import pytest

from triage.domain.disclosure import enough, shown_count


@pytest.mark.parametrize(
    ("count", "minimum", "value"),
    [(0, 5, 0), (1, 5, None), (4, 5, None), (5, 5, 5), (120, 5, 120), (1, 1, 1), (2, 3, None)],
)
def test_counts_below_the_minimum_are_hidden(count, minimum, value) -> None:
    shown = shown_count(count, minimum)
    assert shown.value == value
    assert shown.hidden is (value is None)
    assert shown.minimum == minimum


def test_figures_need_the_minimum_number_of_cases() -> None:
    assert not enough(4, 5)
    assert enough(5, 5)


@pytest.mark.parametrize(
    ("count", "minimum", "why"), [(-1, 5, "never negative"), (3, 0, "at least 1")]
)
def test_nonsense_is_refused(count, minimum, why) -> None:
    with pytest.raises(ValueError, match=why):
        shown_count(count, minimum)
