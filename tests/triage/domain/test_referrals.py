"""The directory's pure rules: a referral's statuses, reminders, staleness, whom a service
serves, the order services are offered in."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from triage.domain.referrals import (
    NATIONAL_LINES,
    ReferralStatus,
    ServiceType,
    by_name,
    is_stale,
    may_move_referral,
    offered_types,
    referral_due_reminder,
    referral_next,
    serves,
)

S = ReferralStatus
NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


def test_a_referral_goes_sent_accepted_completed_or_declined() -> None:
    assert referral_next(S.SENT) == (S.ACCEPTED, S.DECLINED)
    assert referral_next(S.ACCEPTED) == (S.COMPLETED, S.DECLINED)
    assert referral_next(S.COMPLETED) == () and referral_next(S.DECLINED) == ()
    assert not may_move_referral(S.SENT, S.COMPLETED)
    assert not may_move_referral(S.DECLINED, S.ACCEPTED)
    assert may_move_referral(S.ACCEPTED, S.DECLINED)


def test_a_reminder_after_seven_quiet_days_and_then_weekly() -> None:
    updated = NOW - timedelta(days=7)
    assert referral_due_reminder(updated, None, NOW)
    assert not referral_due_reminder(updated + timedelta(seconds=1), None, NOW)
    assert not referral_due_reminder(updated, NOW - timedelta(days=1), NOW)
    assert referral_due_reminder(updated, NOW - timedelta(days=7), NOW)


def test_stale_when_never_verified_or_older_than_the_limit() -> None:
    today = date(2026, 12, 1)
    assert is_stale(None, today, 365)
    assert not is_stale(date(2025, 12, 1), today, 365)
    assert is_stale(date(2025, 11, 30), today, 365)


def test_a_province_code_serves_its_kabupaten_kota() -> None:
    assert serves(["31"], "31.74")
    assert serves(["32.73", "31.74"], "31.74")
    assert not serves(["31.71"], "31.74")
    assert not serves(["31"], None)


def test_types_in_the_directory_order_and_names_alphabetically() -> None:
    assert offered_types(["lbh", "uptd_ppa", "other", "lbh"]) == [
        ServiceType.UPTD_PPA,
        ServiceType.LBH,
        ServiceType.OTHER,
    ]
    assert by_name([(3, "puskesmas b"), (1, "Puskesmas A"), (2, "puskesmas a")]) == [
        (1, "Puskesmas A"),
        (2, "puskesmas a"),
        (3, "puskesmas b"),
    ]


def test_only_the_national_lines_are_shipped() -> None:
    assert [line.phone for line in NATIONAL_LINES] == ["112", "129"]
