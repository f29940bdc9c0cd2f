"""Read-only case queries for staff views, scoped by role and region. Imports storage."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, case, false, func, literal, select, true
from sqlmodel import col

from triage.domain.case import FINISHED_STATUSES
from triage.domain.model import Urgency
from triage.services.common.deps import TriageDeps
from triage.services.common.events import audit
from triage.services.staff.accounts import StaffIdentity
from triage.storage.filters import region_filter
from triage.storage.tables import Report, Worker

URGENCIES = tuple(Urgency)  # most urgent first
MAX_PAGE_SIZE = 200


@dataclass(frozen=True, slots=True)
class ReportListItem:
    """One row of the report list: no description, address, phone or reporter."""

    reference: str
    received_at: datetime
    kabkota_code: str | None
    urgency: str
    status: str
    assigned_worker_name: str | None
    accepted_at: datetime | None


@dataclass(frozen=True, slots=True)
class ReportPage:
    """A page of the list and the number of reports matching the filters."""

    items: tuple[ReportListItem, ...]
    total: int
    limit: int
    offset: int


def region_scope(viewer: StaffIdentity) -> ColumnElement[bool]:
    """What a viewer may see: everything for an admin; for a supervisor, their regions."""
    if viewer.role == "admin":
        return true()
    if viewer.role != "supervisor" or not viewer.region_codes:
        return false()
    return region_filter(col(Report.kabkota_code), viewer.region_codes)


def _conditions(
    viewer: StaffIdentity, status: str | None, urgency: str | None
) -> ColumnElement[bool]:
    conditions = [region_scope(viewer)]
    if status is not None:
        conditions.append(col(Report.status) == status)
    if urgency is not None:
        conditions.append(col(Report.urgency) == urgency)
    return and_(*conditions)


def _ordering() -> tuple[ColumnElement[Any], ...]:
    """Open before finished, then most urgent, then newest."""
    finished = case((col(Report.status).in_(FINISHED_STATUSES), 1), else_=0)
    ranks = {code: rank for rank, code in enumerate(URGENCIES)}
    rank = case(ranks, value=col(Report.urgency), else_=len(URGENCIES))
    return finished, rank, col(Report.received_at).desc(), col(Report.id).desc()


def _item(row: Any) -> ReportListItem:
    return ReportListItem(
        reference=row.reference,
        received_at=_aware(row.received_at),
        kabkota_code=row.kabkota_code,
        urgency=row.urgency,
        status=row.status,
        assigned_worker_name=row.name,
        accepted_at=_aware(row.accepted_at) if row.accepted_at else None,
    )


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _list_query(where: ColumnElement[bool]) -> Select[*tuple[Any, ...]]:
    """The list's columns only: never the description, address, phone or reporter."""
    return (
        select(
            col(Report.reference),
            col(Report.received_at),
            col(Report.kabkota_code),
            col(Report.urgency),
            col(Report.status),
            col(Report.accepted_at),
            col(Worker.name),
        )
        .outerjoin(Worker, col(Report.assigned_worker_id) == col(Worker.id))
        .where(where)
    )


async def list_reports(
    deps: TriageDeps,
    viewer: StaffIdentity,
    *,
    status: str | None = None,
    urgency: str | None = None,
    limit: int = 50,
    offset: int = 0,
    now: datetime | None = None,
) -> ReportPage:
    """One page of reports the viewer may see, most urgent open first; the viewing is audited."""
    limit, offset = max(1, min(limit, MAX_PAGE_SIZE)), max(0, offset)
    where = _conditions(viewer, status, urgency)
    query = _list_query(where).order_by(*_ordering()).limit(limit).offset(offset)
    count = select(func.count()).select_from(Report).where(where)
    async with deps.uow() as uow:
        connection = await uow.session.connection()
        rows = (await connection.execute(query)).all()
        total = (await connection.execute(count)).scalar_one()
        detail: dict[str, Any] = {
            "staff_id": viewer.id,
            "status": status,
            "urgency": urgency,
            "offset": offset,
        }
        at = now or datetime.now(UTC)
        audit(uow.session, viewer.username, "list_reports", at, **detail)
        await uow.commit()
    return ReportPage(tuple(_item(row) for row in rows), total, limit, offset)


async def database_reachable(deps: TriageDeps) -> bool:
    """True when a trivial query succeeds (for health checks)."""
    try:
        async with deps.uow() as uow:
            connection = await uow.session.connection()
            await connection.execute(select(literal(1)))
    except Exception:  # any failure means "not reachable"
        return False
    return True
