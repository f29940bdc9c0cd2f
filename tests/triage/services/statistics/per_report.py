"""The statistics' former reading, kept as the grouped SQL's reference: one row per report,
as codes and times, each made into its own `CaseFacts` in Python.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta, tzinfo
from typing import Any

from sqlalchemy import ColumnElement, select
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

from triage.domain.statistics.dimensions import UNKNOWN, CaseFacts, age_band
from triage.domain.statistics.handling import Measure, bucket
from triage.domain.statistics.harm import HarmMapping
from triage.services.dashboard.queries import deadline_tallies
from triage.storage.intervals import seconds_between
from triage.storage.tables import Report

_COLUMNS = (
    col(Report.id),
    col(Report.received_at),
    col(Report.kabkota_code),
    col(Report.categories),
    col(Report.child_age),
    col(Report.age_band_lower),
    col(Report.age_band_upper),
    col(Report.child_sex),
    col(Report.reporter_relation),
    col(Report.urgency),
    col(Report.children_count),
    seconds_between(col(Report.received_at), col(Report.first_contact_at)),
    seconds_between(col(Report.received_at), col(Report.closed_at)),
    col(Report.assigned_worker_id),
)


async def case_facts(
    session: AsyncSession,
    where: ColumnElement[bool],
    *,
    zone: tzinfo,
    harms: HarmMapping,
    now: datetime,
) -> list[CaseFacts]:
    """Every matching report as statistics see it; days counted in `zone`."""
    connection = await session.connection()
    rows = (await connection.execute(_select(where))).all()
    tallies = (await connection.execute(deadline_tallies(where, now))).all()
    deadlines = {row[0]: _decided_and_met(row[1:]) for row in tallies}
    primary = functools.cache(lambda categories: harms.primary(categories))
    return [_facts(row, zone, primary, deadlines.get(row[0], (0, 0))) for row in rows]


def _select(where: ColumnElement[bool]) -> Any:
    return select(*_COLUMNS).where(where)


def _decided_and_met(counts: Sequence[Any]) -> tuple[int, int]:
    """From (decided, breached) per measure: deadlines decided and met, all measures."""
    decided = sum(int(n) for n in counts[0::2])
    breached = sum(int(n) for n in counts[1::2])
    return decided, decided - breached


def _span(seconds: float | None) -> timedelta | None:
    return None if seconds is None else timedelta(seconds=max(seconds, 0.0))


def _facts(
    row: Any, zone: tzinfo, primary: Callable[[tuple[str, ...]], str], deadlines: tuple[int, int]
) -> CaseFacts:
    (_id, received, kabkota, categories, years, lower, upper, sex, relation, urgency,
     children, contact, closure, worker) = row  # fmt: skip
    received = received if received.tzinfo else received.replace(tzinfo=UTC)
    return CaseFacts(
        received=received.astimezone(zone).date(),
        kabkota=kabkota,
        harm=primary(tuple(categories or ())),
        age_band=age_band(years, lower, upper),
        sex=sex or UNKNOWN,
        relation=relation or UNKNOWN,
        urgency=urgency,
        children=children or 1,
        contact=bucket(Measure.FIRST_CONTACT, _span(contact)),
        closure=bucket(Measure.CLOSURE, _span(closure)),
        deadlines_decided=deadlines[0],
        deadlines_met=deadlines[1],
        worker_id=worker,
    )
