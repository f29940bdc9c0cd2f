"""The dashboard's SQL: cases of a period with their times and deadline tallies, open cases
now, and accept-deadline breaches per kabupaten/kota. Scoped by the caller's condition."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any, cast

from sqlalchemy import (
    ColumnElement,
    Integer,
    TextClause,
    and_,
    case,
    func,
    literal_column,
    or_,
    select,
    text,
)
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

from triage.domain.case import OPEN_STATUSES
from triage.domain.sla import DeadlineKind
from triage.services.dashboard.figures import OpenGroup
from triage.services.dashboard.model import MEASURES, Measure, Tally
from triage.services.dashboard.row_groups import (
    CROWDED,
    SQL_BITS,
    CaseRow,
    Deadlines,
    packed_deadlines,
)
from triage.storage.buckets import week_index
from triage.storage.intervals import seconds_between
from triage.storage.tables import ChangeStamp, Deadline, Report, Worker
from triage.storage.tables.cases import OPEN_CASES
from triage.storage.tables.stamps import STAMP_ROW

BREACH_KINDS = {
    Measure.ACCEPT: DeadlineKind.ACCEPT_BREACH,
    Measure.FIRST_CONTACT: DeadlineKind.CONTACT_BREACH,
    Measure.CLOSURE: DeadlineKind.CLOSURE_BREACH,
}
# A deadline key's level 1: the target itself, not a later escalation step nor a reminder.
# Written as a literal so that the partial index `ix_deadline_first_step` matches it.
FIRST_STEP = "'%:l1'"
_STEPS = (Report.accepted_at, Report.first_contact_at, Report.closed_at)  # as MEASURES
OPEN = frozenset(status.value for status in OPEN_STATUSES)


def in_period(start: datetime, end: datetime) -> ColumnElement[bool]:
    return and_(col(Report.received_at) >= start, col(Report.received_at) < end)


def _breached(now: datetime) -> ColumnElement[bool]:
    """Fired, or due and not yet swept."""
    status, due = col(Deadline.status), col(Deadline.due_at)
    return or_(status == "fired", and_(status == "pending", due <= now))


def _decided(now: datetime) -> ColumnElement[bool]:
    """Met (cancelled by the step it waited for), breached, or due: anything but still running."""
    return or_(col(Deadline.status) != "pending", col(Deadline.due_at) <= now)


def _count(kind: DeadlineKind, condition: ColumnElement[bool]) -> ColumnElement[int]:
    hit = and_(col(Deadline.kind) == kind.value, condition)
    return func.coalesce(func.sum(case((hit, 1), else_=0)), 0).cast(Integer)


def _first_steps() -> ColumnElement[bool]:
    """The join to a case's breach deadlines, first step only (the target itself)."""
    return and_(
        col(Deadline.report_id) == col(Report.id),
        col(Deadline.kind).in_([kind.value for kind in BREACH_KINDS.values()]),
        col(Deadline.key).like(literal_column(FIRST_STEP)),
    )


def deadline_tallies(where: ColumnElement[bool], now: datetime) -> Any:
    """Per matching case with first-step deadlines: its id, then decided and breached for
    each measure in the order of MEASURES."""
    counts = [
        column
        for measure in MEASURES
        for column in (
            _count(BREACH_KINDS[measure], _decided(now)),
            _count(BREACH_KINDS[measure], _breached(now)),
        )
    ]
    return (
        select(col(Deadline.report_id), *counts)
        .join(Report, _first_steps())
        .where(where)
        .group_by(col(Deadline.report_id))
    )


def _case_deadlines(now: datetime) -> ColumnElement[int]:
    """The case's first-step breach deadlines, decided and breached per measure, packed
    `SQL_BITS` bits each in the order of `Deadlines` (CROWDED if a count might not fit): a
    correlated subquery, one seek into `ix_deadline_first_step` per case."""
    units = {kind: 1 << (2 * SQL_BITS * m) for m, kind in enumerate(BREACH_KINDS.values())}
    weight = case(*((col(Deadline.kind) == kind.value, unit) for kind, unit in units.items()))
    outcome = case((_decided(now), 1), else_=0) + case((_breached(now), 1 << SQL_BITS), else_=0)
    packed = func.coalesce(func.sum(weight * outcome), 0)
    # `+kind`: the kinds are checked on the index's rows, not sought one by one (three seeks).
    # SQLite's syntax (PostgreSQL has no unary plus on text): this is SQLite's path only.
    kinds = [kind.value for kind in BREACH_KINDS.values()]
    unsought: ColumnElement[str] = literal_column(f"+{Deadline.__tablename__}.kind")
    return (
        select(case((func.count() < 1 << SQL_BITS, packed), else_=CROWDED))
        .where(
            col(Deadline.report_id) == col(Report.id),
            unsought.in_(kinds),
            col(Deadline.key).like(literal_column(FIRST_STEP)),
        )
        .scalar_subquery()
    )


def _cases(where: ColumnElement[bool], week_starts: Sequence[datetime], now: datetime) -> Any:
    """The cases' codes, week, times and deadline tallies, in CaseRow's order (from the period's
    covering index, and the first-step deadlines' for the tallies)."""
    received = col(Report.received_at)
    columns = (
        col(Report.id),
        col(Report.urgency),
        col(Report.kabkota_code),
        col(Report.assigned_worker_id),
        week_index(received, week_starts),
        is_open(),
        *(seconds_between(received, col(step)) for step in _STEPS),
        _case_deadlines(now),
    )
    return select(
        *(column.label(name) for column, name in zip(columns, CaseRow._fields, strict=True))
    ).where(where)


