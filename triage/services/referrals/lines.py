"""A case's referrals as the case card and the admin's case page show them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from triage.storage.tables import ReferralRow, ServiceEntry


@dataclass(frozen=True, slots=True)
class ReferralLine:
    """A referral as the case card and the admin page show it."""

    id: int
    name: str  # the directory's name, or the worker's words
    type: str
    status: str
    typed: bool
    created_at: datetime
    updated_at: datetime
    phone: str | None = None
    decline_note: str | None = None


async def referral_lines(session: AsyncSession, report_id: int) -> list[ReferralLine]:
    """The case's referrals, oldest first."""
    query = (
        select(ReferralRow, ServiceEntry)
        .outerjoin(ServiceEntry, col(ServiceEntry.id) == col(ReferralRow.service_id))
        .where(col(ReferralRow.report_id) == report_id)
        .order_by(col(ReferralRow.id))
    )
    lines = []
    for row, service in (await session.exec(query)).all():
        assert row.id is not None
        name = service.name if service is not None else row.typed_service or "-"
        lines.append(
            ReferralLine(
                id=row.id,
                name=name,
                type=row.service_type,
                status=row.status,
                typed=service is None,
                created_at=row.created_at,
                updated_at=row.updated_at,
                phone=service.phone if service is not None else None,
                decline_note=row.decline_note,
            )
        )
    return lines
