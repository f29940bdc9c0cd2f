"""Age bands, periods, handling-time buckets and the harm mapping."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from triage.domain.statistics.dimensions import Granularity as G
from triage.domain.statistics.dimensions import age_band, period_key, period_keys
from triage.domain.statistics.handling import Measure, bucket
from triage.domain.statistics.harm import HarmMappingError, parse_harm_mapping
from triage.domain.statistics.tables import cross_table


@pytest.mark.parametrize(
    ("years", "lower", "upper", "band"),
    [
        (0, None, None, "0-5"),
        (5, None, None, "0-5"),
        (6, None, None, "6-12"),
        (17, None, None, "13-17"),
        (None, 6, 12, "6-12"),
        (None, 13, 17, "13-17"),
        (None, 3, 9, "unknown"),  # a band across two of ours says no single band
        (None, None, None, "unknown"),
    ],
)
def test_age_bands(years: int | None, lower: int | None, upper: int | None, band: str) -> None:
    assert age_band(years, lower, upper) == band


def test_periods() -> None:
    day = date(2026, 11, 29)
    assert [period_key(day, g) for g in G] == ["2026-11", "2026-Q4", "2026"]
    assert period_keys(date(2025, 11, 30), date(2026, 2, 1), G.MONTH) == (
        "2025-11", "2025-12", "2026-01", "2026-02",
    )  # fmt: skip
    assert period_keys(date(2025, 11, 30), date(2026, 2, 1), G.QUARTER) == ("2025-Q4", "2026-Q1")
    assert period_keys(date(2025, 1, 1), date(2026, 12, 31), G.YEAR) == ("2025", "2026")


@pytest.mark.parametrize(
    ("days", "closure", "contact"),
    [
        (0.5, "le30", "le1"),
        (1, "le30", "le1"),
        (1.01, "le30", "2-3"),
        (30, "le30", "gt7"),
        (30.001, "31-90", "gt7"),
        (90, "31-90", "gt7"),
        (91, "91-180", "gt7"),
        (180, "91-180", "gt7"),
        (181, "gt180", "gt7"),
        (None, "open", "waiting"),
    ],
)
def test_handling_buckets(days: float | None, closure: str, contact: str) -> None:
    span = None if days is None else timedelta(days=days)
    assert bucket(Measure.CLOSURE, span) == closure
    assert bucket(Measure.FIRST_CONTACT, span) == contact


def test_the_packaged_mapping_counts_a_report_once_under_its_gravest_category() -> None:
    from triage.services.statistics.harm_source import load_harm_mapping

    mapping = load_harm_mapping()
    assert mapping.primary(["kekerasan_fisik", "kekerasan_seksual"]) == "seksual"
    assert mapping.primary(["perdagangan", "eksploitasi"]) == "tppo"
    assert mapping.primary(["anak_jalanan"]) == "penelantaran"
    assert mapping.primary([]) == "lainnya"
    assert mapping.primary(["retired_category"]) == "lainnya"


def test_a_mapping_must_name_every_category_with_a_national_code() -> None:
    order = ["tppo", "seksual", "eksploitasi", "fisik", "psikis", "penelantaran", "lainnya"]
    with pytest.raises(HarmMappingError, match="missing"):
        parse_harm_mapping({"order": order, "categories": {"kekerasan_fisik": "fisik"}})
    with pytest.raises(HarmMappingError, match="order"):
        parse_harm_mapping({"order": order[:-1], "categories": {}})


def test_cross_table_keeps_given_keys_with_zeros_and_adds_found_ones() -> None:
    items = [("a", "x", 2), ("a", "y", 1), ("b", "z", 4)]
    table = cross_table(
        items, lambda i: i[0], lambda i: i[1], lambda i: i[2], columns=("x", "y", "w")
    )
    assert table.rows == ("a", "b")
    assert table.columns == ("x", "y", "w", "z")
    assert table.cells == ((2, 1, 0, 0), (0, 0, 0, 4))
    assert table.row_totals == (3, 4)
    assert table.column_totals == (2, 1, 0, 4)
    assert table.total == 7
