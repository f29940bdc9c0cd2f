"""Timeline events and audit entries: who did what to which case, when, and from where."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import datetime
from typing import Any

from sqlmodel.ext.asyncio.session import AsyncSession

from triage.services.partners.webhooks import queue_case_event
from triage.storage.tables import AuditLog, CaseEvent, Report

_SOURCE_ADDRESS: ContextVar[str | None] = ContextVar("audit_source_address", default=None)


async def add_event(
    session: AsyncSession,
    report_id: int,
    kind: str,
    actor: str,
    data: dict[str, Any],
    now: datetime,
) -> CaseEvent:
    """Add a timeline event (its id is set at the next flush) and mark the case as active."""
    event = CaseEvent(report_id=report_id, at=now, kind=kind, actor=actor, data=data)
    session.add(event)
    report = await session.get(Report, report_id)
    if report is not None:
        report.last_event_at = now
        await queue_case_event(session, report, kind, now)  # partners' webhooks, if any
    return event


@contextmanager
def audit_source(address: str | None) -> Iterator[None]:
    """Every audit row written inside (by any use case) carries this source address.

    The admin sets it once per request, so a new use case cannot forget it.
    """
    token = _SOURCE_ADDRESS.set(address)
    try:
        yield
    finally:
        _SOURCE_ADDRESS.reset(token)


def audit(
    session: AsyncSession,
    actor: str,
    action: str,
    now: datetime,
    report_id: int | None = None,
    *,
    source_address: str | None = None,
    **detail: Any,
) -> AuditLog:
    """An audit line with ids only; never message text or personal data. Returns the row (a
    long export fills in its count when it ends)."""
    address = source_address if source_address is not None else _SOURCE_ADDRESS.get()
    row = AuditLog(
        at=now,
        actor=actor[:64],
        action=action,
        report_id=report_id,
        detail=detail,
        source_address=address[:64] if address else None,
    )
    session.add(row)
    return row
