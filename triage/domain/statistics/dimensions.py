"""What a statistics table can be split by, and each case's key along each split. Pure.

Every key is a short code (never words): "2026-11", "31", "31.71", "seksual", "6-12",
"female", "family", "TINGGI"; a value the report does not hold is "unknown". Labels belong
to whoever shows the table.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from functools import cache

UNKNOWN = "unknown"
AGE_BANDS: tuple[tuple[int, int], ...] = ((0, 5), (6, 12), (13, 17))
SEXES = ("female", "male")
RELATIONS = ("family", "neighbour", "school", "self", "other")
URGENCIES = ("DARURAT", "TINGGI", "SEDANG", "RENDAH")


class Dimension(StrEnum):
    """A table's rows or columns."""

    PERIOD = "period"
    PROVINCE = "province"
    KABKOTA = "kabkota"
    HARM = "harm"
    AGE_BAND = "age_band"
    SEX = "sex"
    RELATION = "relation"
    URGENCY = "urgency"


class Granularity(StrEnum):
    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"


class Unit(StrEnum):
    """What a table counts: reports, or the children they are about."""

    REPORTS = "reports"
    CHILDREN = "children"


@dataclass(frozen=True, slots=True)
class CaseFacts:
    """Reports alike as statistics see them (`reports` of them, `children` in all, each
    counting at least one): codes only, nothing that names anyone.

    `contact` and `closure` are the buckets of the times from receipt to the first contact
    and to the closing (`handling.bucket`); `deadlines_met` of `deadlines_decided`
    first-step SLA deadlines were met, all reports together."""

    received: date  # the local day it arrived
    kabkota: str | None
    harm: str
    age_band: str
    sex: str
    relation: str
    urgency: str
    children: int
    contact: str
    closure: str
    deadlines_decided: int
    deadlines_met: int
    worker_id: int | None
    reports: int = 1


def age_band(years: int | None, lower: int | None, upper: int | None) -> str:
    """ "0-5", "6-12" or "13-17" for an exact age or a band within one; else "unknown"."""
    low, high = (years, years) if years is not None else (lower, upper)
    if low is None or high is None:
        return UNKNOWN
    for first, last in AGE_BANDS:
        if first <= low and high <= last:
            return f"{first}-{last}"
    return UNKNOWN


@cache
def period_key(day: date, granularity: Granularity) -> str:
    """ "2026-11", "2026-Q4" or "2026"."""
    if granularity is Granularity.MONTH:
        return f"{day.year:04d}-{day.month:02d}"
    if granularity is Granularity.QUARTER:
        return f"{day.year:04d}-Q{(day.month - 1) // 3 + 1}"
    return f"{day.year:04d}"


def period_keys(first: date, last: date, granularity: Granularity) -> tuple[str, ...]:
    """Every period from the one holding `first` to the one holding `last`, oldest first."""
    keys: list[str] = []
    month = date(first.year, first.month, 1)
    while month <= last:
        key = period_key(month, granularity)
        if not keys or keys[-1] != key:
            keys.append(key)
        month = date(month.year + month.month // 12, month.month % 12 + 1, 1)
    return tuple(keys)


def province_of(kabkota: str | None) -> str:
    return UNKNOWN if kabkota is None else kabkota.split(".", 1)[0]


def key_of(facts: CaseFacts, dimension: Dimension, granularity: Granularity) -> str:
    """The case's key along one dimension."""
    match dimension:
        case Dimension.PERIOD:
            return period_key(facts.received, granularity)
        case Dimension.PROVINCE:
            return province_of(facts.kabkota)
        case Dimension.KABKOTA:
            return facts.kabkota or UNKNOWN
        case Dimension.HARM:
            return facts.harm
        case Dimension.AGE_BAND:
            return facts.age_band
        case Dimension.SEX:
            return facts.sex
        case Dimension.RELATION:
            return facts.relation
        case Dimension.URGENCY:
            return facts.urgency


def fixed_keys(dimension: Dimension, harms: Sequence[str]) -> tuple[str, ...] | None:
    """The keys a dimension always shows (zeros included), in order; None for regions and
    periods, whose keys come from the data or the chosen range."""
    fixed: dict[Dimension, tuple[str, ...]] = {
        Dimension.HARM: tuple(harms),
        Dimension.AGE_BAND: (*(f"{a}-{b}" for a, b in AGE_BANDS), UNKNOWN),
        Dimension.SEX: (*SEXES, UNKNOWN),
        Dimension.RELATION: (*RELATIONS, UNKNOWN),
        Dimension.URGENCY: URGENCIES,
    }
    return fixed.get(dimension)


def weight(facts: CaseFacts, unit: Unit) -> int:
    """What the reports add to a count: their number, or their children (at least one
    each)."""
    return facts.reports if unit is Unit.REPORTS else max(facts.children, facts.reports)
