"""When an outbox message that Telegram did not take is tried again, and when we give up.

Pure policy: the sender classifies Telegram's answer into a `Failure`; `decide` says what
follows. A network error or a 5xx is tried again after a doubling wait with jitter; a 429
waits at least as long as Telegram asked and does not count as a try; a refusal that the
same message would meet again (the user blocked the bot, the chat is gone, the account is
deleted) stops at once; after `max_attempts` counted tries the message is given up.
Either way out, the row is marked undeliverable and its text dropped.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from enum import StrEnum


class Failure(StrEnum):
    """Why one send failed, as the sender reads Telegram's answer."""

    NETWORK = "network"  # no answer, a timeout, a 5xx: Telegram may take it later
    RATE_LIMITED = "rate_limited"  # 429: wait as long as Telegram says
    BLOCKED = "blocked"  # 403: the user blocked the bot
    DEACTIVATED = "deactivated"  # 403: the user's account was deleted
    CHAT_NOT_FOUND = "chat_not_found"  # 400: never started the bot, or the chat is gone
    REFUSED = "refused"  # any other 400/403: the same message would be refused again


PERMANENT = frozenset(
    {Failure.BLOCKED, Failure.DEACTIVATED, Failure.CHAT_NOT_FOUND, Failure.REFUSED}
)
TOO_MANY_ATTEMPTS = "too_many_attempts"  # why a message was given up after the last try


class Verdict(StrEnum):
    """What becomes of the message after a failed try (also the metric's `result` label)."""

    RETRIED = "retried"
    RATE_LIMITED = "rate_limited"
    PERMANENT = "permanent"  # refused for good: undeliverable at once
    UNDELIVERABLE = "undeliverable"  # given up after the last allowed try


@dataclass(frozen=True, slots=True)
class Decision:
    verdict: Verdict
    wait: timedelta = timedelta(0)  # until the next try (retried, rate limited)
    counted: bool = True  # whether this try counts towards `max_attempts`
    reason: str | None = None  # why it is undeliverable: a Failure value or TOO_MANY_ATTEMPTS

    @property
    def final(self) -> bool:
        return self.verdict in (Verdict.PERMANENT, Verdict.UNDELIVERABLE)


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    """`max_attempts` counted tries (OUTBOX_MAX_ATTEMPTS); waits double from `first_delay` up
    to `longest_delay`. The defaults give up after about an hour and a half of failures."""

    max_attempts: int = 12
    first_delay: timedelta = timedelta(seconds=5)
    longest_delay: timedelta = timedelta(minutes=30)
    rate_limit_jitter: float = 0.1  # a 429's wait is stretched by up to this share

    def __post_init__(self) -> None:
        if self.max_attempts < 1:
            raise ValueError("max_attempts must be at least 1")
        if not timedelta(0) < self.first_delay <= self.longest_delay:
            raise ValueError("need 0 < first_delay <= longest_delay")

    def backoff(self, attempts: int, fraction: float) -> timedelta:
        """The wait after the `attempts`-th failed try: the doubled delay, capped, then a point
        in its upper half chosen by `fraction` (0 <= fraction < 1), so that senders that
        failed together do not all come back at the same moment."""
        full = min(self.first_delay * (1 << min(max(attempts, 1) - 1, 32)), self.longest_delay)
        return full / 2 + full / 2 * _unit(fraction)


def decide(
    policy: RetryPolicy,
    failure: Failure,
    attempts: int,
    fraction: float,
    retry_after: float | None = None,
) -> Decision:
    """After a failed try: `attempts` counted tries came before it; `fraction` in [0, 1) is the
    jitter's chance; `retry_after` the seconds a 429 asked for."""
    if failure is Failure.RATE_LIMITED:
        asked = timedelta(seconds=max(retry_after or 0.0, 0.0)) or policy.first_delay
        wait = asked * (1 + policy.rate_limit_jitter * _unit(fraction))
        return Decision(Verdict.RATE_LIMITED, wait, counted=False)
    if failure in PERMANENT:
        return Decision(Verdict.PERMANENT, reason=failure.value)
    tried = attempts + 1
    if tried >= policy.max_attempts:
        return Decision(Verdict.UNDELIVERABLE, reason=TOO_MANY_ATTEMPTS)
    return Decision(Verdict.RETRIED, policy.backoff(tried, fraction))


def _unit(fraction: float) -> float:
    return min(max(fraction, 0.0), 1.0)
