"""Timeline events and audit entries: who did what to which case, and when."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlmodel.ext.asyncio.session import AsyncSession

from triage.storage.tables import AuditLog, CaseEvent, Report


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
    return event


def audit(
    session: AsyncSession,
    actor: str,
    action: str,
    now: datetime,
    report_id: int | None = None,
    **detail: Any,
) -> None:
    """An audit line with ids only; never message text or personal data."""
    session.add(AuditLog(at=now, actor=actor, action=action, report_id=report_id, detail=detail))
