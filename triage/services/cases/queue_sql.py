"""The queue's filters, "overdue now" and sort orders as SQL, shared by the list and the export.

Every order is a list of keys backed by one index (migration 0004) and ends in the report
id, so keyset pages neither skip nor repeat rows with equal keys.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, and_, exists, false, func, literal_column, or_, true
from sqlmodel import SQLModel, col

from triage.domain.case import FINISHED_STATUSES, OPEN_STATUSES, CaseStatus
from triage.domain.references import normalise_reference
from triage.domain.sla import DeadlineKind
from triage.services.cases.queue_query import OPEN, QueueFilters, QueueOrder, QueueSort
from triage.services.staff.accounts import StaffIdentity
from triage.storage.filters import json_list_contains, region_filter
from triage.storage.keyset import SortKey
from triage.storage.tables import Deadline, Report
from triage.storage.tables.cases import REGION_KEY

# A fired deadline stays "fired" after the case catches up; only a cancelled one is over.
LIVE_DEADLINE = ("pending", "fired")


def region_scope(viewer: StaffIdentity) -> ColumnElement[bool]:
    """What a viewer may see: everything for an admin; for a supervisor, their regions."""
    if viewer.role == "admin":
        return true()
    if viewer.role != "supervisor" or not viewer.region_codes:
        return false()
    return region_filter(col(Report.kabkota_code), viewer.region_codes)


def overdue(now: datetime) -> ColumnElement[bool]:
    """An open case with a breach deadline past due whose target it has still not met.

    Accepting is overdue while the holder has not accepted (status "assigned", as the sweep
    judges it); first contact while nobody has contacted; closing while the case is open.
    """
    unmet = or_(
        and_(
            col(Deadline.kind) == DeadlineKind.ACCEPT_BREACH,
            col(Report.status) == CaseStatus.ASSIGNED,
            col(Report.first_contact_at).is_(None),
        ),
        and_(
            col(Deadline.kind) == DeadlineKind.CONTACT_BREACH,
            col(Report.first_contact_at).is_(None),
        ),
        col(Deadline.kind) == DeadlineKind.CLOSURE_BREACH,
    )
    late = exists().where(
        col(Deadline.report_id) == col(Report.id),
        col(Deadline.status).in_(LIVE_DEADLINE),
        col(Deadline.due_at) <= now,
        unmet,
    )
    return and_(col(Report.status).not_in(FINISHED_STATUSES), late)


def _reference(text: str) -> ColumnElement[bool]:
    """A whole reference by the index; a part of one anywhere in it (no wildcards)."""
    whole = normalise_reference(text)
    if whole is not None:
        return col(Report.reference) == whole
    return col(Report.reference).contains(text, autoescape=True)


def _status(status: str) -> ColumnElement[bool]:
    if status == OPEN:
        return col(Report.status).in_(OPEN_STATUSES)
    return col(Report.status) == status


def _filters(filters: QueueFilters, now: datetime) -> Iterator[ColumnElement[bool]]:
    if filters.status is not None:
        yield _status(filters.status)
    if filters.urgency is not None:
        yield col(Report.urgency) == filters.urgency
    if filters.province is not None:
        yield region_filter(col(Report.kabkota_code), [filters.province])
    if filters.kabkota is not None:
        yield col(Report.kabkota_code) == filters.kabkota
    if filters.category is not None:
        yield json_list_contains(col(Report.categories), filters.category)
    if filters.worker_id is not None:
        yield col(Report.assigned_worker_id) == filters.worker_id
    if filters.unassigned:
        yield col(Report.assigned_worker_id).is_(None)
    if filters.overdue:
        yield overdue(now)
    if filters.received_from is not None:
        yield col(Report.received_at) >= filters.received_from
    if filters.received_before is not None:
        yield col(Report.received_at) < filters.received_before
    if filters.reference is not None:
        yield _reference(filters.reference)


def conditions(
    viewer: StaffIdentity, filters: QueueFilters, now: datetime
) -> list[ColumnElement[bool]]:
    """The viewer's regions AND every filter that is set."""
    return [region_scope(viewer), *_filters(filters, now)]


_report = SQLModel.metadata.tables["report"].c
_NEWEST = (SortKey(_report.received_at, True), SortKey(_report.id, True))
WORKER_KEY = func.coalesce(SQLModel.metadata.tables["worker"].c.name, literal_column("''"))
_LEADING: dict[QueueSort, ColumnElement[Any]] = {
    QueueSort.PRIORITY: _report.queue_rank,
    QueueSort.URGENCY: _report.urgency_rank,
    QueueSort.STATUS: _report.status_rank,
    QueueSort.REGION: REGION_KEY,
    QueueSort.WORKER: WORKER_KEY,
}


def sort_keys(order: QueueOrder) -> tuple[SortKey, ...]:
    """The keys of an order in its ascending sense (a descending order reads them backwards).

    Ranks, region and worker break ties newest first; received is oldest first ascending.
    """
    if order.sort is QueueSort.REFERENCE:
        return (SortKey(_report.reference),)
    if order.sort is QueueSort.RECEIVED:
        return (SortKey(_report.received_at), SortKey(_report.id))
    return (SortKey(_LEADING[order.sort]), *_NEWEST)
