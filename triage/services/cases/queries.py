"""Read-only case queries for staff views, scoped by role and region. Imports storage.

The queue is read a page at a time by seeking past the last row shown (keyset pagination on
the indexes of migration 0008), so page 400 costs what page 1 costs.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, func, literal, select
from sqlalchemy.ext.asyncio import AsyncConnection
from sqlmodel import col

from triage.domain.rules.model import Rules
from triage.services.cases.queue_cursor import Cursor, decode_cursor, encode_cursor
from triage.services.cases.queue_query import PageRequest, QueueFilters, QueueOrder
from triage.services.cases.queue_sql import (
    QueuePart,
    conditions,
    overdue,
    queue_parts,
    region_scope,
    sort_keys,
)
from triage.services.common.deps import TriageDeps
from triage.services.common.events import audit
from triage.services.staff.accounts import StaffIdentity
from triage.storage import keyset
from triage.storage.tables import Report, Worker

__all__ = ["ReportListItem", "ReportPage", "database_reachable", "list_reports", "region_scope"]

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
    overdue: bool


@dataclass(frozen=True, slots=True)
class ReportPage:
    """A page of the list, the number of reports matching the filters, and its neighbours.

    `first` is the position of the first item (from 1); `previous` and `next` are cursor
    tokens, None at either end; `cursor_refused` when the asked-for cursor was not valid
    for this order (the first page is shown instead).
    """

    items: tuple[ReportListItem, ...]
    total: int
    first: int
    previous: str | None
    next: str | None
    cursor_refused: bool = False


Query = Select[*tuple[Any, ...]]


def _list_query(
    part: QueuePart, where: list[ColumnElement[bool]], now: datetime, rules: Rules
) -> Query:
    """The list's columns only (never the description, address, phone or reporter) and the
    part's sort values, which the page's cursors are made of."""
    sort_values = [key.expression.label(f"sort_{n}") for n, key in enumerate(part.keys)]
    query = select(
        col(Report.reference),
        col(Report.received_at),
        col(Report.kabkota_code),
        col(Report.urgency),
        col(Report.status),
        col(Report.accepted_at),
        col(Worker.name),
        overdue(now, rules).label("overdue"),
        *sort_values,
    )
    assigned_to = col(Report.assigned_worker_id) == col(Worker.id)
    if part.from_workers:
        query = query.select_from(Worker).join(Report, assigned_to)
    else:
        query = query.select_from(Report).outerjoin(Worker, assigned_to)
    return query.where(and_(*where, *part.where))


def _item(row: Any) -> ReportListItem:
    return ReportListItem(
        reference=row.reference,
        received_at=row.received_at,
        kabkota_code=row.kabkota_code,
        urgency=row.urgency,
        status=row.status,
        assigned_worker_name=row.name,
        accepted_at=row.accepted_at,
        overdue=bool(row.overdue),
    )


@dataclass(frozen=True, slots=True)
class _List:
    """The filtered list in one order: its parts, each with its query."""

    order: QueueOrder
    parts: tuple[tuple[QueuePart, Query], ...]

    def stretches(self, cursor: Cursor | None, backwards: bool) -> list[list[Query]]:
        """Per part, in reading order, the queries that read it from the cursor: one from
        the start without a cursor, else one per seek branch (each an index range)."""
        reverse = self.order.descending != backwards
        found = []
        for part, base in reversed(self.parts) if reverse else self.parts:
            if cursor is None:
                found.append([base.order_by(*keyset.order_by(part.keys, backwards=reverse))])
                continue
            branches = keyset.seek_branches(part.keys, cursor.values, backwards=reverse)
            found.append(
                [
                    base.where(b.where).order_by(*keyset.order_by(b.keys, backwards=reverse))
                    for b in branches
                ]
            )
        return found

    async def read(
        self, connection: AsyncConnection, cursor: Cursor | None, backwards: bool, limit: int
    ) -> tuple[list[Any], bool]:
        """Up to `limit` rows next to the cursor (from the start without one) in display
        order, and whether more lie beyond them in the direction read.

        Stretches are read in turn until the page is full; once a part has given rows, the
        parts after it lie wholly past the cursor and are read from their start.
        """
        rows: list[Any] = []
        from_start = self.stretches(None, backwards)
        seeking = from_start if cursor is None else self.stretches(cursor, backwards)
        for n, queries in enumerate(seeking):
            for query in from_start[n] if rows else queries:
                rows += (await connection.execute(query.limit(limit + 1 - len(rows)))).all()
                if len(rows) > limit:
                    break
            if len(rows) > limit:
                break
        more = len(rows) > limit
        rows = rows[:limit]
        return (rows[::-1] if backwards else rows), more


def _cursor_of(row: Any, size: int, position: int) -> Cursor:
    return Cursor(tuple(getattr(row, f"sort_{n}") for n in range(size)), position)


def _page(
    rows: list[Any], total: int, first: int, order: QueueOrder, ends: tuple[bool, bool]
) -> tuple[tuple[ReportListItem, ...], str | None, str | None]:
    """Items and the tokens of the neighbouring pages (`ends`: is there a previous, a next)."""
    size = len(sort_keys(order))
    has_previous, has_next = ends
    previous = next_ = None
    if rows and has_previous:
        previous = encode_cursor(order, _cursor_of(rows[0], size, first))
    if rows and has_next:
        next_ = encode_cursor(order, _cursor_of(rows[-1], size, first + len(rows) - 1))
    return tuple(_item(row) for row in rows), previous, next_


async def _rows_and_ends(
    connection: AsyncConnection,
    listing: _List,
    cursor: Cursor | None,
    page: PageRequest,
    limit: int,
) -> tuple[list[Any], tuple[bool, bool], int]:
    """The page's rows, whether a previous and a next page exist, and the first position.

    Going back from a cursor can come up short when rows were added meanwhile: then the
    first page is shown, so a page is never half empty in the middle of the list.
    """
    if cursor is None:
        rows, more = await listing.read(connection, None, False, limit)
        return rows, (False, more), 1
    if not page.backwards:
        rows, more = await listing.read(connection, cursor, False, limit)
        return rows, (True, more), cursor.position + 1
    rows, more = await listing.read(connection, cursor, True, limit)
    if more:
        return rows, (True, True), max(2, cursor.position - len(rows))
    if len(rows) == limit:
        return rows, (False, True), 1
    rows, further = await listing.read(connection, None, False, limit)
    return rows, (False, further), 1


async def list_reports(
    deps: TriageDeps,
    viewer: StaffIdentity,
    filters: QueueFilters,
    order: QueueOrder,
    page: PageRequest,
    *,
    limit: int = 25,
    now: datetime,
) -> ReportPage:
    """One page of the reports the viewer may see, and how many match; the view is audited."""
    limit = max(1, min(limit, MAX_PAGE_SIZE))
    cursor = decode_cursor(page.cursor, order, sort_keys(order)) if page.cursor else None
    where = conditions(viewer, filters, now, deps.rules)
    parts = tuple((part, _list_query(part, where, now, deps.rules)) for part in queue_parts(order))
    count = select(func.count()).select_from(Report).where(and_(*where))
    async with deps.uow() as uow:
        connection = await uow.session.connection()
        rows, ends, first = await _rows_and_ends(
            connection, _List(order, parts), cursor, page, limit
        )
        total = (await connection.execute(count)).scalar_one()
        audit(
            uow.session, viewer.username, "list_reports", now,
            staff_id=viewer.id, filters=filters.audit_detail(), sort=order.sort.value, first=first,
        )  # fmt: skip
        await uow.commit()
    items, previous, next_ = _page(rows, total, first, order, ends)
    refused = page.cursor is not None and cursor is None
    return ReportPage(items, total, first, previous, next_, refused)


async def database_reachable(deps: TriageDeps) -> bool:
    """True when a trivial query succeeds (for health checks)."""
    try:
        async with deps.uow() as uow:
            connection = await uow.session.connection()
            await connection.execute(select(literal(1)))
    except Exception:  # any failure means "not reachable"
        return False
    return True
