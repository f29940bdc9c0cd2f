"""The child's age as the reporter gave it, and how to say it. Stdlib only.

An exact age someone typed, a band they chose (lower and upper bound, both included), or
unknown. Kept as given: a band is never turned into one of its ages, so nobody reads "12"
where the reporter said "6–12".
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

OLDEST = 17  # the service is for children: 0 to 17 years


def N_(msgid: str) -> str:
    """Marks a message id for the catalogue (here, not from intake.catalog: that imports us)."""
    return msgid


EXACT = N_("{age} tahun")
BAND = N_("{lower}–{upper} tahun")
UNKNOWN = N_("Tidak diketahui")


@dataclass(frozen=True, slots=True)
class ChildAge:
    """Exact when `lower == upper`, a band when `lower < upper`, unknown when both are None."""

    lower: int | None = None
    upper: int | None = None

    def __post_init__(self) -> None:
        if self.lower is None and self.upper is None:
            return
        if self.lower is None or self.upper is None or not 0 <= self.lower <= self.upper <= OLDEST:
            raise ValueError(f"not a child's age: {self.lower}-{self.upper}")

    @classmethod
    def exact(cls, years: int) -> ChildAge:
        return cls(years, years)

    @classmethod
    def band(cls, lower: int, upper: int) -> ChildAge:
        if lower >= upper:
            raise ValueError(f"a band needs lower < upper: {lower}-{upper}")
        return cls(lower, upper)

    @classmethod
    def from_parts(cls, years: int | None, lower: int | None, upper: int | None) -> ChildAge:
        """From stored parts: an exact age, else a band's bounds, else unknown."""
        if years is not None:
            return cls.exact(years)
        return cls(lower, upper) if lower is not None and upper is not None else cls()

    @property
    def known(self) -> bool:
        return self.lower is not None

    @property
    def years(self) -> int | None:
        """The exact age, or None for a band or an unknown age."""
        return self.lower if self.lower == self.upper else None

    @property
    def is_band(self) -> bool:
        return self.lower is not None and self.upper is not None and self.lower < self.upper

    @property
    def band_bounds(self) -> tuple[int | None, int | None]:
        """(lower, upper) of a band; (None, None) for an exact or unknown age."""
        return (self.lower, self.upper) if self.is_band else (None, None)


def parse_band(text: str) -> ChildAge | None:
    """A band written "6-12" (or with an en dash), within 0-17; None if it is not one."""
    lower, dash, upper = text.replace("–", "-").partition("-")
    lower, upper = lower.strip(), upper.strip()
    if not (dash and lower.isascii() and lower.isdigit() and upper.isascii() and upper.isdigit()):
        return None
    low, high = int(lower), int(upper)
    return ChildAge(low, high) if low < high <= OLDEST else None


def age_words(age: ChildAge) -> tuple[str, Mapping[str, int]]:
    """A message id and its values: "7 tahun", "6–12 tahun" or "Tidak diketahui"."""
    if age.lower is None or age.upper is None:
        return UNKNOWN, {}
    if age.lower == age.upper:
        return EXACT, {"age": age.lower}
    return BAND, {"lower": age.lower, "upper": age.upper}
