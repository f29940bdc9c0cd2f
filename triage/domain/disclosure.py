"""Small numbers: a count below the minimum is shown as "< minimum", never as itself. Pure.

Few cases in one region or one week can point at a child, and a median of three cases says
little; so rankings and per-region rows give figures only from `minimum` cases up (5 unless
configured), and a count from 1 to minimum - 1 is shown as "fewer than minimum".
"""

from __future__ import annotations

from dataclasses import dataclass

DEFAULT_MINIMUM = 5


@dataclass(frozen=True, slots=True)
class ShownCount:
    """A count as it may be shown: `value` is None when it is hidden as "< minimum"."""

    value: int | None
    minimum: int

    @property
    def hidden(self) -> bool:
        return self.value is None


def shown_count(count: int, minimum: int) -> ShownCount:
    """Zero and counts of at least `minimum` are shown; 1 .. minimum - 1 are hidden."""
    if count < 0:
        raise ValueError(f"a count is never negative, got {count}")
    if minimum < 1:
        raise ValueError(f"the minimum is at least 1, got {minimum}")
    return ShownCount(None if 0 < count < minimum else count, minimum)


def enough(count: int, minimum: int) -> bool:
    """Whether a group has enough cases for its figures (medians, shares) to be shown."""
    return count >= minimum
