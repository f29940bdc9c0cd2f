"""The audit log for admins: who did what, when and from where; filtered, paged by id
(fast however deep), and exported in batches. Only admins may read it."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, and_, or_, true
from sqlmodel import col, select
from sqlmodel.sql.expression import Select

from triage.services.common.deps import TriageDeps
from triage.services.common.events import audit
from triage.services.staff.identity import StaffIdentity
from triage.storage.tables import AuditLog, Report

PAGE_SIZE = 50
EXPORT_BATCH = 500
STAFF_PREFIX = "staff:"  # some use cases name their actor "staff:<username>"


class AuditLogForAdmins(PermissionError):
    """Only an admin may read the audit log."""


@dataclass(frozen=True, slots=True)
class AuditFilter:
    """All optional: the user (a username), an action code, [since, until), a case reference."""

    actor: str | None = None
    action: str | None = None
    since: datetime | None = None
    until: datetime | None = None
    reference: str | None = None


@dataclass(frozen=True, slots=True)
class AuditEntry:
    id: int
    at: datetime
    actor: str
    action: str
    reference: str | None
    source_address: str | None
    detail: dict[str, Any]


@dataclass(frozen=True, slots=True)
class AuditPage:
    """Newest first; `older_than` is the id to ask for the next (older) page, if any."""

    entries: tuple[AuditEntry, ...]
    older_than: int | None


def _conditions(filters: AuditFilter) -> ColumnElement[bool]:
    conditions: list[ColumnElement[bool]] = [true()]
    if filters.actor:
        name = filters.actor.strip().lower()
        conditions.append(
            or_(col(AuditLog.actor) == name, col(AuditLog.actor) == STAFF_PREFIX + name)
        )
    if filters.action:
        conditions.append(col(AuditLog.action) == filters.action)
    if filters.since is not None:
        conditions.append(col(AuditLog.at) >= filters.since)
    if filters.until is not None:
        conditions.append(col(AuditLog.at) < filters.until)
    if filters.reference:
        conditions.append(col(Report.reference) == filters.reference.strip().upper())
    return and_(*conditions)


def _query(filters: AuditFilter, older_than: int | None, limit: int) -> Select[AuditLog, str]:
    query = (
        select(AuditLog, col(Report.reference))
        .outerjoin(Report, col(Report.id) == col(AuditLog.report_id))
        .where(_conditions(filters))
    )
    if older_than is not None:
        query = query.where(col(AuditLog.id) < older_than)
    return query.order_by(col(AuditLog.id).desc()).limit(limit)


def _entry(row: AuditLog, reference: str | None) -> AuditEntry:
    assert row.id is not None
    return AuditEntry(
        row.id, row.at, row.actor, row.action, reference, row.source_address, dict(row.detail)
    )


def _require_admin(viewer: StaffIdentity) -> None:
    if viewer.role != "admin":
        raise AuditLogForAdmins()


async def audit_page(
    deps: TriageDeps,
    viewer: StaffIdentity,
    filters: AuditFilter,
    older_than: int | None = None,
    limit: int = PAGE_SIZE,
) -> AuditPage:
    """One page of matching entries, newest first."""
    _require_admin(viewer)
    async with deps.uow() as uow:
        rows = (await uow.session.exec(_query(filters, older_than, limit + 1))).all()
    entries = tuple(_entry(row, reference) for row, reference in rows[:limit])
    older = entries[-1].id if len(rows) > limit else None
    return AuditPage(entries, older)


async def audit_actions(deps: TriageDeps, viewer: StaffIdentity) -> tuple[str, ...]:
    """Every action code the log holds, for the filter's choices."""
    _require_admin(viewer)
    async with deps.uow() as uow:
        actions = (await uow.session.exec(select(col(AuditLog.action)).distinct())).all()
    return tuple(sorted(actions))


async def export_entries(
    deps: TriageDeps,
    viewer: StaffIdentity,
    filters: AuditFilter,
    now: datetime,
    batch: int = EXPORT_BATCH,
) -> AsyncIterator[list[AuditEntry]]:
    """Every matching entry in batches, newest first; the export itself is audited first.

    Each batch is its own short read, so a long download holds no transaction open.
    """
    _require_admin(viewer)
    async with deps.uow() as uow:
        shown: dict[str, Any] = {
            f"filter_{key}": value.isoformat() if isinstance(value, datetime) else value
            for key, value in asdict(filters).items()
            if value is not None
        }
        audit(uow.session, viewer.username, "audit_export", now, staff_id=viewer.id, **shown)
        await uow.commit()
    older_than: int | None = None
    while True:
        page = await audit_page(deps, viewer, filters, older_than, batch)
        if page.entries:
            yield list(page.entries)
        if page.older_than is None:
            return
        older_than = page.older_than
