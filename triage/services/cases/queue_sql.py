"""The queue's filters, "overdue now" and sort orders as SQL, shared by the list and the export.

Every order is a list of keys backed by an index (migration 0008) and ends in the report id,
so keyset pages neither skip nor repeat rows with equal keys. The worker order is read in
two parts, each in index order: the unassigned cases, then the workers by name with each
one's cases (a join driven from the worker table; a sort over a LEFT JOIN cannot use an
index). The export reads every order in one query; `sort_keys` is that single-query form.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Integer,
    String,
    and_,
    case,
    false,
    func,
    literal,
    or_,
    true,
)
from sqlmodel import SQLModel, col

from triage.domain.case import FINISHED_STATUSES, PROGRESS, CaseStatus
from triage.domain.model import Urgency
from triage.domain.references import normalise_reference
from triage.domain.rules.model import Rules, SlaTargets
from triage.services.cases.queue_query import OPEN, QueueFilters, QueueOrder, QueueSort
from triage.services.staff.accounts import StaffIdentity
from triage.storage.filters import json_list_contains, region_filter
from triage.storage.keyset import SortKey
from triage.storage.tables import Report
from triage.storage.tables.cases import REGION_KEY

_report = SQLModel.metadata.tables["report"].c
_worker = SQLModel.metadata.tables["worker"].c
# The orders of the computed columns (triage/storage/tables/cases.py): `urgency_rank` is the
# position in URGENCY_ORDER, `status_rank` in STATUS_ORDER, and `queue_rank` the urgency's
# position for an open case, plus CLOSED_RANK_OFFSET for a closed one.
URGENCY_ORDER = tuple(Urgency)
STATUS_ORDER = (*PROGRESS, *FINISHED_STATUSES)
CLOSED_RANK_OFFSET = 10


def region_scope(viewer: StaffIdentity) -> ColumnElement[bool]:
    """What a viewer may see: everything for an admin; for a supervisor, their regions."""
    if viewer.role == "admin":
        return true()
    if viewer.role != "supervisor" or not viewer.region_codes:
        return false()
    return region_filter(col(Report.kabkota_code), viewer.region_codes)


def overdue(now: datetime, rules: Rules) -> ColumnElement[bool]:
    """Open, and past an SLA target it has not met: accepting, first contact or closing,
    each counted from receipt under the case's urgency, as the case page's response times
    count them.

    Written as a range on `queue_rank` (open, known urgency) and times looked up by it, so
    the database reads the default order's index alone (it holds those times), even to
    count every overdue case.
    """
    targets = {rank: rules.sla[u] for rank, u in enumerate(URGENCY_ORDER) if u in rules.sla}
    if not targets:
        return false()

    def received_before(target: Callable[[SlaTargets], timedelta]) -> ColumnElement[Any]:
        """The latest receipt that has run past the target, by the case's urgency."""
        moments = {
            rank: literal(now - target(t), _report.received_at.type) for rank, t in targets.items()
        }
        return case(moments, value=_report.queue_rank)

    late = or_(
        and_(
            _report.accepted_at.is_(None), _report.received_at < received_before(lambda t: t.accept)
        ),
        and_(
            _report.first_contact_at.is_(None),
            _report.received_at < received_before(lambda t: t.first_contact),
        ),
        _report.received_at < received_before(lambda t: t.closure),
    )
    return and_(_report.queue_rank.between(min(targets), max(targets)), late)


def _reference(text: str) -> ColumnElement[bool]:
    """A whole reference by the index; a part of one anywhere in it (no wildcards)."""
    whole = normalise_reference(text)
    if whole is not None:
        return col(Report.reference) == whole
    return col(Report.reference).contains(text, autoescape=True)


def _status_and_urgency(status: str | None, urgency: str | None) -> Iterator[ColumnElement[bool]]:
    """On the stored ranks, whose indexes hold them: counting reads no table rows."""
    if status == OPEN and urgency is not None:
        yield _report.queue_rank == URGENCY_ORDER.index(Urgency(urgency))
        return
    if status == OPEN:
        yield _report.queue_rank < CLOSED_RANK_OFFSET
    elif status is not None:
        yield _report.status_rank == STATUS_ORDER.index(CaseStatus(status))
    if urgency is not None:
        yield _report.urgency_rank == URGENCY_ORDER.index(Urgency(urgency))


def _filters(filters: QueueFilters, now: datetime, rules: Rules) -> Iterator[ColumnElement[bool]]:
    yield from _status_and_urgency(filters.status, filters.urgency)
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
        yield overdue(now, rules)
    if filters.received_from is not None:
        yield col(Report.received_at) >= filters.received_from
    if filters.received_before is not None:
        yield col(Report.received_at) < filters.received_before
    if filters.reference is not None:
        yield _reference(filters.reference)


def conditions(
    viewer: StaffIdentity, filters: QueueFilters, now: datetime, rules: Rules
) -> list[ColumnElement[bool]]:
    """The viewer's regions AND every filter that is set."""
    return [region_scope(viewer), *_filters(filters, now, rules)]


_NEWEST = (SortKey(_report.received_at, True), SortKey(_report.id, True))
_LEADING: dict[QueueSort, ColumnElement[Any]] = {
    QueueSort.PRIORITY: _report.queue_rank,
    QueueSort.URGENCY: _report.urgency_rank,
    QueueSort.STATUS: _report.status_rank,
    QueueSort.REGION: REGION_KEY,
}
NO_WORKER_NAME = literal("", String)  # the unassigned come first: before every name
NO_WORKER_ID = literal(0, Integer)


def sort_keys(order: QueueOrder) -> tuple[SortKey, ...]:
    """The keys of an order in its natural sense (a descending order reads them backwards):
    ranks from the top (most urgent, earliest status), names and codes from A, received
    times newest first. Every order breaks ties newest first, then by id."""
    if order.sort is QueueSort.REFERENCE:
        return (SortKey(_report.reference),)
    if order.sort is QueueSort.RECEIVED:
        return _NEWEST
    if order.sort is QueueSort.WORKER:
        name = func.coalesce(_worker.name, NO_WORKER_NAME)
        return (SortKey(name), SortKey(func.coalesce(_worker.id, NO_WORKER_ID)), *_NEWEST)
    return (SortKey(_LEADING[order.sort]), *_NEWEST)


@dataclass(frozen=True, slots=True)
class QueuePart:
    """A stretch of an order that one indexed query reads: every row of a part comes before
    every row of the next. `from_workers`: the query is driven from the worker table (an
    inner join in name order); otherwise from the report table with its worker joined."""

    keys: tuple[SortKey, ...]
    where: tuple[ColumnElement[bool], ...] = ()
    from_workers: bool = False


def queue_parts(order: QueueOrder) -> tuple[QueuePart, ...]:
    """The parts an order is read in, ascending; their keys line up with `sort_keys`."""
    if order.sort is not QueueSort.WORKER:
        return (QueuePart(sort_keys(order)),)
    unassigned = QueuePart(
        (SortKey(NO_WORKER_NAME, fixed=True), SortKey(NO_WORKER_ID, fixed=True), *_NEWEST),
        (_report.assigned_worker_id.is_(None),),
    )
    assigned = QueuePart((SortKey(_worker.name), SortKey(_worker.id), *_NEWEST), from_workers=True)
    return (unassigned, assigned)
