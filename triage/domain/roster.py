"""The roster as routing sees it: who covers which region, their caseload, and whether they can
take a case now (leave, duty switch, duty hours in their own zone). Pure: domain and stdlib only."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from zoneinfo import ZoneInfo

from triage.domain.model import Urgency
from triage.domain.rules.model import Rules
from triage.domain.timezones import DutyHours, zone_for


class Role(StrEnum):
    """Workers take cases; supervisors receive escalations (admins watch the national queue)."""

    WORKER = "worker"
    SUPERVISOR = "supervisor"


@dataclass(frozen=True, slots=True)
class RosterEntry:
    """One worker or supervisor as routing sees them at one moment.

    `region_codes` holds kabupaten/kota codes ("31.74") or province codes ("31", covering
    every kabupaten/kota of the province). `home_zone` is the zone of the duty hours;
    None means the zone of the kabupaten/kota being routed. Supervisors are escalation
    targets whenever they are not on leave: their duty hours and switch are ignored, since
    an escalation that waits for office hours leaves a child waiting too.
    """

    worker_id: int
    role: Role
    region_codes: frozenset[str]
    on_duty: bool
    duty_hours: DutyHours | None = None
    on_leave_until: datetime | None = None
    open_cases: Mapping[Urgency, int] = field(default_factory=dict)
    last_assigned_at: datetime | None = None
    home_zone: ZoneInfo | None = None


def weighted_load(entry: RosterEntry, rules: Rules) -> int:
    """Open cases weighted by urgency; an urgency missing from the weights counts 1."""
    return sum(rules.caseload_weights.get(u, 1) * n for u, n in entry.open_cases.items())


def is_on_leave(entry: RosterEntry, now: datetime) -> bool:
    return entry.on_leave_until is not None and now < entry.on_leave_until


def codes_cover(region_codes: Collection[str], kabkota_code: str | None) -> bool:
    """Whether region codes include the kabupaten/kota itself or its whole province."""
    if kabkota_code is None:
        return False
    return kabkota_code in region_codes or kabkota_code.split(".", 1)[0] in region_codes


def codes_within(inner: Collection[str], outer: Collection[str]) -> bool:
    """Whether every code of `inner` is one of `outer` or lies in a province among `outer`."""
    return bool(inner) and all(codes_cover(outer, code) for code in inner)


def codes_overlap(first: Collection[str], second: Collection[str]) -> bool:
    """Whether two sets of region codes share a kabupaten/kota (a province shares all of its)."""
    return any(codes_cover((a,), b) or codes_cover((b,), a) for a in first for b in second)


def covers(entry: RosterEntry, kabkota_code: str) -> bool:
    """Whether the entry covers the kabupaten/kota directly or through its province."""
    return codes_cover(entry.region_codes, kabkota_code)


def worker_blocker(
    entry: RosterEntry, kabkota_code: str, now: datetime, declined_by: frozenset[int]
) -> str | None:
    """Why a covering worker cannot take the case now, or None if they can."""
    if entry.worker_id in declined_by:
        return "declined"
    if is_on_leave(entry, now):
        return "on leave"
    if not entry.on_duty:
        return "switched off duty"
    zone = entry.home_zone or zone_for(kabkota_code)
    if entry.duty_hours is not None and not entry.duty_hours.covers(now.astimezone(zone)):
        return "outside duty hours"
    return None
