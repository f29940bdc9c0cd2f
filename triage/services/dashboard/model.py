"""The dashboard's figures as plain data: what a case contributes, and each group's summary."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from typing import Generic, TypeVar

from triage.domain.disclosure import ShownCount
from triage.domain.period import Period
from triage.domain.stats import share


class Measure(StrEnum):
    """The three response times, each counted from the report's arrival."""

    ACCEPT = "accept"
    FIRST_CONTACT = "first_contact"
    CLOSURE = "closure"


@dataclass(frozen=True, slots=True)
class Tally:
    """Deadlines whose outcome is known (met or breached) and how many of them were breached."""

    decided: int = 0
    breached: int = 0

    def __add__(self, other: Tally) -> Tally:
        return Tally(self.decided + other.decided, self.breached + other.breached)

    @property
    def share(self) -> float | None:
        return share(self.breached, self.decided)


MEASURES: tuple[Measure, ...] = tuple(Measure)  # the order of every per-measure tuple


@dataclass(frozen=True, slots=True)
class TimeFigure:
    """One response time over a group: median and 90th percentile of the cases that got there.

    `waiting` counts open cases that have not got there yet: they are not in the median, so
    a group with many waiting cases is slower than its median says.
    """

    measured: int
    waiting: int
    median: timedelta | None
    p90: timedelta | None
    target: timedelta | None

    def over_target(self, value: timedelta | None) -> bool | None:
        if value is None or self.target is None:
            return None
        return value > self.target


@dataclass(frozen=True, slots=True)
class Figures:
    """A group's response times and deadline tallies (an urgency, region, worker or week)."""

    cases: int
    times: Mapping[Measure, TimeFigure]
    deadlines: Mapping[Measure, Tally]

    @property
    def all_deadlines(self) -> Tally:
        return sum(self.deadlines.values(), Tally())


Row = TypeVar("Row")


@dataclass(frozen=True, slots=True)
class Ranked(Generic[Row]):
    """The first rows of a ranking (all of them when no limit was asked) and how many there are."""

    rows: tuple[Row, ...]
    total: int


@dataclass(frozen=True, slots=True)
class RegionRow:
    """A province or kabupaten/kota; `figures` is None below the minimum number of cases."""

    code: str | None  # None: the location is not known yet
    cases: ShownCount
    open_now: ShownCount
    figures: Figures | None


@dataclass(frozen=True, slots=True)
class WorkerRow:
    """A worker holding cases in the viewer's regions (None: cases nobody holds)."""

    worker_id: int | None
    name: str | None
    open_now: int
    open_by_urgency: Mapping[str, int]
    cases: ShownCount
    figures: Figures | None


@dataclass(frozen=True, slots=True)
class WeekRow:
    monday: date
    figures: Figures


@dataclass(frozen=True, slots=True)
class Undelivered:
    """Telegram messages given up within the period (the recipient blocked the bot, the chat
    is gone, Telegram could not be reached): those about cases the viewer sees, the latest
    of those cases, and for admins the messages about no single case (digests, reminders)."""

    messages: int = 0
    references: tuple[str, ...] = ()  # most recently given up first, at most a few
    without_case: int | None = None  # None: not shown to this viewer


@dataclass(frozen=True, slots=True)
class Dashboard:
    """Everything the dashboard shows, for one viewer, period and (optional) urgency."""

    period: Period
    urgency: str | None
    minimum: int
    open_now: Mapping[str, Mapping[str, int]]  # urgency -> status -> open cases now
    open_total: int
    by_urgency: tuple[tuple[str, Figures], ...]
    overall: Figures
    provinces: Ranked[RegionRow]
    kabkota: Ranked[RegionRow]
    workers: Ranked[WorkerRow]
    weeks: tuple[WeekRow, ...]
    undelivered: Undelivered = Undelivered()
