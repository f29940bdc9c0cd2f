"""Read-only case queries for staff views, scoped by role and region. Imports storage.

The queue is read a page at a time by seeking past the last row shown (keyset pagination on
the indexes of migration 0004), so page 400 costs what page 1 costs.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, func, literal, select
from sqlalchemy.ext.asyncio import AsyncConnection
from sqlmodel import col

from triage.services.cases.queue_cursor import Cursor, decode_cursor, encode_cursor
from triage.services.cases.queue_query import PageRequest, QueueFilters, QueueOrder
from triage.services.cases.queue_sql import conditions, overdue, region_scope, sort_keys
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


def _list_query(
    where: list[ColumnElement[bool]], keys: tuple[keyset.SortKey, ...], now: datetime
) -> Select[*tuple[Any, ...]]:
    """The list's columns only: never the description, address, phone or reporter."""
    sort_values = [key.expression.label(f"sort_{n}") for n, key in enumerate(keys)]
    return (
        select(
            col(Report.reference),
            col(Report.received_at),
            col(Report.kabkota_code),
            col(Report.urgency),
            col(Report.status),
            col(Report.accepted_at),
            col(Worker.name),
            overdue(now).label("overdue"),
            *sort_values,
        )
        .outerjoin(Worker, col(Report.assigned_worker_id) == col(Worker.id))
        .where(and_(*where))
    )


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
class _Seek:
    """One read of the list: from a cursor (or the start), in the order's direction or back."""

    keys: tuple[keyset.SortKey, ...]
    descending: bool
    cursor: Cursor | None
    backwards: bool

    def query(self, base: Select[*tuple[Any, ...]], limit: int) -> Select[*tuple[Any, ...]]:
        reverse = self.descending != self.backwards
        query = base.order_by(*keyset.order_by(self.keys, backwards=reverse))
        if self.cursor is not None:
            query = query.where(keyset.after(self.keys, self.cursor.values, backwards=reverse))
        return query.limit(limit + 1)  # one more tells whether there is a further page


async def _read(
    connection: AsyncConnection, base: Select[*tuple[Any, ...]], seek: _Seek, limit: int
) -> tuple[list[Any], bool]:
    """Up to `limit` rows in display order, and whether more lie beyond in the read's way."""
    rows = list((await connection.execute(seek.query(base, limit))).all())
    more = len(rows) > limit
    rows = rows[:limit]
    return (rows[::-1] if seek.backwards else rows), more


def _cursor_of(row: Any, keys: tuple[keyset.SortKey, ...], position: int) -> Cursor:
    return Cursor(tuple(getattr(row, f"sort_{n}") for n in range(len(keys))), position)


def _page(
    rows: list[Any], total: int, first: int, order: QueueOrder, ends: tuple[bool, bool]
) -> tuple[tuple[ReportListItem, ...], str | None, str | None]:
    """Items and the tokens of the neighbouring pages (`ends`: is there a previous, a next)."""
    keys = sort_keys(order)
    has_previous, has_next = ends
    previous = next_ = None
    if rows and has_previous:
        previous = encode_cursor(order, _cursor_of(rows[0], keys, first))
    if rows and has_next:
        next_ = encode_cursor(order, _cursor_of(rows[-1], keys, first + len(rows) - 1))
    return tuple(_item(row) for row in rows), previous, next_


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
    keys = sort_keys(order)
    cursor = decode_cursor(page.cursor, order, keys) if page.cursor else None
    refused = page.cursor is not None and cursor is None
    where = conditions(viewer, filters, now)
    base = _list_query(where, keys, now)
    count = select(func.count()).select_from(Report).where(and_(*where))
    async with deps.uow() as uow:
        connection = await uow.session.connection()
        rows, ends, first = await _rows_and_ends(connection, base, keys, order, cursor, page, limit)
        total = (await connection.execute(count)).scalar_one()
        audit(
            uow.session, viewer.username, "list_reports", now,
            staff_id=viewer.id, filters=filters.audit_detail(), sort=order.sort.value, first=first,
        )  # fmt: skip
        await uow.commit()
    items, previous, next_ = _page(rows, total, first, order, ends)
    return ReportPage(items, total, first, previous, next_, refused)


async def _rows_and_ends(
    connection: AsyncConnection,
    base: Select[*tuple[Any, ...]],
    keys: tuple[keyset.SortKey, ...],
    order: QueueOrder,
    cursor: Cursor | None,
    page: PageRequest,
    limit: int,
) -> tuple[list[Any], tuple[bool, bool], int]:
    """The page's rows, whether a previous and a next page exist, and the first position.

    Going back from a cursor can come up short when rows were added meanwhile: then the
    first page is shown, so a page is never half empty in the middle of the list.
    """
    if cursor is None:
        rows, more = await _read(
            connection, base, _Seek(keys, order.descending, None, False), limit
        )
        return rows, (False, more), 1
    if not page.backwards:
        seek = _Seek(keys, order.descending, cursor, False)
        rows, more = await _read(connection, base, seek, limit)
        return rows, (True, more), cursor.position + 1
    rows, more = await _read(connection, base, _Seek(keys, order.descending, cursor, True), limit)
    if more:
        return rows, (True, True), max(2, cursor.position - len(rows))
    if len(rows) == limit:
        return rows, (False, True), 1
    rows, further = await _read(connection, base, _Seek(keys, order.descending, None, False), limit)
    return rows, (False, further), 1


async def database_reachable(deps: TriageDeps) -> bool:
    """True when a trivial query succeeds (for health checks)."""
    try:
        async with deps.uow() as uow:
            connection = await uow.session.connection()
            await connection.execute(select(literal(1)))
    except Exception:  # any failure means "not reachable"
        return False
    return True
