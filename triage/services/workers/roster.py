"""Reads the routing roster and open caseloads from the database for one kabupaten/kota.

Only the workers whose region codes hold the kabupaten/kota or its province are read:
`json_list_contains_any` narrows the rows in SQL, `codes_cover` decides. Reading every active
worker for each case made routing and the SLA sweep slow with a national roster.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import time

from sqlalchemy import ColumnElement, func
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from triage.domain.case import OPEN_STATUSES
from triage.domain.model import Urgency
from triage.domain.roster import Role, RosterEntry, codes_cover
from triage.domain.timezones import DutyHours
from triage.storage.filters import json_list_contains_any
from triage.storage.tables import Assignment, Report, Worker


def duty_hours_from_json(data: dict[str, object] | None) -> DutyHours | None:
    """{"days": [0,1,2,3,4], "start": "08:00", "end": "16:00"} -> DutyHours; None = any time."""
    if not data:
        return None
    days = frozenset(int(d) for d in data.get("days", range(7)))  # type: ignore[attr-defined]
    return DutyHours(
        days, time.fromisoformat(str(data["start"])), time.fromisoformat(str(data["end"]))
    )


async def roster_for(session: AsyncSession, kabkota_code: str) -> list[RosterEntry]:
    """Every active worker covering the kabupaten/kota or its province, with open caseloads."""
    return (await rosters_for(session, [kabkota_code])).covering(kabkota_code)


@dataclass(frozen=True, slots=True)
class Rosters:
    """The rosters of several kabupaten/kota read at once: their covering workers, each once.

    The SLA sweep reads one per batch of deadlines, for the regions whose escalation it fires:
    firing changes no worker and no caseload, so each escalation sees what a read of its own
    would have shown, bar what other processes change while the batch runs.
    """

    codes: frozenset[str]  # the kabupaten/kota read: `covering` answers for these alone
    entries: tuple[RosterEntry, ...]

    def covering(self, kabkota_code: str) -> list[RosterEntry]:
        if kabkota_code not in self.codes:
            raise KeyError(f"roster of {kabkota_code!r} not read")
        return [e for e in self.entries if codes_cover(e.region_codes, kabkota_code)]


async def rosters_for(session: AsyncSession, kabkota_codes: Collection[str]) -> Rosters:
    """The active workers covering any of the kabupaten/kota, with their open caseloads."""
    codes = frozenset(kabkota_codes)
    if not codes:
        return Rosters(codes, ())
    narrow = _may_cover(codes)
    query = select(Worker).where(col(Worker.active).is_(True), *narrow).order_by(col(Worker.id))
    found = (await session.exec(query)).all()
    workers = [w for w in found if any(codes_cover(w.region_codes, c) for c in codes)]
    loads = await open_caseloads(session, [w.id for w in workers if w.id is not None])
    return Rosters(codes, tuple(roster_entry(w, loads.get(w.id or 0, {})) for w in workers))


def _may_cover(kabkota_codes: Collection[str]) -> list[ColumnElement[bool]]:
    """SQL narrowing to lists holding a code or its province; none for a code it cannot seek."""
    wanted = {c for code in kabkota_codes for c in (code, code.split(".", 1)[0])}
    return [json_list_contains_any(col(Worker.region_codes), wanted)]


def roster_entry(worker: Worker, open_cases: Mapping[Urgency, int]) -> RosterEntry:
    """The worker as routing sees them; one not bound to Telegram is never on duty."""
    return RosterEntry(
        worker_id=worker.id or 0,
        role=Role(worker.role),
        region_codes=frozenset(worker.region_codes),
        on_duty=worker.on_duty and worker.telegram_user_id is not None and worker.active,
        duty_hours=duty_hours_from_json(worker.duty_hours),
        on_leave_until=worker.on_leave_until,
        open_cases=open_cases,
        last_assigned_at=worker.last_assigned_at,
    )


async def open_caseloads(
    session: AsyncSession, worker_ids: list[int]
) -> dict[int, dict[Urgency, int]]:
    if not worker_ids:
        return {}
    query = (
        select(col(Report.assigned_worker_id), col(Report.urgency), func.count())
        .where(
            col(Report.assigned_worker_id).in_(worker_ids), col(Report.status).in_(OPEN_STATUSES)
        )
        .group_by(col(Report.assigned_worker_id), col(Report.urgency))
    )
    loads: dict[int, dict[Urgency, int]] = defaultdict(dict)
    for worker_id, urgency, count in (await session.exec(query)).all():
        if worker_id is not None:
            loads[worker_id][Urgency(urgency)] = count
    return loads


async def declined_by(session: AsyncSession, report_id: int) -> frozenset[int]:
    query = select(col(Assignment.worker_id)).where(
        col(Assignment.report_id) == report_id, col(Assignment.declined_at).is_not(None)
    )
    return frozenset(w for w in (await session.exec(query)).all() if w is not None)
