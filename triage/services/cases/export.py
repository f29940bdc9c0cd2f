"""The filtered queue as rows for a CSV file, streamed, limited to what the viewer may see.

Only admins get the story and the contact details (address; the phone only when the
reporter agreed to be contacted). Every export is audited with its filters and row count,
never its content: the audit row is written before the first row is read, so an export cut
short (or a process that dies) still leaves its trace, and the count is filled in at the end.
"""

from __future__ import annotations

from collections.abc import AsyncGenerator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Select, and_, select
from sqlmodel import col

from triage.domain.rules.model import Rules
from triage.services.cases.queue_query import QueueFilters, QueueOrder
from triage.services.cases.queue_sql import conditions, overdue, sort_keys
from triage.services.common.deps import TriageDeps
from triage.services.common.events import audit
from triage.services.staff.accounts import StaffIdentity
from triage.storage import keyset
from triage.storage.tables import AuditLog, Report, Worker

BATCH_ROWS = 500  # rows fetched from the database at a time


@dataclass(frozen=True, slots=True)
class PersonalFields:
    """For admins only."""

    description: str
    address: str | None
    contact_phone: str | None  # None unless the reporter agreed to be contacted


@dataclass(frozen=True, slots=True)
class ExportRow:
    reference: str
    received_at: datetime
    kabkota_code: str | None
    urgency: str
    status: str
    overdue: bool
    categories: tuple[str, ...]
    worker_name: str | None
    accepted_at: datetime | None
    first_contact_at: datetime | None
    closed_at: datetime | None
    personal: PersonalFields | None


def may_see_personal(viewer: StaffIdentity) -> bool:
    return viewer.role == "admin"


def _query(
    viewer: StaffIdentity, filters: QueueFilters, order: QueueOrder, now: datetime, rules: Rules
) -> Select[*tuple[Any, ...]]:
    personal = (
        [
            col(Report.description),
            col(Report.address),
            # Encrypted: opened here, and given out only with the reporter's consent (_row).
            col(Report.contact_phone),
            col(Report.contact_consent),
        ]
        if may_see_personal(viewer)
        else []
    )
    return (
        select(
            col(Report.reference),
            col(Report.received_at),
            col(Report.kabkota_code),
            col(Report.urgency),
            col(Report.status),
            overdue(now, rules).label("overdue"),
            col(Report.categories),
            col(Worker.name),
            col(Report.accepted_at),
            col(Report.first_contact_at),
            col(Report.closed_at),
            *personal,
        )
        .outerjoin(Worker, col(Report.assigned_worker_id) == col(Worker.id))
        .where(and_(*conditions(viewer, filters, now, rules)))
        .order_by(*keyset.order_by(sort_keys(order), backwards=order.descending))
    )


def _row(row: Any, personal: bool) -> ExportRow:
    return ExportRow(
        reference=row.reference,
        received_at=row.received_at,
        kabkota_code=row.kabkota_code,
        urgency=row.urgency,
        status=row.status,
        overdue=bool(row.overdue),
        categories=tuple(row.categories or ()),
        worker_name=row.name,
        accepted_at=row.accepted_at,
        first_contact_at=row.first_contact_at,
        closed_at=row.closed_at,
        personal=PersonalFields(
            row.description, row.address, row.contact_phone if row.contact_consent else None
        )
        if personal
        else None,
    )


async def _start_audit(
    deps: TriageDeps, viewer: StaffIdentity, detail: dict[str, Any], now: datetime
) -> int:
    async with deps.uow() as uow:
        row = audit(uow.session, viewer.username, "export_reports", now, **detail)
        await uow.session.flush()
        assert row.id is not None
        await uow.commit()
    return row.id


async def _finish_audit(deps: TriageDeps, audit_id: int, rows: int, complete: bool) -> None:
    async with deps.uow() as uow:
        row = await uow.session.get(AuditLog, audit_id)
        if row is not None:
            row.detail = {**row.detail, "rows": rows, "complete": complete}
            await uow.commit()


async def export_reports(
    deps: TriageDeps,
    viewer: StaffIdentity,
    filters: QueueFilters,
    order: QueueOrder,
    now: datetime,
) -> AsyncGenerator[ExportRow, None]:
    """Every report the viewer may see that matches, in the queue's order, one at a time.

    Close the iterator when done (`contextlib.aclosing`): its audit row is completed then.
    """
    personal = may_see_personal(viewer)
    detail: dict[str, object] = {
        "staff_id": viewer.id,
        "filters": filters.audit_detail(),
        "sort": order.sort.value,
        "descending": order.descending,
        "personal": personal,
    }
    audit_id = await _start_audit(deps, viewer, detail, now)
    count, complete = 0, False
    try:
        async with deps.uow() as uow:
            connection = await uow.session.connection()
            query = _query(viewer, filters, order, now, deps.rules).execution_options(
                yield_per=BATCH_ROWS
            )
            result = await connection.stream(query)
            async for rows in result.partitions(BATCH_ROWS):  # one hop to the driver a batch
                for row in rows:
                    count += 1
                    yield _row(row, personal)
        complete = True
    finally:
        await _finish_audit(deps, audit_id, count, complete)
