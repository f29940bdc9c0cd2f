"""The per-token rate limit: a fixed window of `calls` per `window`. Pure.

Each call is counted before it is answered; a call over the limit is refused with the
whole seconds until the window ends (the `Retry-After` the partner is sent).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta


@dataclass(frozen=True, slots=True)
class RatePolicy:
    calls: int = 120
    window: timedelta = timedelta(minutes=1)

    def __post_init__(self) -> None:
        if self.calls < 1 or self.window <= timedelta(0):
            raise ValueError("a rate limit allows at least one call in a positive window")


@dataclass(frozen=True, slots=True)
class Window:
    started_at: datetime
    calls: int


def count_call(policy: RatePolicy, window: Window | None, now: datetime) -> Window | int:
    """The window with this call counted, or the seconds to wait (at least 1) when it is
    full. A window that has ended (or a clock moved back past its start) starts over."""
    if window is None or not window.started_at <= now < window.started_at + policy.window:
        return Window(now, 1)
    if window.calls >= policy.calls:
        left = window.started_at + policy.window - now
        return max(1, -int(-left.total_seconds() // 1))
    return Window(window.started_at, window.calls + 1)
