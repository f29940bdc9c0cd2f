"""The referrals the statistics count: made in the period, on cases in the viewer's (or a
partner's) regions, by service type and status, grouped in SQL. Counts only, no names or
words; as `triage/services/referrals/counts.py` counts them, in the statistics' unit of
work."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import ColumnElement, func
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from triage.domain.referrals import ReferralStatus, ServiceType
from triage.domain.statistics.tables import CountTable, cross_table
from triage.storage.tables import ReferralRow, Report

SERVICE_TYPE = "service_type"  # the referrals table's rows
REFERRAL_STATUS = "referral_status"  # and its columns

ReferralGroup = tuple[str, str, int]  # service type, status, referrals


async def referral_groups(
    session: AsyncSession, regions: ColumnElement[bool], start: datetime, end: datetime
) -> list[ReferralGroup]:
    """Referrals made in [start, end) on reports `regions` selects, by type and status."""
    made = col(ReferralRow.created_at)
    query = (
        select(col(ReferralRow.service_type), col(ReferralRow.status), func.count())
        .join(Report, col(Report.id) == col(ReferralRow.report_id))
        .where(regions, made >= start, made < end)
        .group_by(col(ReferralRow.service_type), col(ReferralRow.status))
    )
    return [(kind, status, count) for kind, status, count in (await session.exec(query)).all()]


def referral_table(groups: Sequence[ReferralGroup]) -> CountTable:
    """Service types (in the directory's order) × statuses, zeros included. No I/O."""
    return cross_table(
        groups,
        lambda g: g[0],
        lambda g: g[1],
        lambda g: g[2],
        [t.value for t in ServiceType],
        [s.value for s in ReferralStatus],
    )
