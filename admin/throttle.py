"""An in-memory login throttle: repeated failures for one username from one address pause it."""

from __future__ import annotations

from collections import deque
from datetime import datetime, timedelta

MAX_FAILURES = 5
WINDOW = timedelta(minutes=15)
MAX_KEYS = 10_000

ThrottleKey = tuple[str, str]


class LoginThrottle:
    """Counts failed logins per (username, client address) within a sliding window."""

    def __init__(self, max_failures: int = MAX_FAILURES, window: timedelta = WINDOW) -> None:
        self.max_failures = max_failures
        self.window = window
        self._failures: dict[ThrottleKey, deque[datetime]] = {}

    def blocked(self, key: ThrottleKey, now: datetime) -> bool:
        failures = self._failures.get(key)
        return failures is not None and len(self._prune(failures, now)) >= self.max_failures

    def record_failure(self, key: ThrottleKey, now: datetime) -> None:
        if key not in self._failures and len(self._failures) >= MAX_KEYS:
            self._forget_stale(now)
        self._prune(self._failures.setdefault(key, deque()), now).append(now)

    def reset(self, key: ThrottleKey) -> None:
        self._failures.pop(key, None)

    def _prune(self, failures: deque[datetime], now: datetime) -> deque[datetime]:
        while failures and now - failures[0] >= self.window:
            failures.popleft()
        return failures

    def _forget_stale(self, now: datetime) -> None:
        for key in [
            key
            for key, times in self._failures.items()
            if not times or now - times[-1] >= self.window
        ]:
            del self._failures[key]
        while len(self._failures) >= MAX_KEYS:  # still full: drop the oldest entries
            del self._failures[next(iter(self._failures))]
