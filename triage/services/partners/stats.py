"""The aggregate statistics partners read (`/api/v1/stats`), with small counts hidden.

`statistics_table` is the one function that produces the table: for now it counts the
period's cases per kabupaten/kota and hides counts below the minimum by the dashboard's rule
(`triage.domain.disclosure.shown_count`). The statistics service with its own suppression
replaces its body; the API reads only `StatisticsTable`.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import tzinfo

from sqlmodel import col, func, select

from triage.domain.disclosure import shown_count
from triage.domain.model import Urgency
from triage.domain.period import Period
from triage.services.common.deps import TriageDeps
from triage.storage.filters import region_filter
from triage.storage.tables import Report

COLUMNS = ("received", "open", "closed", *(f"urgency_{u.value.lower()}" for u in Urgency))


@dataclass(frozen=True, slots=True)
class StatisticsRow:
    region: str  # a kabupaten/kota code, or "total"
    name: str | None
    counts: dict[str, int | None]  # by COLUMNS; None: hidden as fewer than the minimum


@dataclass(frozen=True, slots=True)
class StatisticsTable:
    period: Period
    minimum: int
    columns: tuple[str, ...]
    rows: list[StatisticsRow]


def _row(deps: TriageDeps, region: str, raw: dict[str, int], minimum: int) -> StatisticsRow:
    counts = {name: shown_count(raw.get(name, 0), minimum).value for name in COLUMNS}
    name = deps.regions.name(region) if region != "total" else None
    return StatisticsRow(region, name, counts)


async def statistics_table(
    deps: TriageDeps, regions: tuple[str, ...], period: Period, zone: tzinfo, minimum: int
) -> StatisticsTable:
    """The period's cases of `regions` (already checked against the grant), per
    kabupaten/kota and in total; every count from 1 to minimum - 1 hidden."""
    start, end = period.bounds(zone)
    closed = col(Report.status) == "closed"
    query = (
        select(col(Report.kabkota_code), col(Report.urgency), closed, func.count())
        .where(region_filter(col(Report.kabkota_code), regions))
        .where(col(Report.received_at) >= start, col(Report.received_at) < end)
        .group_by(col(Report.kabkota_code), col(Report.urgency), closed)
    )
    async with deps.uow() as uow:
        groups = (await uow.session.exec(query)).all()
    raw: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for code, urgency, is_closed, count in groups:
        for key in (code or "", "total"):
            cells = raw[key]
            cells["received"] += count
            cells["closed" if is_closed else "open"] += count
            cells[f"urgency_{str(urgency).lower()}"] += count
    raw.pop("", None)
    rows = [_row(deps, code, raw[code], minimum) for code in sorted(raw) if code != "total"]
    rows.append(_row(deps, "total", raw.get("total", {}), minimum))
    return StatisticsTable(period, minimum, COLUMNS, rows)
