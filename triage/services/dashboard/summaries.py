"""PostgreSQL: every grouping of the period's cases summarised by the database in one statement.

GROUPING SETS give the whole, each urgency, province, kabupaten/kota, worker and week at once;
`percentile_cont` computes the median and 90th percentile as `triage/domain/stats.py` does
(linear interpolation between the closest ranks, type 7: the same arithmetic on the same
doubles), so the figures are those `row_groups.gather` computes from the rows on SQLite.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Float, Integer, case, func, literal_column, select
from sqlalchemy.sql.functions import FunctionElement
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

from triage.domain.rules.model import SlaTargets
from triage.domain.stats import MEDIAN, P90, Spread
from triage.services.dashboard.model import MEASURES, Figures, Tally
from triage.services.dashboard.queries import deadline_tallies, is_open
from triage.services.dashboard.row_groups import RowGroups, target_times, time_figure
from triage.storage.buckets import week_index
from triage.storage.intervals import seconds_between
from triage.storage.tables import Report

KEYS = ("urgency", "province", "kabkota", "worker", "week")
# GROUPING(urgency, province, kabkota, worker, week): a bit set for each key left out.
_ALL = (1 << len(KEYS)) - 1
SETS = {name: _ALL & ~(1 << (len(KEYS) - 1 - i)) for i, name in enumerate(KEYS)} | {"": _ALL}
_FRACTIONS: ColumnElement[Any] = literal_column(f"ARRAY[{MEDIAN!r}, {P90!r}]::float8[]")


@dataclass(frozen=True, slots=True)
class Summary:
    """A group as the database summarised it: its cases, and per measure (in MEASURES' order)
    measured, waiting, decided, breached and the percentiles, as the statement returns them.
    Read into figures only for the rows shown (a ranking has hundreds of groups)."""

    cases: int
    measures: Sequence[Any]  # five values per measure, see `statement`

    @property
    def all_deadlines(self) -> Tally:
        m = self.measures
        return Tally(m[2] + m[7] + m[12], m[3] + m[8] + m[13])

    def figures(self, targets: SlaTargets | None = None) -> Figures:
        wanted, m = target_times(targets), self.measures
        return Figures(
            self.cases,
            {
                measure: time_figure(_spread(m[5 * i], m[5 * i + 4]), m[5 * i + 1], wanted[i])
                for i, measure in enumerate(MEASURES)
            },
            {measure: Tally(m[5 * i + 2], m[5 * i + 3]) for i, measure in enumerate(MEASURES)},
        )


def _clamped(seconds: FunctionElement[float]) -> ColumnElement[float]:
    """A clock set back can record a step a moment before the report: no time (NULL stays)."""
    return case((seconds <= 0, literal_column("0.0", Float())), else_=seconds)


def _cases(where: ColumnElement[bool], week_starts: Sequence[datetime], now: datetime) -> Any:
    """Each case's keys, clamped times and deadline tallies (the tallies joined as a group)."""
    tallies = deadline_tallies(where, now).subquery("t")
    received = col(Report.received_at)
    code = col(Report.kabkota_code)
    steps = (Report.accepted_at, Report.first_contact_at, Report.closed_at)
    return (
        select(
            col(Report.urgency).label("urgency"),
            func.split_part(code, ".", 1).label("province"),
            code.label("kabkota"),
            col(Report.assigned_worker_id).label("worker"),
            week_index(received, week_starts).label("week"),
            is_open().label("is_open"),
            *(
                _clamped(seconds_between(received, col(s))).label(f"s{m}")
                for m, s in enumerate(steps)
            ),
            *(func.coalesce(c, 0).label(f"t{n}") for n, c in enumerate(list(tallies.c)[1:])),
        )
        .select_from(Report)
        .outerjoin(tallies, tallies.c.report_id == col(Report.id))
        .where(where)
        .subquery("c")
    )


def statement(where: ColumnElement[bool], week_starts: Sequence[datetime], now: datetime) -> Any:
    """One row per group of every grouping set: its set, keys, counts and percentiles."""
    c = _cases(where, week_starts, now)
    keys = [c.c[name] for name in KEYS]
    measures = []
    for m in range(3):
        seconds = c.c[f"s{m}"]
        waiting = case((seconds.is_(None) & c.c.is_open, 1), else_=0)
        measures += [
            func.count(seconds),
            func.coalesce(func.sum(waiting), 0).cast(Integer),
            func.coalesce(func.sum(c.c[f"t{2 * m}"]), 0).cast(Integer),
            func.coalesce(func.sum(c.c[f"t{2 * m + 1}"]), 0).cast(Integer),
            func.percentile_cont(_FRACTIONS).within_group(seconds),
        ]
    grouping_sets = func.grouping_sets(*(k for k in keys), literal_column("()"))
    return select(func.grouping(*keys), *keys, func.count(), *measures).group_by(grouping_sets)


def summaries(rows: Sequence[Sequence[Any]]) -> RowGroups:
    """The statement's rows as each grouping's summaries."""
    sets: dict[int, dict[Any, Summary]] = {bits: {} for bits in SETS.values()}
    first = 1 + len(KEYS)
    key_of = {bits: 1 + KEYS.index(name) for name, bits in SETS.items() if name}
    for row in rows:
        bits = row[0]
        at = key_of.get(bits)
        sets[bits][row[at] if at is not None else None] = Summary(row[first], row[first + 1 :])
    whole = sets[SETS[""]].get(None)
    return RowGroups(
        overall=whole if whole is not None else _EMPTY,
        urgencies=sets[SETS["urgency"]],
        provinces=sets[SETS["province"]],
        kabkota=sets[SETS["kabkota"]],
        workers=sets[SETS["worker"]],
        weeks=sets[SETS["week"]],
    )


def _spread(count: int, shares: Sequence[float] | None) -> Spread:
    if not count or shares is None:
        return Spread(0, None, None)
    return Spread(count, shares[0], shares[1])


_EMPTY = Summary(0, (0, 0, 0, 0, None) * 3)


async def summary_rows(
    session: AsyncSession,
    where: ColumnElement[bool],
    week_starts: Sequence[datetime],
    now: datetime,
) -> Sequence[Sequence[Any]]:
    """The statement's rows for the cases matching `where` (which bounds the period)."""
    connection = await session.connection()
    return (await connection.execute(statement(where, week_starts, now))).all()
