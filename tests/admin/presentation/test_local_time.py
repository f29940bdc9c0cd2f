"""The page's local time is exactly babel's `dd MMM yyyy HH:mm` and the zone's abbreviation."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from babel.dates import format_datetime

from admin.presentation.reports import format_local_time
from triage.i18n import LANGUAGES

ZONES = (ZoneInfo("Asia/Jakarta"), ZoneInfo("Asia/Makassar"), ZoneInfo("Asia/Jayapura"))


def _babel(moment: datetime, zone: ZoneInfo, lang: str) -> str:
    local = moment.astimezone(zone)
    return f"{format_datetime(local, 'dd MMM yyyy HH:mm', locale=lang)} {local.tzname()}"


@pytest.mark.parametrize("lang", sorted(LANGUAGES))
def test_every_month_hour_and_zone_as_babel_writes_it(lang: str) -> None:
    start = datetime(2025, 12, 31, 16, 59, tzinfo=UTC)  # the new year in every zone
    moments = [start + timedelta(days=31 * m, hours=h, minutes=7 * h) for m in range(13)
               for h in (0, 1, 8, 13, 23)]  # fmt: skip
    moments += [datetime(999, 3, 4, 5, 6, tzinfo=UTC), datetime(2026, 11, 23, 7, 5, tzinfo=UTC)]
    for moment in moments:
        for zone in ZONES:
            assert format_local_time(moment, zone, lang) == _babel(moment, zone, lang)


def test_month_names_are_the_languages() -> None:
    moment = datetime(2026, 8, 17, 3, 0, tzinfo=UTC)
    assert format_local_time(moment, ZONES[0], "id") == "17 Agu 2026 10:00 WIB"
    assert format_local_time(moment, ZONES[0], "en") == "17 Aug 2026 10:00 WIB"
