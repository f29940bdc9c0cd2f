"""The reporting period of the dashboard: whole local days, counted in weeks. Pure.

A period runs from the first day's midnight to the midnight after the last day, in the
display time zone. Weeks start on Monday (as in Indonesia); the first week of a period is
the one holding its first day, so a period's first and last weeks may be partial.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from enum import StrEnum

DEFAULT_WEEKS = 12
MAX_DAYS = 731  # two years and a day: longer periods are slow and unreadable as weeks
WEEK = timedelta(days=7)


class PeriodProblem(StrEnum):
    """Why two dates make no period."""

    WRONG_ORDER = "wrong_order"  # the last day comes before the first
    TOO_LONG = "too_long"


class PeriodError(ValueError):
    def __init__(self, problem: PeriodProblem) -> None:
        super().__init__(problem.value)
        self.problem = problem


def week_start(day: date) -> date:
    """The Monday of the day's week."""
    return day - timedelta(days=day.weekday())


def period_problem(first: date, last: date) -> PeriodProblem | None:
    if last < first:
        return PeriodProblem.WRONG_ORDER
    if (last - first).days + 1 > MAX_DAYS:
        return PeriodProblem.TOO_LONG
    return None


@dataclass(frozen=True, slots=True)
class Period:
    """From `first` to `last`, both local days and both included."""

    first: date
    last: date

    def __post_init__(self) -> None:
        problem = period_problem(self.first, self.last)
        if problem is not None:
            raise PeriodError(problem)

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1

    def bounds(self, zone: tzinfo) -> tuple[datetime, datetime]:
        """[start, end) in UTC: midnight of the first day to midnight after the last."""
        start = datetime.combine(self.first, time(), tzinfo=zone)
        end = datetime.combine(self.last + timedelta(days=1), time(), tzinfo=zone)
        return start.astimezone(UTC), end.astimezone(UTC)

    def weeks(self) -> tuple[date, ...]:
        """The Monday of every week the period touches, oldest first."""
        first, last = week_start(self.first), week_start(self.last)
        return tuple(first + WEEK * n for n in range((last - first).days // 7 + 1))

    def week_of(self, day: date) -> int | None:
        """Which of `weeks()` holds the (local) day; None outside the period."""
        if not self.first <= day <= self.last:
            return None
        return (day - week_start(self.first)).days // 7


def default_period(today: date, weeks: int = DEFAULT_WEEKS) -> Period:
    """The last `weeks` weeks up to today, this week (so far) included."""
    return Period(week_start(today) - WEEK * (weeks - 1), today)
