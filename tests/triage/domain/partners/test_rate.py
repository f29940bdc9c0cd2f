from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from triage.domain.partners.rate import RatePolicy, Window, count_call

T = datetime(2026, 11, 29, tzinfo=UTC)
POLICY = RatePolicy(calls=3, window=timedelta(seconds=60))


def test_calls_are_counted_until_the_window_is_full() -> None:
    window = count_call(POLICY, None, T)
    assert window == Window(T, 1)
    assert isinstance(window, Window)
    window = count_call(POLICY, window, T + timedelta(seconds=1))
    assert isinstance(window, Window)
    window = count_call(POLICY, window, T + timedelta(seconds=2))
    assert window == Window(T, 3)
    assert count_call(POLICY, window, T + timedelta(seconds=10)) == 50
    assert count_call(POLICY, window, T + timedelta(seconds=59, milliseconds=500)) == 1


def test_a_new_window_starts_when_the_old_one_ends_or_the_clock_went_back() -> None:
    full = Window(T, 3)
    assert count_call(POLICY, full, T + timedelta(seconds=60)) == Window(
        T + timedelta(60 / 86400), 1
    )
    assert count_call(POLICY, full, T - timedelta(seconds=5)) == Window(T - timedelta(seconds=5), 1)


def test_a_policy_allows_something() -> None:
    with pytest.raises(ValueError, match="at least one call"):
        RatePolicy(calls=0)
    with pytest.raises(ValueError, match="at least one call"):
        RatePolicy(window=timedelta(0))
