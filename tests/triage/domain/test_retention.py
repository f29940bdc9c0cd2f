"""Retention's decisions: every report column has one, typed words leave the timeline, an
exact age becomes its band, and the limits give the cut-off times."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from triage.domain.retention import (
    REPORT_FATES,
    Fate,
    RetentionPolicy,
    age_band_of,
    cleared_report_values,
    decline_code,
    scrubbed_event_data,
    scrubbed_reasons,
)
from triage.services.cases.timeline import STAFF_TEXT
from triage.storage.tables import Report

NOW = datetime(2027, 3, 1, 12, 0, tzinfo=UTC)


def test_every_report_column_has_a_decided_fate() -> None:
    assert set(REPORT_FATES) == set(Report.__table__.columns.keys())


def test_exactly_the_columns_not_kept_are_cleared() -> None:
    cleared = {name for name, fate in REPORT_FATES.items() if fate is not Fate.KEPT}
    assert set(cleared_report_values()) == cleared
    assert {n for n, f in REPORT_FATES.items() if f is Fate.PHONE} == {"contact_phone"}


def test_cleared_values_are_fresh_each_time() -> None:
    first = cleared_report_values()
    first["evidence"].append({"file_id": "x"})
    assert cleared_report_values()["evidence"] == []


@pytest.mark.parametrize(
    ("years", "band"), [(0, (0, 5)), (5, (0, 5)), (6, (6, 12)), (12, (6, 12)), (17, (13, 17))]
)
def test_an_exact_age_becomes_the_questionnaires_band(years: int, band: tuple[int, int]) -> None:
    assert age_band_of(years) == band


def test_an_age_outside_the_bands_has_none() -> None:
    assert age_band_of(18) is None


def test_every_text_the_case_page_shows_is_scrubbed() -> None:
    for kind, key in STAFF_TEXT.items():
        scrubbed = scrubbed_event_data(kind, {key: "Budi di Jl. Mawar 3", "other": 1})
        assert scrubbed == {"other": 1}, kind


def test_codes_stay_and_typed_words_go() -> None:
    declined = {"assignment_id": 4, "reason": "other", "text": "sedang pelatihan"}
    assert scrubbed_event_data("declined", declined) == {"assignment_id": 4, "reason": "other"}
    closed = {"outcome": "handled", "reason": "anak aman bersama neneknya"}
    assert scrubbed_event_data("closed", closed) == {"outcome": "handled"}
    note = {"assignment_id": 4, "text": "ibu Siti ditemui"}
    assert scrubbed_event_data("note", note) == {"assignment_id": 4}


def test_events_without_typed_words_are_left_alone() -> None:
    routed = {"kind": "worker", "reason": "on_duty", "explanation": "nearest on duty"}
    assert scrubbed_event_data("routed", routed) is None
    assert scrubbed_event_data("closed", {"outcome": "handled"}) is None
    assert scrubbed_event_data("some_future_kind", {"text": "words"}) == {}


def test_a_decline_keeps_its_code_only() -> None:
    assert decline_code("other: sedang pelatihan di Bandung") == "other"
    assert decline_code("leave") == "leave"


def test_reasons_keep_code_and_points_without_the_matched_words() -> None:
    reasons = [
        {"code": "text:beaten", "points": 30, "detail": "dipukul"},
        {"code": "age", "points": 5, "detail": None},
    ]
    assert scrubbed_reasons(reasons) == [
        {"code": "text:beaten", "points": 30, "detail": None},
        {"code": "age", "points": 5, "detail": None},
    ]
    assert scrubbed_reasons([{"code": "age", "points": 5, "detail": None}]) is None


def test_cutoffs_count_whole_days_back() -> None:
    cutoffs = RetentionPolicy(30, 365, 14, 730).cutoffs(NOW)
    assert cutoffs.phone == NOW - timedelta(days=30)
    assert cutoffs.case == NOW - timedelta(days=365)
    assert cutoffs.outbox == NOW - timedelta(days=14)
    assert cutoffs.audit == NOW - timedelta(days=730)


def test_a_limit_below_one_day_is_refused() -> None:
    with pytest.raises(ValueError, match="from 1 up"):
        RetentionPolicy(phone_days=0)
