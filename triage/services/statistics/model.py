"""The statistics as plain data: what was asked, and each table as it may be published."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from triage.domain.period import MAX_DAYS
from triage.domain.statistics.dimensions import Dimension, Granularity, Unit
from triage.domain.statistics.suppression import Entry, ProtectedTable

MAX_STATISTICS_DAYS = MAX_DAYS * 5  # ten years: whole years of a series


class Counted(StrEnum):
    """What a table's figures count; every table says it."""

    REPORTS = "reports"
    CHILDREN = "children"
    DEADLINES = "deadlines"
    REFERRALS = "referrals"


class TableKind(StrEnum):
    COUNTS = "counts"  # rows × columns of the request
    CLOSURE = "closure"  # rows × time from report to closure
    FIRST_CONTACT = "first_contact"  # rows × time from report to first contact
    DEADLINES = "deadlines"  # rows × deadlines met or missed
    WORKLOAD = "workload"  # kabupaten/kota × month: cases held by workers
    REFERRALS = "referrals"  # service type × referral status: referrals made


class RequestProblem(StrEnum):
    SAME_DIMENSION = "same_dimension"
    WRONG_ORDER = "wrong_order"
    TOO_LONG = "too_long"


class RequestError(ValueError):
    def __init__(self, problem: RequestProblem) -> None:
        super().__init__(problem.value)
        self.problem = problem


@dataclass(frozen=True, slots=True)
class StatisticsRequest:
    """Rows × columns over [first, last] (local days, both included), by month, quarter or
    year, counting reports or children."""

    first: date
    last: date
    rows: Dimension = Dimension.PROVINCE
    columns: Dimension = Dimension.HARM
    granularity: Granularity = Granularity.YEAR
    unit: Unit = Unit.REPORTS

    def __post_init__(self) -> None:
        problem = request_problem(self.first, self.last, self.rows, self.columns)
        if problem is not None:
            raise RequestError(problem)


def request_problem(
    first: date, last: date, rows: Dimension, columns: Dimension
) -> RequestProblem | None:
    if rows == columns:
        return RequestProblem.SAME_DIMENSION
    if last < first:
        return RequestProblem.WRONG_ORDER
    if (last - first).days + 1 > MAX_STATISTICS_DAYS:
        return RequestProblem.TOO_LONG
    return None


@dataclass(frozen=True, slots=True)
class StatTable:
    """One published table: what it shows, over which period, and what it counts."""

    kind: TableKind
    rows: str  # a Dimension, or "service_type" (referrals)
    columns: str  # a Dimension, or the kind's buckets ("closure", "first_contact", …)
    period: str | None  # "2026-11", "2026-Q4", "2026"; None: the whole range asked for
    counted: Counted
    table: ProtectedTable


@dataclass(frozen=True, slots=True)
class WorkloadRow:
    """A kabupaten/kota's month: cases held (hidden when small), distinct workers holding
    them, and cases per worker. Workers and cases per worker are None when the cases are
    hidden: four workers would show that at least four cases are behind a "< 5"."""

    cases: Entry
    workers: int | None
    per_worker: float | None


@dataclass(frozen=True, slots=True)
class Workload:
    cases: StatTable  # kabupaten/kota × month, reports held by a worker
    rows: tuple[tuple[WorkloadRow, ...], ...]  # in the table's order


@dataclass(frozen=True, slots=True)
class Statistics:
    request: StatisticsRequest
    minimum: int
    counts: tuple[StatTable, ...]  # one per period, or one when the period is a dimension
    handling: tuple[StatTable, ...]  # closure, first contact, deadlines: the whole range
    workload: Workload
    referrals: StatTable  # service type × status, the whole range, protected alone
