"""Reading one JSON input object into `ReportFacts` and a region. Imports the domain only.

Errors name the field, never its text: a description must not reach a log or an output.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any, Protocol

from triage.domain.age import OLDEST, ChildAge, parse_band
from triage.domain.model import Answer, Category, ReportFacts

Region = tuple[str, str]  # (Kemendagri code, name)

_ANSWERS = ("immediate_danger", "perpetrator_access", "injured", "repeated")
_PLACE = ("region_code", "region_text", "latitude", "longitude")
_FIELDS = frozenset(
    {"id", "categories", "child_age", "age_band", "children_count", "disability", "description"}
    | {"reported_at", *_ANSWERS, *_PLACE}
)


class RegionResolver(Protocol):
    """Finds a kabupaten/kota from a code, a name as typed, or a point."""

    def by_code(self, code: str) -> Region | None: ...

    def by_text(self, text: str) -> Region | None: ...

    def by_point(self, lat: float, lng: float) -> Region | None: ...


class InputError(ValueError):
    """One input line that cannot be read; the message names the field, never its text."""


def parse_report(
    data: Mapping[str, Any], resolver: RegionResolver
) -> tuple[ReportFacts, Region | None]:
    """Facts and resolved region from one input object; raise InputError on a bad field."""
    if unknown := sorted(set(data) - _FIELDS):
        raise InputError(f"unknown field(s): {', '.join(unknown)}"[:120])
    if not _is_id(data.get("id")):
        raise InputError("id is required: a non-empty string or an integer")
    region = _region(data, resolver)
    facts = ReportFacts(
        categories=_categories(data.get("categories")),
        child_age=_child_age(data),
        children_count=_count(data, "children_count", 1, 10_000),
        immediate_danger=_answer(data, "immediate_danger"),
        perpetrator_access=_answer(data, "perpetrator_access"),
        injured=_answer(data, "injured"),
        repeated=_answer(data, "repeated"),
        disability=_optional(data, "disability", bool, "true, false or null"),
        description=_optional(data, "description", str, "a string or null") or "",
        region_code=region[0] if region else None,
        reported_at=_timestamp(data.get("reported_at")),
    )
    return facts, region


def _is_id(value: Any) -> bool:
    return (isinstance(value, int) and not isinstance(value, bool)) or (
        isinstance(value, str) and bool(value.strip())
    )


_CATEGORY_CODES = frozenset(c.value for c in Category)


def _categories(value: Any) -> tuple[Category, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise InputError("categories must be a list of category codes")
    for code in value:
        if code not in _CATEGORY_CODES:
            raise InputError(f"unknown category {code[:40]!r}")
    return tuple(dict.fromkeys(Category(code) for code in value))


def _count(data: Mapping[str, Any], name: str, low: int, high: int) -> int | None:
    value = data.get(name)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise InputError(f"{name} must be a whole number from {low} to {high}, or null")
    return value


def _child_age(data: Mapping[str, Any]) -> ChildAge:
    """An exact `child_age`, or an `age_band` such as "6-12", or neither (unknown)."""
    years, band = _count(data, "child_age", 0, OLDEST), data.get("age_band")
    if band is None:
        return ChildAge() if years is None else ChildAge.exact(years)
    if years is not None:
        raise InputError("give child_age or age_band, not both")
    found = parse_band(band) if isinstance(band, str) else None
    if found is None:
        raise InputError('age_band must be "lower-upper" within 0 to 17, e.g. "6-12", or null')
    return found


def _optional(data: Mapping[str, Any], name: str, kind: type, expected: str) -> Any:
    value = data.get(name)
    if value is not None and (
        not isinstance(value, kind) or isinstance(value, bool) != (kind is bool)
    ):
        raise InputError(f"{name} must be {expected}")
    return value


def _answer(data: Mapping[str, Any], name: str) -> Answer:
    value = data.get(name)
    if value is None:
        return Answer.UNKNOWN
    if value not in ("yes", "no", "unknown"):
        raise InputError(f'{name} must be "yes", "no", "unknown" or null')
    return Answer(value)


def _timestamp(value: Any) -> datetime | None:
    if value is None:
        return None
    try:
        moment = datetime.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        moment = None
    if moment is None or moment.tzinfo is None:
        raise InputError("reported_at must be an ISO 8601 date-time with a time zone")
    return moment


def _region(data: Mapping[str, Any], resolver: RegionResolver) -> Region | None:
    """The first of region_code, region_text, latitude/longitude that resolves."""
    code, text = data.get("region_code"), data.get("region_text")
    for name, value in (("region_code", code), ("region_text", text)):
        if value is not None and not isinstance(value, str):
            raise InputError(f"{name} must be a string or null")
    found = resolver.by_code(code) if code else None
    found = found or (resolver.by_text(text) if text else None)
    point = _point(data.get("latitude"), data.get("longitude"))
    return found or (resolver.by_point(*point) if point else None)


def _point(lat: Any, lng: Any) -> tuple[float, float] | None:
    if lat is None and lng is None:
        return None
    numbers = all(isinstance(v, int | float) and not isinstance(v, bool) for v in (lat, lng))
    if not numbers or not (-90 <= lat <= 90 and -180 <= lng <= 180):
        raise InputError("latitude and longitude must both be given, in degrees")
    return float(lat), float(lng)
