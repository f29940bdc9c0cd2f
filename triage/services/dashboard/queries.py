"""The dashboard's SQL: cases of a period with their times and deadline tallies, open cases
now, and accept-deadline breaches per kabupaten/kota. Scoped by the caller's condition."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Integer, and_, case, func, literal, or_, select
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession
from sqlmodel.sql.sqltypes import UTCDateTime

from triage.domain.case import OPEN_STATUSES
from triage.domain.sla import DeadlineKind
from triage.services.dashboard.figures import OpenGroup
from triage.services.dashboard.model import CaseFacts, Measure, Tally
from triage.storage.intervals import seconds_between
from triage.storage.tables import Deadline, Report, Worker

BREACH_KINDS = {
    Measure.ACCEPT: DeadlineKind.ACCEPT_BREACH,
    Measure.FIRST_CONTACT: DeadlineKind.CONTACT_BREACH,
    Measure.CLOSURE: DeadlineKind.CLOSURE_BREACH,
}
FIRST_STEP = ":l1"  # a deadline key's level: the target itself, not a later escalation step
_STEPS = {
    Measure.ACCEPT: Report.accepted_at,
    Measure.FIRST_CONTACT: Report.first_contact_at,
    Measure.CLOSURE: Report.closed_at,
}


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
        col(Deadline.key).endswith(FIRST_STEP),
    )


def _facts_query(where: ColumnElement[bool], start: datetime, now: datetime) -> Any:
    received = col(Report.received_at)
    tallies = [
        column
        for kind in BREACH_KINDS.values()
        for column in (_count(kind, _decided(now)), _count(kind, _breached(now)))
    ]
    return (
        select(
            col(Report.urgency),
            col(Report.status),
            col(Report.kabkota_code),
            col(Report.assigned_worker_id),
            seconds_between(literal(start, UTCDateTime()), received),
            *(seconds_between(received, col(step)) for step in _STEPS.values()),
            *tallies,
        )
        .select_from(Report)
        .outerjoin(Deadline, _first_steps())
        .where(where)
        .group_by(col(Report.id))
    )


def _facts(row: Sequence[Any], start: datetime) -> CaseFacts:
    urgency, status, kabkota, worker, offset, *rest = row
    seconds, counts = rest[: len(_STEPS)], rest[len(_STEPS) :]
    tallies = {
        measure: Tally(int(counts[2 * i]), int(counts[2 * i + 1]))
        for i, measure in enumerate(BREACH_KINDS)
    }
    return CaseFacts(
        urgency=urgency,
        status=status,
        kabkota_code=kabkota,
        worker_id=worker,
        received_at=start + timedelta(seconds=float(offset)),
        seconds={m: None if s is None else float(s) for m, s in zip(_STEPS, seconds, strict=True)},
        deadlines=tallies,
    )


async def case_facts(
    session: AsyncSession, where: ColumnElement[bool], start: datetime, now: datetime
) -> list[CaseFacts]:
    """Every case matching `where` (which bounds the period), as facts; one query."""
    connection = await session.connection()
    rows = (await connection.execute(_facts_query(where, start, now))).all()
    return [_facts(row, start) for row in rows]


def is_open() -> ColumnElement[bool]:
    return col(Report.status).in_([status.value for status in OPEN_STATUSES])


async def open_groups(session: AsyncSession, where: ColumnElement[bool]) -> list[OpenGroup]:
    """Open cases now, counted by urgency, status, kabupaten/kota and holder."""
    keys = (
        col(Report.urgency),
        col(Report.status),
        col(Report.kabkota_code),
        col(Report.assigned_worker_id),
    )
    query = select(*keys, func.count()).where(where, is_open()).group_by(*keys)
    connection = await session.connection()
    return [OpenGroup(*row) for row in (await connection.execute(query)).all()]


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
