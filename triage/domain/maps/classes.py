"""Which shade a count gets on a choropleth: none, "fewer than the minimum", then classes
starting at round numbers near the quartiles of the counts. Pure."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from triage.domain.stats import percentile

NICE_STEPS = (1.0, 2.0, 2.5, 5.0)
CLASSES = 4  # shaded classes from the minimum up (plus none and "fewer than minimum")


def nice_number(value: float) -> int:
    """The smallest of 1, 2, 5, 10, 20, 25, 50, 100 ... (whole numbers) at least `value`."""
    magnitude = 1
    while True:
        for step in NICE_STEPS:
            candidate = step * magnitude
            if candidate >= value and candidate == int(candidate):
                return int(candidate)
        magnitude *= 10


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
    """Round-number classes near the quantiles of the counts of at least `minimum`."""
    shown = sorted(count for count in counts if count >= minimum)
    breaks = [minimum]
    for step in range(1, classes):
        quantile = percentile(shown, step / classes) if shown else None
        if quantile is not None and (bound := nice_number(quantile)) > breaks[-1]:
            breaks.append(bound)
    return Classes(tuple(breaks))
