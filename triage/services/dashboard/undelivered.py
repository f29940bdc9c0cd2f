"""The dashboard's count of Telegram messages given up in the period, scoped like its cases."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ColumnElement, and_, func
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from triage.services.dashboard.model import Undelivered
from triage.services.outbox.queue import TELEGRAM
from triage.storage.tables import OutboxMessage, Report

LATEST_CASES = 10


async def undelivered(
    session: AsyncSession,
    where: ColumnElement[bool],
    start: datetime,
    end: datetime,
    *,
    all_regions: bool,
) -> Undelivered:
    """Messages given up in [start, end) about cases matching `where`; with `all_regions`
    (an admin) also those about no case."""
    given_up = and_(
        col(OutboxMessage.status) == "undeliverable",
        col(OutboxMessage.channel) == TELEGRAM,
        col(OutboxMessage.failed_at) >= start,
        col(OutboxMessage.failed_at) < end,
    )
    about_cases = (
        select(col(Report.reference), func.count(), func.max(col(OutboxMessage.failed_at)))
        .join(Report, col(Report.id) == col(OutboxMessage.report_id))
        .where(given_up, where)
        .group_by(col(Report.reference))
    )
    rows = (await session.exec(about_cases)).all()
    latest = sorted(rows, key=lambda row: (row[2], row[0]), reverse=True)[:LATEST_CASES]
    without_case = None
    if all_regions:
        alone = select(func.count()).where(given_up, col(OutboxMessage.report_id).is_(None))
        without_case = (await session.exec(alone)).one()
    return Undelivered(
        messages=sum(row[1] for row in rows),
        references=tuple(row[0] for row in latest),
        without_case=without_case,
    )