async def case_rows(
    session: AsyncSession,
    where: ColumnElement[bool],
    week_starts: Sequence[datetime],
    now: datetime,
) -> list[CaseRow]:
    """Every case matching `where` (which bounds the period to the weeks starting at
    `week_starts`, in UTC): codes, times and deadline tallies only.

    One statement: the tallies as a correlated subquery per case rather than a join grouped
    by case (which SQLite sorted in a temporary B-tree) or a second query (whose rows Python
    then looked up by case).
    """
    connection = await session.connection()
    rows = (await connection.execute(_cases(where, week_starts, now))).all()
    return cast("list[CaseRow]", rows)  # Row objects: tuples in CaseRow's order


async def deadline_counts(
    session: AsyncSession, where: ColumnElement[bool], now: datetime
) -> dict[int, int]:
    """The first-step breach deadlines of the cases matching `where`, by case id: decided and
    breached per measure, packed as `row_groups.gather` adds them up. For the cases whose
    row from `case_rows` could not hold them (CROWDED)."""
    connection = await session.connection()
    rows = (await connection.execute(deadline_tallies(where, now))).all()
    return {row[0]: packed_deadlines(cast(Deadlines, row[1:])) for row in rows}


async def crowded_counts(
    session: AsyncSession, where: ColumnElement[bool], rows: Sequence[CaseRow], now: datetime
) -> dict[int, int]:
    """`deadline_counts` of the rows whose tallies did not fit (none: no query)."""
    ids = [row[0] for row in rows if row[-1] == CROWDED]
    if not ids:
        return {}
    return await deadline_counts(session, and_(where, col(Report.id).in_(ids)), now)


def is_open() -> ColumnElement[bool]:
    return col(Report.status).in_(sorted(OPEN))


# SQLite without statistics (the app never runs ANALYZE) prefers the status index and reads
# each open case's row; named, the index is read alone (and a query it cannot serve fails).
OPEN_INDEX_HINT = "INDEXED BY ix_report_open"


def open_now() -> TextClause:
    """The open cases, as the condition of their partial index `ix_report_open` (a literal:
    SQLite matches it to the index only so)."""
    return text(OPEN_CASES)


async def open_groups(session: AsyncSession, where: ColumnElement[bool]) -> list[OpenGroup]:
    """Open cases now, counted by urgency, status, kabupaten/kota and holder."""
    keys = (
        col(Report.urgency),
        col(Report.status),
        col(Report.kabkota_code),
        col(Report.assigned_worker_id),
    )
    query = select(*keys, func.count()).where(where, open_now()).group_by(*keys)
    query = query.with_hint(Report, OPEN_INDEX_HINT, dialect_name="sqlite")
    connection = await session.connection()
    return [OpenGroup(*row) for row in (await connection.execute(query)).all()]


async def open_per_region(
    session: AsyncSession, where: ColumnElement[bool]
) -> dict[str | None, int]:
    """Open cases now per kabupaten/kota (None: the place is not known yet)."""
    region = col(Report.kabkota_code)
    query = select(region, func.count()).where(where, open_now()).group_by(region)
    query = query.with_hint(Report, OPEN_INDEX_HINT, dialect_name="sqlite")
    connection = await session.connection()
    rows = (await connection.execute(query)).all()
    return {code: count for code, count in rows}  # noqa: C416 - rows are Row objects, typed as such


async def worker_names(session: AsyncSession, ids: set[int]) -> dict[int, str]:
    if not ids:
        return {}
    query = select(col(Worker.id), col(Worker.name)).where(col(Worker.id).in_(sorted(ids)))
    connection = await session.connection()
    rows = (await connection.execute(query)).all()
    return {worker_id: name for worker_id, name in rows if worker_id is not None}


async def accept_breaches(
    session: AsyncSession, where: ColumnElement[bool], now: datetime
) -> dict[str | None, Tally]:
    """Accept deadlines (first step) of the matching cases per kabupaten/kota."""
    kind = DeadlineKind.ACCEPT_BREACH
    query = (
        select(col(Report.kabkota_code), _count(kind, _decided(now)), _count(kind, _breached(now)))
        .select_from(Report)
        .join(Deadline, _first_steps())
        .where(where)
        .group_by(col(Report.kabkota_code))
    )
    connection = await session.connection()
    rows = (await connection.execute(query)).all()
    return {code: Tally(int(decided), int(breached)) for code, decided, breached in rows}


async def change_version(session: AsyncSession) -> int | None:
    """The database's change stamp (migration 0019); None if its row is missing."""
    query = select(col(ChangeStamp.version)).where(col(ChangeStamp.id) == STAMP_ROW)
    connection = await session.connection()
    return (await connection.execute(query)).scalar_one_or_none()


# Without statistics SQLite could take the first-step index, whose condition the query's
# LIKE matches, and read every first-step deadline; in due order the first match ends it.
DUE_INDEX_HINT = "INDEXED BY ix_deadline_due"


def next_due_query(now: datetime) -> Any:
    """The due time of the next pending first-step breach deadline after `now`, any case's:
    read in due order (`ix_deadline_due`), stopping at the first one."""
    due = col(Deadline.due_at)
    return (
        select(due)
        .where(
            col(Deadline.status) == "pending",
            due > now,
            col(Deadline.kind).in_([kind.value for kind in BREACH_KINDS.values()]),
            col(Deadline.key).like(literal_column(FIRST_STEP)),
        )
        .order_by(due)
        .limit(1)
        .with_hint(Deadline, DUE_INDEX_HINT, dialect_name="sqlite")
    )


async def next_due(session: AsyncSession, now: datetime) -> datetime | None:
    """When the next pending first-step breach deadline falls due after `now`: the first
    moment the clock alone changes a period's figures (None: no such deadline)."""
    connection = await session.connection()
    return (await connection.execute(next_due_query(now))).scalar_one_or_none()
