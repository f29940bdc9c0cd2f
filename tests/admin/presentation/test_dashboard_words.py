"""Words of the dashboard and the map: hidden small counts, short durations, shares, and the
map table's order (the "< 5" regions by name, so their order tells nothing)."""

from __future__ import annotations

from datetime import timedelta

from admin.presentation.case_map import map_rows
from admin.presentation.dashboard import DashboardWords
from tests.support.deps import real_regions, translator
from triage.domain.disclosure import shown_count
from triage.domain.maps.classes import classes_for
from triage.domain.maps.outlines import Outline, OutlineMap
from triage.domain.maps.shapes import CodeGaps
from triage.domain.timezones import WIB
from triage.services.dashboard.case_map import CaseMap, MapLayer
from triage.services.dashboard.model import Tally


def words(lang: str = "id") -> DashboardWords:
    return DashboardWords(lang, translator(), WIB, real_regions().name)


def test_small_counts_read_fewer_than_the_minimum() -> None:
    assert words().count(shown_count(3, 5)) == "< 5"
    assert words().count(shown_count(0, 5)) == "0"
    assert words().count(shown_count(1234, 5)) == "1.234"
    assert words("en").count(shown_count(1234, 5)) == "1,234"


def test_durations_long_and_short() -> None:
    assert words().duration(timedelta(hours=1, minutes=5)) == "1 jam 5 menit"
    assert words().duration(None) == "—"
    assert words().short_duration(timedelta(minutes=33, seconds=50)) == "33 menit"
    assert words().short_duration(timedelta(hours=19, minutes=42)) == "19,7 jam"
    assert words("en").short_duration(timedelta(days=4, hours=12)) == "4.5 days"


def test_shares_of_deadlines() -> None:
    assert words().percent(Tally(10, 4).share) == "40%"
    assert words().tally_detail(Tally(10, 4)) == "4 dari 10"
    assert words("en").tally_detail(Tally(10, 4)) == "4 of 10"
    assert words().percent(Tally().share) == "—"


def _outline(code: str) -> Outline:
    return Outline(code, code, (((0.0, 0.0), (1.0, 0.0), (1.0, 1.0)),))


def test_map_rows_hide_the_order_of_small_counts() -> None:
    codes = {"32.73": 3, "32.01": 1, "32.04": 12, "32.75": 7, "32.06": 0}
    outlines = OutlineMap(10, 10, tuple(_outline(code) for code in codes))
    case_map = CaseMap(
        MapLayer.OPEN, "32", outlines, codes, {}, 0, classes_for(codes.values(), 5),
        CodeGaps((), ()),
    )  # fmt: skip

    rows, empty = map_rows(case_map, words(), lambda code: f"/reports?kabkota={code}")

    assert [(row.name, row.count) for row in rows] == [
        ("Kab. Bandung, Jawa Barat", "12"),
        ("Kota Bekasi, Jawa Barat", "7"),
        ("Kab. Bogor, Jawa Barat", "< 5"),  # 1, but listed by name with Kota Bandung's 3
        ("Kota Bandung, Jawa Barat", "< 5"),
    ]
    assert rows[0].href == "/reports?kabkota=32.04"
    assert empty == 1
