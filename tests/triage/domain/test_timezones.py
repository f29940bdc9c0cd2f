"""Time zones by province code, local formatting and duty hours."""

from __future__ import annotations

from datetime import UTC, datetime, time

import pytest

from triage.domain.timezones import (
    WIB,
    WIT,
    WITA,
    DutyHours,
    UnknownRegionError,
    format_local,
    is_known_region,
    province_code,
    require_aware,
    zone_abbreviation,
    zone_for,
)


@pytest.mark.parametrize(
    ("region_code", "abbreviation"),
    [
        ("11", "WIB"),  # Aceh
        ("19.71", "WIB"),  # Kota Pangkal Pinang
        ("21.71", "WIB"),  # Kota Batam
        ("31.74", "WIB"),  # Jakarta Selatan
        ("34.71.01", "WIB"),  # a kecamatan in Kota Yogyakarta
        ("36.71", "WIB"),  # Kota Tangerang
        ("51.71", "WITA"),  # Kota Denpasar
        ("52.71", "WITA"),  # Kota Mataram
        ("53.71", "WITA"),  # Kota Kupang
        ("61.71", "WIB"),  # Kota Pontianak
        ("62.71", "WIB"),  # Kota Palangka Raya
        ("63.71", "WITA"),  # Kota Banjarmasin
        ("64.72", "WITA"),  # Kota Samarinda
        ("65.71", "WITA"),  # Kota Tarakan
        ("71.71", "WITA"),  # Kota Manado
        ("73.71", "WITA"),  # Kota Makassar
        ("75.71", "WITA"),  # Kota Gorontalo
        ("76.01", "WITA"),  # Sulawesi Barat
        ("81.71", "WIT"),  # Kota Ambon
        ("82.71", "WIT"),  # Kota Ternate
        ("91.71", "WIT"),  # Kota Jayapura
        ("92.02", "WIT"),  # Papua Barat
        ("93", "WIT"),  # Papua Selatan
        ("94", "WIT"),  # Papua Tengah
        ("95", "WIT"),  # Papua Pegunungan
        ("96.71", "WIT"),  # Kota Sorong
    ],
)
def test_zone_by_province(region_code: str, abbreviation: str) -> None:
    assert zone_abbreviation(region_code) == abbreviation
    assert zone_for(region_code) == {"WIB": WIB, "WITA": WITA, "WIT": WIT}[abbreviation]
    assert is_known_region(region_code)


@pytest.mark.parametrize("region_code", ["", "00.01", "20", "54", "97.01", "abc", "3174"])
def test_unknown_region_is_refused(region_code: str) -> None:
    assert not is_known_region(region_code)
    with pytest.raises(UnknownRegionError):
        zone_for(region_code)


def test_province_code_takes_the_first_segment() -> None:
    assert province_code("31.74.02.1001") == "31"


@pytest.mark.parametrize(
    ("instant", "region_code", "expected"),
    [
        (datetime(2026, 11, 23, 6, 5, tzinfo=UTC), "73.71", "23 Nov 2026 14:05 WITA"),
        (datetime(2026, 11, 23, 6, 5, tzinfo=UTC), "31.74", "23 Nov 2026 13:05 WIB"),
        (datetime(2026, 11, 23, 6, 5, tzinfo=UTC), "91.71", "23 Nov 2026 15:05 WIT"),
        (datetime(2026, 12, 31, 16, 0, tzinfo=UTC), "31.74", "31 Des 2026 23:00 WIB"),
        (datetime(2026, 12, 31, 16, 0, tzinfo=UTC), "91.71", "1 Jan 2027 01:00 WIT"),
        (datetime(2026, 1, 4, 23, 59, tzinfo=WITA), "51.71", "4 Jan 2026 23:59 WITA"),
    ],
)
def test_format_local(instant: datetime, region_code: str, expected: str) -> None:
    assert format_local(instant, region_code) == expected


def test_naive_datetimes_are_refused() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        format_local(datetime(2026, 11, 23, 6, 5), "31.74")
    with pytest.raises(ValueError, match="now"):
        require_aware(datetime(2026, 11, 23), "now")


WEEKDAYS = frozenset(range(5))
OFFICE = DutyHours(WEEKDAYS, time(8), time(16))
NIGHT = DutyHours(frozenset({0}), time(22), time(6))  # Monday night into Tuesday
ROUND_THE_CLOCK = DutyHours(frozenset({5}), time(7), time(7))  # Saturday 07:00 for 24 hours


@pytest.mark.parametrize(
    ("hours", "local", "on"),
    [
        (OFFICE, datetime(2026, 11, 23, 8, 0), True),  # Monday, start is inclusive
        (OFFICE, datetime(2026, 11, 23, 15, 59), True),
        (OFFICE, datetime(2026, 11, 23, 16, 0), False),  # end is exclusive
        (OFFICE, datetime(2026, 11, 23, 7, 59), False),
        (OFFICE, datetime(2026, 11, 28, 10, 0), False),  # Saturday
        (NIGHT, datetime(2026, 11, 23, 21, 59), False),
        (NIGHT, datetime(2026, 11, 23, 22, 0), True),
        (NIGHT, datetime(2026, 11, 24, 5, 59), True),  # Tuesday morning, shift began Monday
        (NIGHT, datetime(2026, 11, 24, 6, 0), False),
        (NIGHT, datetime(2026, 11, 24, 23, 0), False),  # Tuesday night: no shift starts
        (NIGHT, datetime(2026, 11, 23, 3, 0), False),  # Monday 03:00: Sunday had no shift
        (ROUND_THE_CLOCK, datetime(2026, 11, 28, 6, 59), False),
        (ROUND_THE_CLOCK, datetime(2026, 11, 28, 7, 0), True),
        (ROUND_THE_CLOCK, datetime(2026, 11, 29, 6, 59), True),
        (ROUND_THE_CLOCK, datetime(2026, 11, 29, 7, 0), False),
    ],
)
def test_duty_hours(hours: DutyHours, local: datetime, on: bool) -> None:
    assert hours.covers(local) is on
    assert hours.covers(local.replace(tzinfo=WIT)) is on  # wall-clock time, zone ignored


def test_duty_hours_refuse_bad_weekdays() -> None:
    with pytest.raises(ValueError, match="weekdays"):
        DutyHours(frozenset({7}), time(8), time(16))
