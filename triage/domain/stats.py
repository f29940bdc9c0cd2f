"""Percentiles of response times and shares of breached deadlines. Pure: stdlib only."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

MEDIAN = 0.5
P90 = 0.9


def percentile(values: Iterable[float], fraction: float) -> float | None:
    """The `fraction` quantile (0..1) by linear interpolation between the closest ranks.

    Hyndman and Fan's type 7, as spreadsheets' PERCENTILE.INC and numpy's default compute
    it: the median of 1, 2, 3, 4 is 2.5 and their 90th percentile 3.7. None for no values.
    """
    if not 0 <= fraction <= 1:
        raise ValueError(f"a percentile's fraction lies in 0..1, got {fraction}")
    return _sorted_percentile(sorted(values), fraction)


def _sorted_percentile(ordered: Sequence[float], fraction: float) -> float | None:
    if not ordered:
        return None
    position = (len(ordered) - 1) * fraction
    lower, upper = math.floor(position), math.ceil(position)
    return ordered[lower] + (ordered[upper] - ordered[lower]) * (position - lower)


@dataclass(frozen=True, slots=True)
class Spread:
    """How many values there were, their median and their 90th percentile (None if none)."""

    count: int
    median: float | None
    p90: float | None


def spread(values: Iterable[float]) -> Spread:
    """Median and 90th percentile of the values, sorting them once."""
    ordered = sorted(values)
    return Spread(
        len(ordered), _sorted_percentile(ordered, MEDIAN), _sorted_percentile(ordered, P90)
    )


def share(part: int, whole: int) -> float | None:
    """`part` of `whole` as a fraction 0..1; None when there is nothing to divide."""
    if part < 0 or whole < 0 or part > whole:
        raise ValueError(f"a share needs 0 <= part <= whole, got {part} of {whole}")
    return part / whole if whole else None
