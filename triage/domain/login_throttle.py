"""Login throttling rules: a progressive delay per account, a cap per source address.

Per account the delay grows with the attempts since the last success but never beyond
`max_delay`: a stranger who knows a username can slow its owner down by a minute at most,
never lock them out. Per address a fixed window caps attempts across all usernames, which
stops one machine from guessing many accounts. Attempts are counted before the password is
checked, so parallel requests cannot slip past; a success gives the count back.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum


class ThrottleKind(StrEnum):
    ACCOUNT = "account"
    ADDRESS = "address"


@dataclass(frozen=True, slots=True)
class ThrottlePolicy:
    free_attempts: int = 3  # per account before any delay
    max_delay: timedelta = timedelta(seconds=60)
    account_memory: timedelta = timedelta(minutes=15)  # quiet this long: the count starts over
    address_cap: int = 20
    address_window: timedelta = timedelta(minutes=15)


@dataclass(frozen=True, slots=True)
class Counter:
    """A stored counter: attempts since the window started, and the latest attempt."""

    failures: int
    window_started_at: datetime
    last_attempt_at: datetime


@dataclass(frozen=True, slots=True)
class Throttled:
    kind: ThrottleKind
    retry_after: timedelta

    @property
    def seconds(self) -> int:
        """Whole seconds to wait, at least one."""
        return max(1, -int(-self.retry_after.total_seconds() // 1))


def first_attempt(now: datetime) -> Counter:
    return Counter(1, now, now)


def account_delay(attempts: int, policy: ThrottlePolicy) -> timedelta:
    """The wait after `attempts` unsuccessful attempts: 0, 0, 0, then 1 s doubling to the cap."""
    if attempts < policy.free_attempts:
        return timedelta(0)
    exponent = min(attempts - policy.free_attempts, 16)
    return min(policy.max_delay, timedelta(seconds=2**exponent))


def next_account(counter: Counter, now: datetime, policy: ThrottlePolicy) -> Counter | Throttled:
    """The account's counter with this attempt, or how long to wait first."""
    if now - counter.last_attempt_at > policy.account_memory:
        return first_attempt(now)
    ready_at = counter.last_attempt_at + account_delay(counter.failures, policy)
    if now < ready_at:
        return Throttled(ThrottleKind.ACCOUNT, ready_at - now)
    return Counter(counter.failures + 1, counter.window_started_at, now)


def next_address(counter: Counter, now: datetime, policy: ThrottlePolicy) -> Counter | Throttled:
    """The address's counter with this attempt, or how long until its window ends."""
    window_ends = counter.window_started_at + policy.address_window
    if now >= window_ends:
        return first_attempt(now)
    if counter.failures >= policy.address_cap:
        return Throttled(ThrottleKind.ADDRESS, window_ends - now)
    return Counter(counter.failures + 1, counter.window_started_at, now)
