"""/wilayah: a supervisor's regions at a glance: open cases by urgency, the overdue ones."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from sqlmodel import col, select

from triage.domain.case import FINISHED_STATUSES
from triage.services.cases.accept import find_worker
from triage.services.cases.worker_views import CaseLine, case_lines
from triage.services.common.deps import TriageDeps
from triage.services.common.events import audit
from triage.storage.filters import region_filter
from triage.storage.tables import Report
from triage.storage.tables.cases import without_sealed_details

OVERDUE_SHOWN = 15


@dataclass(frozen=True, slots=True)
class RegionOverview:
    regions: tuple[str, ...]  # names
    open_by_urgency: dict[str, int]
    unassigned: int  # open cases nobody holds (the national queue)
    overdue: tuple[CaseLine, ...]  # most urgent first, at most OVERDUE_SHOWN
    overdue_total: int


async def region_overview(deps: TriageDeps, telegram_user_id: int) -> RegionOverview | None:
    """The overview for a supervisor; None for anyone else (workers included)."""
    now = deps.clock()
    async with deps.uow() as uow:
        worker = await find_worker(uow, telegram_user_id)
        if worker is None or worker.role != "supervisor":
            return None
        query = (
            select(Report)
            .where(
                region_filter(col(Report.kabkota_code), worker.region_codes),
                col(Report.status).not_in(FINISHED_STATUSES),
            )
            .options(*without_sealed_details())
        )
        reports = list((await uow.session.exec(query)).all())
        lines = await case_lines(uow, deps, worker, reports)
        audit(uow.session, f"worker:{worker.id}", "region_viewed", now, open=len(reports))
        await uow.commit()
    overdue = [line for line in lines if line.due is not None and line.due[1] <= now]
    names = tuple(deps.regions.name(code) or code for code in worker.region_codes)
    return RegionOverview(
        regions=names,
        open_by_urgency=dict(Counter(r.urgency for r in reports)),
        unassigned=sum(1 for r in reports if r.assigned_worker_id is None),
        overdue=tuple(overdue[:OVERDUE_SHOWN]),
        overdue_total=len(overdue),
    )
