"""Kept dashboards: valid for their stamp, from the clock they were computed at until their
expiry, the least recently used dropped first."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from triage.services.dashboard.kept import KeptFigures

T = datetime(2026, 11, 23, 3, 0, tzinfo=UTC)
S = timedelta(seconds=1)


def test_valid_at_its_stamp_until_it_expires() -> None:
    kept: KeptFigures[str] = KeptFigures()
    kept.put("k", "figures", 7, T, T + 60 * S)
    assert kept.get("k", 7, T) == "figures"
    assert kept.get("k", 7, T + 59 * S) == "figures"
    assert kept.get("k", 7, T + 60 * S) is None  # the deadline is due at its instant
    assert len(kept) == 0  # dropped once stale


def test_another_stamp_is_another_state_of_the_data() -> None:
    kept: KeptFigures[str] = KeptFigures()
    kept.put("k", "figures", 7, T, None)
    assert kept.get("k", 8, T) is None
    assert kept.get("k", 7, T) is None  # gone: a stamp never comes back


def test_a_clock_set_back_is_not_trusted() -> None:
    kept: KeptFigures[str] = KeptFigures()
    kept.put("k", "figures", 7, T, None)
    assert kept.get("k", 7, T - S) is None


def test_without_expiry_only_the_stamp_counts() -> None:
    kept: KeptFigures[str] = KeptFigures()
    kept.put("k", "figures", 7, T, None)
    assert kept.get("k", 7, T + timedelta(days=400)) == "figures"


def test_the_least_recently_used_goes_first() -> None:
    kept: KeptFigures[str] = KeptFigures(entries=2)
    kept.put("a", "A", 1, T, None)
    kept.put("b", "B", 1, T, None)
    assert kept.get("a", 1, T) == "A"  # now the most recent
    kept.put("c", "C", 1, T, None)
    assert len(kept) == 2
    assert kept.get("b", 1, T) is None
    assert kept.get("a", 1, T) == "A"
    assert kept.get("c", 1, T) == "C"


def test_keeps_at_least_one() -> None:
    with pytest.raises(ValueError, match="at least one"):
        KeptFigures(entries=0)
