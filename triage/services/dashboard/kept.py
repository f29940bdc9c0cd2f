"""Dashboards kept once computed, per process, until the data or the clock changes them. No I/O.

A kept dashboard is valid while the database's change stamp (`change_stamp`, moved by
triggers at every commit that touches what the figures read) is the one it was computed at,
and until its expiry: the first moment the clock alone changes a figure (a pending
first-step deadline falling due). The period itself is in the key: a relative period such as
"the last 12 weeks" is another key once the day moves on. Bounded: the least recently used
goes first.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass
from datetime import datetime
from typing import Generic, TypeVar

from triage.services.common.bounded import BoundedLru

V = TypeVar("V")
DEFAULT_ENTRIES = 32


@dataclass(frozen=True, slots=True)
class Kept(Generic[V]):
    value: V
    stamp: int
    since: datetime  # the clock it was computed at: a clock set back makes it invalid
    expires: datetime | None  # None: no moment of the clock changes it

    def valid(self, stamp: int, now: datetime) -> bool:
        in_time = self.since <= now and (self.expires is None or now < self.expires)
        return stamp == self.stamp and in_time


class KeptFigures(Generic[V]):
    """At most `entries` values by key, each with the stamp and expiry it is valid for."""

    def __init__(self, entries: int = DEFAULT_ENTRIES) -> None:
        self._kept: BoundedLru[Kept[V]] = BoundedLru(entries)

    def __len__(self) -> int:
        return len(self._kept)

    def get(self, key: Hashable, stamp: int, now: datetime) -> V | None:
        """The value kept for `key` if still valid at `stamp` and `now`; a stale one is dropped."""
        kept = self._kept.get(key)
        if kept is None:
            return None
        if not kept.valid(stamp, now):
            self._kept.pop(key)
            return None
        return kept.value

    def put(
        self, key: Hashable, value: V, stamp: int, since: datetime, expires: datetime | None
    ) -> None:
        """Keeps `value`, computed at `stamp` and `since`, valid until `expires`."""
        self._kept.put(key, Kept(value, stamp, since, expires))
