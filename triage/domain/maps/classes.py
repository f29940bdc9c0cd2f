"""Which shade a count gets on a choropleth: none, "fewer than the minimum", then classes
starting at round numbers at or below the quartiles of the counts. Pure."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from triage.domain.stats import percentile

NICE_STEPS = (1.0, 2.0, 2.5, 5.0)
CLASSES = 4  # shaded classes from the minimum up (plus none and "fewer than minimum")


def nice_floor(value: float) -> int:
    """The largest of 1, 2, 5, 10, 20, 25, 50, 100 ... (whole numbers) not above `value`;
    1 for anything smaller."""
    best, magnitude = 1, 1
    while magnitude <= value:
        for step in NICE_STEPS:
            candidate = step * magnitude
            if candidate <= value and candidate == int(candidate):
                best = int(candidate)
        magnitude *= 10
    return best


@dataclass(frozen=True, slots=True)
class Classes:
    """Lower bounds of the shaded classes; `breaks[0]` is the minimum shown as a number."""

    breaks: tuple[int, ...]

    @property
    def minimum(self) -> int:
        return self.breaks[0]

    def of(self, count: int) -> int:
        """0: no cases; 1: fewer than the minimum; 2 and up: the shaded classes."""
        if count <= 0:
            return 0
        if count < self.minimum:
            return 1
        return 1 + sum(1 for bound in self.breaks if count >= bound)

    def ranges(self) -> tuple[tuple[int, int | None], ...]:
        """(lowest, highest) of each shaded class; the last is open-ended (None)."""
        highs: list[int | None] = [bound - 1 for bound in self.breaks[1:]]
        return tuple(zip(self.breaks, [*highs, None], strict=True))


def classes_for(counts: Iterable[int], minimum: int, classes: int = CLASSES) -> Classes:
    """Classes from round numbers at or below the quartiles of the counts of at least
    `minimum`, so the counts at a quartile start the next shade up."""
    shown = sorted(count for count in counts if count >= minimum)
    breaks = [minimum]
    for step in range(1, classes):
        quantile = percentile(shown, step / classes) if shown else None
        if quantile is not None and (bound := nice_floor(quantile)) > breaks[-1]:
            breaks.append(bound)
    return Classes(tuple(breaks))
