"""How many referrals, by service type, status, the case's kabupaten/kota and the month the
referral was made (UTC): the figures the statistics show. Counts only, no names or words."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import col, select

from triage.services.common.deps import TriageDeps
from triage.storage.filters import region_filter
from triage.storage.tables import ReferralRow, Report


@dataclass(frozen=True, slots=True)
class ReferralCount:
    month: str  # "2026-12"
    kabkota_code: str | None
    type: str  # triage.domain.referrals.ServiceType
    status: str  # triage.domain.referrals.ReferralStatus
    count: int


async def referral_counts(
    deps: TriageDeps,
    start: datetime,
    end: datetime,
    region_codes: Iterable[str] | None = None,
) -> list[ReferralCount]:
    """Referrals made in [start, end), within these regions (None: everywhere), counted by
    month, kabupaten/kota, type and status; sorted."""
    query = (
        select(
            ReferralRow.created_at,
            Report.kabkota_code,
            ReferralRow.service_type,
            ReferralRow.status,
        )
        .join(Report, col(Report.id) == col(ReferralRow.report_id))
        .where(col(ReferralRow.created_at) >= start, col(ReferralRow.created_at) < end)
    )
    if region_codes is not None:
        query = query.where(region_filter(col(Report.kabkota_code), region_codes))
    async with deps.uow() as uow:
        found = (await uow.session.exec(query)).all()
    tally = Counter(
        (made.strftime("%Y-%m"), kabkota, kind, status) for made, kabkota, kind, status in found
    )
    counts = [ReferralCount(*key, count) for key, count in tally.items()]
    return sorted(counts, key=lambda c: (c.month, c.kabkota_code or "", c.type, c.status))
