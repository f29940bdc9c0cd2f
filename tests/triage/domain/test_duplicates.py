"""Duplicate detection: same kab/kota, within 72 hours, similar text or same reporter."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from triage.domain.duplicates import (
    IncomingReport,
    OpenCase,
    find_duplicate,
    normalise,
    similarity,
)

H = timedelta(hours=1)
NOW = datetime(2026, 11, 23, 1, 30, tzinfo=UTC)
TEXT = "Anak tetangga sering dipukul ayahnya di rumah, kemarin malam terdengar teriakan."
SIMILAR = "anak tetangga dipukul ayahnya di rumah! kemarin malam ada teriakan"
OTHER = "Seorang anak perempuan akan dinikahkan paksa dengan pria dewasa minggu depan."

REPORT = IncomingReport("31.74", "rk-new", TEXT, NOW)
CASE = OpenCase(12, "31.74", "rk-old", SIMILAR, NOW - 5 * H, assigned_worker_id=7)


@pytest.mark.parametrize(
    ("case", "reporter_key", "expected_id", "expected_code"),
    [
        (CASE, "rk-new", 12, "duplicate.similar_text"),
        (replace(CASE, received_at=NOW - 72 * H), "rk-new", 12, "duplicate.similar_text"),
        (replace(CASE, received_at=NOW - 72 * H - H), "rk-new", None, None),
        (replace(CASE, received_at=NOW + 2 * H), "rk-new", 12, "duplicate.similar_text"),
        (replace(CASE, kabkota_code="31.71"), "rk-new", None, None),
        (replace(CASE, description=OTHER), "rk-new", None, None),
        (replace(CASE, description=OTHER), "rk-old", 12, "duplicate.same_reporter"),
        (CASE, "rk-old", 12, "duplicate.similar_text_same_reporter"),
        (replace(CASE, description=OTHER, reporter_key=None), None, None, None),
        (replace(CASE, description=OTHER, reporter_key=""), "", None, None),
        (replace(CASE, description=OTHER, received_at=NOW - 100 * H), "rk-old", None, None),
        (replace(CASE, description=OTHER, kabkota_code="32.01"), "rk-old", None, None),
    ],
)
def test_find_duplicate(
    case: OpenCase, reporter_key: str | None, expected_id: int | None, expected_code: str | None
) -> None:
    match = find_duplicate(replace(REPORT, reporter_key=reporter_key), [case])
    assert (match and match.case_id, match and match.reason_code) == (expected_id, expected_code)


def test_match_carries_the_worker_and_why_without_the_text() -> None:
    match = find_duplicate(REPORT, [CASE])
    assert match is not None
    assert match.assigned_worker_id == 7
    assert match.hours_apart == 5.0
    assert match.similarity >= 85
    assert match.explanation.startswith("likely repeats case 12: similar text (")
    assert match.explanation.endswith("/100), 5.0 h apart in 31.74")
    assert "dipukul" not in match.explanation


def test_best_match_prefers_both_criteria_then_similarity_then_time() -> None:
    cases = [
        replace(CASE, case_id=1, received_at=NOW - H),  # similar text only, close in time
        replace(CASE, case_id=2, description=TEXT),  # identical text
        replace(CASE, case_id=3, description=OTHER, reporter_key="rk-new"),  # reporter only
    ]
    assert (found := find_duplicate(REPORT, cases)) is not None
    assert found.case_id == 2
    both = replace(CASE, case_id=4, reporter_key="rk-new", received_at=NOW - 70 * H)
    assert (found := find_duplicate(REPORT, [*cases, both])) is not None
    assert found.case_id == 4
    twins = [replace(CASE, case_id=9, received_at=NOW - 2 * H), replace(CASE, case_id=8)]
    assert (found := find_duplicate(REPORT, twins)) is not None
    assert found.case_id == 9


def test_short_texts_do_not_match_on_a_subset_of_words() -> None:
    short = replace(REPORT, description="anak dipukul")
    assert similarity(normalise(short.description), normalise(TEXT)) == 0.0
    assert find_duplicate(short, [CASE]) is None
    assert find_duplicate(short, [CASE], min_tokens=1) is not None


def test_threshold_is_a_parameter() -> None:
    assert find_duplicate(REPORT, [CASE], threshold=100.0) is None


def test_no_open_cases() -> None:
    assert find_duplicate(REPORT, []) is None


@pytest.mark.parametrize(
    ("raw", "normalised"),
    [
        ("  Anak-anak   DIPUKUL!! ", "anak anak dipukul"),
        ("ｆｕｌｌ　width", "full width"),
        ("snake_case, tab\tand\nnewline", "snake case tab and newline"),
        ("", ""),
    ],
)
def test_normalise(raw: str, normalised: str) -> None:
    assert normalise(raw) == normalised


def test_naive_received_at_is_refused() -> None:
    with pytest.raises(ValueError, match="received_at"):
        find_duplicate(replace(REPORT, received_at=datetime(2026, 11, 23)), [CASE])
