"""The statistics' SQL, grouped: reports alike along every dimension counted together by
the database, so that a year of reports comes back as a few thousand rows.

One row per month (in the display zone), kabupaten/kota, handling buckets, worker and
whichever of categories, age, sex, relation and urgency the request splits by, with the number of reports, their children (at least
one each) and their first-step deadlines decided and met. Only plain columns are read, as
in `query.py`; the handling buckets are `handling.bucket` as a CASE over the seconds.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime, tzinfo
from typing import Any

from sqlalchemy import ColumnElement, Integer, String, case, cast, func, literal, null, select
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

from triage.domain.statistics.dimensions import UNKNOWN, CaseFacts, Dimension, age_band
from triage.domain.statistics.handling import BUCKETS, CLOSURE_DAYS, CONTACT_DAYS, Measure
from triage.domain.statistics.harm import HarmMapping
from triage.services.dashboard.queries import deadline_tallies
from triage.storage.buckets import span_index
from triage.storage.intervals import SECONDS_PER_DAY, seconds_between
from triage.storage.tables import Report

HALF_MICROSECOND = 5e-7  # a span is compared as a timedelta, rounded to microseconds
_LIMITS = {Measure.CLOSURE: CLOSURE_DAYS, Measure.FIRST_CONTACT: CONTACT_DAYS}


def month_starts(first: date, last: date, zone: tzinfo) -> list[datetime]:
    """The start (UTC) of each local month from the one holding `first` to `last`'s."""
    starts = []
    month = date(first.year, first.month, 1)
    while month <= last:
        starts.append(datetime(month.year, month.month, 1, tzinfo=zone).astimezone(UTC))
        month = date(month.year + month.month // 12, month.month % 12 + 1, 1)
    return starts


def _bucket(measure: Measure, seconds: Any) -> Any:
    labels = BUCKETS[measure]
    limits = [
        (seconds <= limit * SECONDS_PER_DAY + HALF_MICROSECOND, label)
        for limit, label in zip(_LIMITS[measure], labels, strict=False)
    ]
    return case((seconds.is_(None), labels[-1]), *limits, else_=labels[-2])


def _children() -> Any:
    children = col(Report.children_count)
    return case((children.is_(None) | (children < 1), 1), else_=children)


def _asked(dimensions: frozenset[Dimension], needs: Dimension, *columns: Any) -> list[Any]:
    """The columns when the request splits by `needs`, else NULLs: fewer groups."""
    return list(columns) if needs in dimensions else [null() for _ in columns]


def _grouped(
    where: ColumnElement[bool],
    now: datetime,
    starts: Sequence[datetime],
    dimensions: frozenset[Dimension],
) -> Any:
    tallies = deadline_tallies(where, now).subquery()
    report_id, *counts = tallies.c
    decided = sum((func.coalesce(c, 0) for c in counts[0::2]), literal(0, Integer()))
    breached = sum((func.coalesce(c, 0) for c in counts[1::2]), literal(0, Integer()))
    received = col(Report.received_at)
    ages = (col(Report.child_age), col(Report.age_band_lower), col(Report.age_band_upper))
    chosen = (
        *_asked(dimensions, Dimension.HARM, cast(col(Report.categories), String)),
        *_asked(dimensions, Dimension.AGE_BAND, *ages),
        *_asked(dimensions, Dimension.SEX, col(Report.child_sex)),
        *_asked(dimensions, Dimension.RELATION, col(Report.reporter_relation)),
        *_asked(dimensions, Dimension.URGENCY, col(Report.urgency)),
    )
    names = ("categories", "age", "lower", "upper", "sex", "relation", "urgency")
    keys: tuple[Any, ...] = (
        span_index(received, starts).label("month"),
        col(Report.kabkota_code).label("kabkota"),
        *(column.label(name) for column, name in zip(chosen, names, strict=True)),
        _bucket(Measure.FIRST_CONTACT, seconds_between(received, col(Report.first_contact_at)))
        .label("contact"),
        _bucket(Measure.CLOSURE, seconds_between(received, col(Report.closed_at)))
        .label("closure"),
        col(Report.assigned_worker_id).label("worker"),
    )  # fmt: skip
    rows = (
        select(*keys, _children().label("children"), decided.label("decided"),
               breached.label("breached"))
        .select_from(Report)
        .outerjoin(tallies, report_id == col(Report.id))
        .where(where)
        .subquery()
    )  # fmt: skip
    key_columns = [rows.c[k.name] for k in keys]
    return select(
        *key_columns,
        func.count(),
        func.sum(rows.c.children),
        func.sum(rows.c.decided),
        func.sum(rows.c.breached),
    ).group_by(*key_columns)


async def case_groups(
    session: AsyncSession,
    where: ColumnElement[bool],
    *,
    first: date,
    last: date,
    zone: tzinfo,
    harms: HarmMapping,
    now: datetime,
    dimensions: frozenset[Dimension],
) -> list[CaseFacts]:
    """The matching reports (received from `first` to `last`, local days in `zone`),
    grouped; each group's `received` is the first day of its month. Harm, age, sex,
    relation and urgency are read only when among `dimensions` (else "unknown" or the
    harm of no category); the period and the kabupaten/kota always (the workload)."""
    starts = month_starts(first, last, zone)
    months = [start.astimezone(zone).date() for start in starts]
    connection = await session.connection()
    rows = (await connection.execute(_grouped(where, now, starts, dimensions))).all()
    primary = functools.cache(lambda text: harms.primary(tuple(_categories(text))))
    return [_facts(row, months, primary) for row in rows]


def _categories(text: str | None) -> list[str]:
    return list(json.loads(text) or []) if text else []


def _facts(row: Any, months: Sequence[date], primary: Callable[[str | None], str]) -> CaseFacts:
    (month, kabkota, categories, years, lower, upper, sex, relation, urgency, contact,
     closure, worker, reports, children, decided, breached) = row  # fmt: skip
    return CaseFacts(
        received=months[int(month)],
        kabkota=kabkota,
        harm=primary(categories),
        age_band=age_band(years, lower, upper),
        sex=sex or UNKNOWN,
        relation=relation or UNKNOWN,
        urgency=urgency or UNKNOWN,
        children=int(children),
        contact=contact,
        closure=closure,
        deadlines_decided=int(decided),
        deadlines_met=int(decided) - int(breached),
        worker_id=worker,
        reports=int(reports),
    )
