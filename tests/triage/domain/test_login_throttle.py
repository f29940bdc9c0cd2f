"""The login throttle's rules: a capped progressive delay per account, a cap per address."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from triage.domain.login_throttle import (
    Counter,
    Throttled,
    ThrottleKind,
    ThrottlePolicy,
    account_delay,
    first_attempt,
    next_account,
    next_address,
)

T0 = datetime(2026, 11, 23, 1, 0, tzinfo=UTC)
POLICY = ThrottlePolicy()


def test_the_account_delay_starts_after_three_attempts_and_stops_growing_at_a_minute() -> None:
    delays = [account_delay(n, POLICY).total_seconds() for n in range(12)]

    assert delays == [0, 0, 0, 1, 2, 4, 8, 16, 32, 60, 60, 60]
    assert account_delay(10_000, POLICY) == timedelta(seconds=60)


def test_an_account_is_never_locked_longer_than_the_maximum_delay() -> None:
    """However many attempts a stranger makes, the owner waits a minute at most."""
    counter = first_attempt(T0)
    now = T0
    for _ in range(500):
        decision = next_account(counter, now, POLICY)
        if isinstance(decision, Throttled):
            assert decision.retry_after <= POLICY.max_delay
            now += decision.retry_after
            continue
        counter = decision
    ready = counter.last_attempt_at + POLICY.max_delay
    assert isinstance(next_account(counter, ready, POLICY), Counter)


def test_an_account_waits_out_its_delay() -> None:
    counter = Counter(4, T0, T0)  # four attempts: two seconds before the fifth

    early = next_account(counter, T0 + timedelta(seconds=1), POLICY)
    on_time = next_account(counter, T0 + timedelta(seconds=2), POLICY)

    assert early == Throttled(ThrottleKind.ACCOUNT, timedelta(seconds=1))
    assert on_time == Counter(5, T0, T0 + timedelta(seconds=2))


def test_a_quiet_account_starts_over() -> None:
    counter = Counter(9, T0, T0)
    later = T0 + timedelta(minutes=15, seconds=1)

    assert next_account(counter, later, POLICY) == Counter(1, later, later)


def test_an_address_is_capped_until_its_window_ends() -> None:
    full = Counter(POLICY.address_cap, T0, T0 + timedelta(minutes=3))

    refused = next_address(full, T0 + timedelta(minutes=5), POLICY)
    after = next_address(full, T0 + timedelta(minutes=15), POLICY)

    assert refused == Throttled(ThrottleKind.ADDRESS, timedelta(minutes=10))
    assert after == Counter(1, T0 + timedelta(minutes=15), T0 + timedelta(minutes=15))
    assert next_address(Counter(3, T0, T0), T0, POLICY) == Counter(4, T0, T0)


def test_the_wait_is_shown_in_whole_seconds_rounded_up() -> None:
    assert Throttled(ThrottleKind.ACCOUNT, timedelta(milliseconds=200)).seconds == 1
    assert Throttled(ThrottleKind.ACCOUNT, timedelta(seconds=2, milliseconds=1)).seconds == 3
    assert Throttled(ThrottleKind.ADDRESS, timedelta(0)).seconds == 1
