"""When a loop of the process counts as alive, and when the outbox counts as lagging: pure.

A loop (the outbox sender, the SLA sweep) is alive while it completed a run within its
allowed quiet time; one that never ran yet counts from when it was started, so a process
that has just begun is not reported dead.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

SHORTEST_QUIET = timedelta(minutes=1)  # a drain or a sweep may take a while
QUIET_INTERVALS = 10
DEFAULT_OUTBOX_LAG = timedelta(minutes=5)


def allowed_quiet(interval: timedelta) -> timedelta:
    """How long a loop that runs every `interval` may go without completing a run."""
    return max(interval * QUIET_INTERVALS, SHORTEST_QUIET)


@dataclass(frozen=True, slots=True)
class LoopState:
    """A loop of this process: started at `since`, last completed a run at `last_run`."""

    since: datetime
    last_run: datetime | None
    max_quiet: timedelta

    def quiet_for(self, now: datetime) -> timedelta:
        return max(now - (self.last_run or self.since), timedelta(0))

    def alive(self, now: datetime) -> bool:
        return self.quiet_for(now) <= self.max_quiet


def outbox_lagging(oldest_due: timedelta | None, limit: timedelta) -> bool:
    """A message due for longer than `limit` means no sender is keeping up."""
    return oldest_due is not None and oldest_due > limit
