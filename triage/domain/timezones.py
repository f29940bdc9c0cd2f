"""Local time: WIB/WITA/WIT by Kemendagri province code, duty hours. Stdlib only."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import Literal
from zoneinfo import ZoneInfo

ZoneAbbreviation = Literal["WIB", "WITA", "WIT"]

WIB = ZoneInfo("Asia/Jakarta")  # UTC+7
WITA = ZoneInfo("Asia/Makassar")  # UTC+8
WIT = ZoneInfo("Asia/Jayapura")  # UTC+9

_ZONES: dict[ZoneAbbreviation, ZoneInfo] = {"WIB": WIB, "WITA": WITA, "WIT": WIT}

# Kemendagri province codes (Kepmendagri 2025, 38 provinces). All 9x codes are Papua and WIT,
# before and after the 2022 split (91 Papua, 92 Papua Barat, 93-96 the new provinces).
_PROVINCE_ZONE: dict[str, ZoneAbbreviation] = {
    **dict.fromkeys(("11", "12", "13", "14", "15", "16", "17", "18", "19"), "WIB"),  # Sumatra
    "21": "WIB",  # Kepulauan Riau
    **dict.fromkeys(("31", "32", "33", "34", "35", "36"), "WIB"),  # Java and Banten
    **dict.fromkeys(("51", "52", "53"), "WITA"),  # Bali, NTB, NTT
    **dict.fromkeys(("61", "62"), "WIB"),  # Kalimantan Barat, Kalimantan Tengah
    **dict.fromkeys(("63", "64", "65"), "WITA"),  # Kalsel, Kaltim, Kaltara
    **dict.fromkeys(("71", "72", "73", "74", "75", "76"), "WITA"),  # Sulawesi, Gorontalo
    **dict.fromkeys(("81", "82"), "WIT"),  # Maluku, Maluku Utara
    **dict.fromkeys(("91", "92", "93", "94", "95", "96"), "WIT"),  # Papua provinces
}

# Indonesian month abbreviations: the texts these dates appear in are Indonesian first.
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des")


class UnknownRegionError(ValueError):
    """The region code does not start with a known Kemendagri province code."""


def province_code(region_code: str) -> str:
    """The two-digit province part of a dotted Kemendagri code: "31.74.02" -> "31"."""
    province = region_code.strip().split(".", 1)[0]
    if province not in _PROVINCE_ZONE:
        raise UnknownRegionError(f"unknown province in region code {region_code!r}")
    return province


def is_known_region(region_code: str) -> bool:
    """Whether the code starts with a known province code."""
    return region_code.strip().split(".", 1)[0] in _PROVINCE_ZONE


def local_zone_code(worker_regions: Sequence[str], kabkota_code: str | None) -> str:
    """A region code for showing times: the worker's own region, else the case's, else WIB."""
    for code in (*worker_regions, kabkota_code):
        if code and is_known_region(code):
            return code
    return "31"


def zone_abbreviation(region_code: str) -> ZoneAbbreviation:
    """ "WIB", "WITA" or "WIT" for any province, kabupaten/kota or lower region code."""
    return _PROVINCE_ZONE[province_code(region_code)]


def zone_for(region_code: str) -> ZoneInfo:
    """The IANA time zone for a region code (Asia/Jakarta, Asia/Makassar or Asia/Jayapura)."""
    return _ZONES[zone_abbreviation(region_code)]


def require_aware(moment: datetime, name: str = "datetime") -> datetime:
    """Return `moment` unchanged, or raise ValueError if it is naive."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"{name} must be timezone-aware, got a naive datetime")
    return moment


def format_local(dt_utc: datetime, region_code: str) -> str:
    """Render an aware instant as local time of the region: "23 Nov 2026 14:05 WITA" (Indonesian months)."""
    local = require_aware(dt_utc, "dt_utc").astimezone(zone_for(region_code))
    month = _MONTHS[local.month - 1]
    abbreviation = zone_abbreviation(region_code)
    return f"{local.day} {month} {local.year} {local.hour:02d}:{local.minute:02d} {abbreviation}"


@dataclass(frozen=True, slots=True)
class DutyHours:
    """Weekly shifts in the worker's local wall-clock time.

    `days` holds the weekdays a shift starts on (0 = Monday ... 6 = Sunday). When `end` is
    earlier than `start` the shift runs past midnight into the next day; `end == start`
    means a 24-hour shift. A shift covers `start` and excludes `end`.
    """

    days: frozenset[int]
    start: time
    end: time

    def __post_init__(self) -> None:
        if not self.days <= frozenset(range(7)):
            raise ValueError(f"weekdays must be 0-6, got {sorted(self.days)}")

    def covers(self, local: datetime) -> bool:
        """Whether the local moment falls inside a shift (started today or yesterday)."""
        wall = local.replace(tzinfo=None)
        begin_minutes = self.start.hour * 60 + self.start.minute
        length = (self.end.hour * 60 + self.end.minute - begin_minutes) % (24 * 60) or 24 * 60
        for days_back in (0, 1):
            day = wall.date() - timedelta(days=days_back)
            begin = datetime.combine(day, self.start)
            if day.weekday() in self.days and begin <= wall < begin + timedelta(minutes=length):
                return True
        return False


def duty_hours_in_zone(
    hours: DutyHours, source: ZoneInfo, target: ZoneInfo, at: datetime
) -> DutyHours:
    """The same shifts read on another zone's clock (Indonesia has no daylight saving): 08:00
    WITA is 07:00 WIB; a shift moved across midnight starts on the neighbouring weekday."""
    moment = require_aware(at, "at")
    source_offset = moment.astimezone(source).utcoffset() or timedelta()
    target_offset = moment.astimezone(target).utcoffset() or timedelta()
    shift = (target_offset - source_offset) // timedelta(minutes=1)
    day_shift, start = divmod(hours.start.hour * 60 + hours.start.minute + shift, 24 * 60)
    end = (hours.end.hour * 60 + hours.end.minute + shift) % (24 * 60)
    return DutyHours(
        frozenset((day + day_shift) % 7 for day in hours.days),
        time(start // 60, start % 60),
        time(end // 60, end % 60),
    )
