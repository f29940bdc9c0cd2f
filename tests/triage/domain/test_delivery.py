"""The outbox's retry policy: which failures are tried again, how long to wait, when to stop."""

from __future__ import annotations

from datetime import timedelta

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from triage.domain.delivery import (
    PERMANENT,
    TOO_MANY_ATTEMPTS,
    Failure,
    RetryPolicy,
    Verdict,
    decide,
)

S = timedelta(seconds=1)
POLICY = RetryPolicy(max_attempts=5, first_delay=4 * S, longest_delay=60 * S)
fractions = st.floats(min_value=0.0, max_value=1.0, exclude_max=True)


def test_a_network_failure_is_tried_again_after_the_first_delay_with_jitter() -> None:
    lowest = decide(POLICY, Failure.NETWORK, attempts=0, fraction=0.0)
    highest = decide(POLICY, Failure.NETWORK, attempts=0, fraction=0.999)

    assert lowest.verdict is highest.verdict is Verdict.RETRIED
    assert lowest.counted and lowest.reason is None
    assert (lowest.wait, round(highest.wait.total_seconds(), 2)) == (2 * S, 4.0)


def test_waits_double_up_to_the_longest_delay() -> None:
    waits = [POLICY.backoff(n, 0.999).total_seconds() for n in range(1, 8)]

    assert [round(w) for w in waits] == [4, 8, 16, 32, 60, 60, 60]


@given(attempts=st.integers(min_value=0, max_value=10_000), fraction=fractions)
def test_a_backoff_lies_in_the_upper_half_of_its_doubled_delay(
    attempts: int, fraction: float
) -> None:
    full = min(POLICY.first_delay * (1 << min(max(attempts, 1) - 1, 32)), POLICY.longest_delay)

    wait = POLICY.backoff(attempts, fraction)

    assert full / 2 <= wait <= full <= POLICY.longest_delay


@given(fraction=fractions)
def test_the_wait_never_shrinks_as_tries_fail(fraction: float) -> None:
    waits = [POLICY.backoff(n, fraction) for n in range(1, 12)]

    assert waits == sorted(waits)


@given(retry_after=st.floats(min_value=0.01, max_value=3600), fraction=fractions)
@example(retry_after=108.5588345404072, fraction=0.9999999999999999)  # a microsecond's rounding
def test_a_429_waits_at_least_as_long_as_telegram_asked_and_costs_no_try(
    retry_after: float, fraction: float
) -> None:
    decision = decide(
        POLICY, Failure.RATE_LIMITED, attempts=4, fraction=fraction, retry_after=retry_after
    )

    assert decision.verdict is Verdict.RATE_LIMITED
    assert not decision.counted and not decision.final
    asked = timedelta(seconds=retry_after)
    assert asked <= decision.wait <= asked * 1.1  # both rounded to microseconds the same way


def test_a_429_without_retry_after_waits_the_first_delay() -> None:
    assert decide(POLICY, Failure.RATE_LIMITED, 0, 0.0).wait == POLICY.first_delay


@pytest.mark.parametrize("failure", sorted(PERMANENT))
def test_a_permanent_refusal_stops_at_once_and_says_why(failure: Failure) -> None:
    decision = decide(POLICY, failure, attempts=0, fraction=0.5)

    assert decision.verdict is Verdict.PERMANENT and decision.final
    assert decision.reason == failure.value


def test_what_is_permanent() -> None:
    assert {f for f in Failure if f in PERMANENT} == {
        Failure.BLOCKED,
        Failure.DEACTIVATED,
        Failure.CHAT_NOT_FOUND,
        Failure.REFUSED,
    }


def test_the_last_allowed_try_gives_up() -> None:
    before_last = decide(POLICY, Failure.NETWORK, attempts=3, fraction=0.0)
    last = decide(POLICY, Failure.NETWORK, attempts=4, fraction=0.0)

    assert before_last.verdict is Verdict.RETRIED
    assert (last.verdict, last.reason, last.final) == (
        Verdict.UNDELIVERABLE,
        TOO_MANY_ATTEMPTS,
        True,
    )


def test_one_attempt_means_no_retry() -> None:
    once = RetryPolicy(max_attempts=1)

    assert decide(once, Failure.NETWORK, attempts=0, fraction=0.0).verdict is Verdict.UNDELIVERABLE


@pytest.mark.parametrize(
    "changes",
    [{"max_attempts": 0}, {"first_delay": timedelta(0)}, {"longest_delay": S}],
)
def test_a_policy_that_cannot_work_is_refused(changes: dict[str, object]) -> None:
    with pytest.raises(ValueError, match=r"max_attempts|first_delay"):
        RetryPolicy(**changes)  # type: ignore[arg-type]
