"""Reads the routing roster and open caseloads from the database for one kabupaten/kota."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from datetime import time

from sqlalchemy import func
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from triage.domain.case import OPEN_STATUSES
from triage.domain.model import Urgency
from triage.domain.roster import Role, RosterEntry, codes_cover
from triage.domain.timezones import DutyHours
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
    everyone = (await session.exec(select(Worker).where(col(Worker.active).is_(True)))).all()
    workers = [w for w in everyone if codes_cover(w.region_codes, kabkota_code)]
    loads = await open_caseloads(session, [w.id for w in workers if w.id is not None])
    return [roster_entry(w, loads.get(w.id or 0, {})) for w in workers]


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
