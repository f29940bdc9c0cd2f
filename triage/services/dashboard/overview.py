"""The dashboard use case: open cases now and response times over a period, in the viewer's
regions; figures for small groups held back (`triage/domain/disclosure.py`)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, time, tzinfo

from sqlalchemy import ColumnElement, and_, true
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

from triage.domain.model import Urgency
from triage.domain.period import Period
from triage.domain.rules.model import Rules, SlaTargets
from triage.services.cases.queries import region_scope
from triage.services.common.deps import TriageDeps
from triage.services.dashboard.figures import (
    OpenGroup,
    open_by,
    region_rows,
    week_rows,
    worker_rows,
)
from triage.services.dashboard.kept import KeptFigures
from triage.services.dashboard.model import Dashboard, Figures, Ranked, RegionRow
from triage.services.dashboard.queries import (
    case_rows,
    change_version,
    crowded_counts,
    in_period,
    next_due,
    open_groups,
    worker_names,
)
from triage.services.dashboard.row_groups import (
    EMPTY,
    RowGroups,
    Summarised,
    gather,
    province_of,
)
from triage.services.dashboard.summaries import summaries, summary_rows
from triage.services.dashboard.undelivered import undelivered
from triage.services.staff.accounts import StaffIdentity
from triage.storage.tables import Report

URGENCIES = tuple(Urgency)  # most urgent first


def scope(viewer: StaffIdentity, urgency: Urgency | None) -> ColumnElement[bool]:
    """The viewer's regions, narrowed to one urgency when asked."""
    only = col(Report.urgency) == urgency.value if urgency is not None else true()
    return and_(region_scope(viewer), only)


def _targets(rules: Rules, urgency: Urgency | None) -> SlaTargets | None:
    return rules.sla.get(urgency) if urgency is not None else None


def _open_table(groups: Sequence[OpenGroup]) -> dict[str, dict[str, int]]:
    table: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for group in groups:
        table[group.urgency][group.status] += group.cases
    return {urgency: dict(statuses) for urgency, statuses in table.items()}


def _by_urgency(
    groups: Mapping[str, Summarised], rules: Rules, only: Urgency | None
) -> tuple[tuple[str, Figures], ...]:
    shown = [only] if only is not None else URGENCIES
    return tuple((u.value, groups.get(u.value, EMPTY).figures(rules.sla.get(u))) for u in shown)


def week_starts(period: Period, zone: tzinfo) -> list[datetime]:
    """Each week's first instant (its Monday's midnight in `zone`), in UTC."""
    return [
        datetime.combine(monday, time(), tzinfo=zone).astimezone(UTC) for monday in period.weeks()
    ]


async def period_groups(
    session: AsyncSession, where: ColumnElement[bool], starts: Sequence[datetime], now: datetime
) -> RowGroups:
    """The period's cases in every grouping: summarised by PostgreSQL in one statement; on
    SQLite (no percentiles in SQL) their rows gathered here in one pass."""
    if (await session.connection()).dialect.name == "postgresql":
        return summaries(await summary_rows(session, where, starts, now))
    cases = await case_rows(session, where, starts, now)
    return gather(cases, await crowded_counts(session, where, cases, now))


async def dashboard(
    deps: TriageDeps,
    viewer: StaffIdentity,
    period: Period,
    zone: tzinfo,
    *,
    urgency: Urgency | None = None,
    minimum: int,
    now: datetime,
    rows: int | None = None,
    kept: KeptFigures[Dashboard] | None = None,
) -> Dashboard:
    """The figures of the viewer's regions; the period is counted in `zone`'s days. The
    kabupaten/kota and worker rankings keep their first `rows` rows (None: all). With `kept`,
    a dashboard computed before is given again while the database's change stamp has not
    moved and no deadline has fallen due since (`kept.py`)."""
    view = View(viewer, period, zone, urgency, minimum, rows)
    async with deps.uow() as uow:
        stamp = await change_version(uow.session) if kept is not None else None
        if kept is None or stamp is None:
            return await _computed(uow.session, deps.rules, view, now)
        known = kept.get(view.key, stamp, now)
        if known is not None:
            return known
        result = await _computed(uow.session, deps.rules, view, now)
        expires = await next_due(uow.session, now)
    kept.put(view.key, result, stamp, now, expires)
    return result


@dataclass(frozen=True, slots=True)
class View:
    """What a dashboard is asked for: who, which period, which urgency, how many rows."""

    viewer: StaffIdentity
    period: Period
    zone: tzinfo
    urgency: Urgency | None
    minimum: int
    rows: int | None

    @property
    def key(self) -> Hashable:
        """Viewers who see the same regions see the same dashboard."""
        scope_of = (self.viewer.role, tuple(self.viewer.region_codes))
        return (scope_of, self.period, self.zone, self.urgency, self.minimum, self.rows)


async def _computed(session: AsyncSession, rules: Rules, view: View, now: datetime) -> Dashboard:
    start, end = view.period.bounds(view.zone)
    where = scope(view.viewer, view.urgency)
    in_scope = and_(where, in_period(start, end))
    starts = week_starts(view.period, view.zone)
    gathered = await period_groups(session, in_scope, starts, now)
    groups = await open_groups(session, where)
    ids = set(gathered.workers) | {g.worker_id for g in groups}
    names = await worker_names(session, {i for i in ids if i is not None})
    all_regions = view.viewer.role == "admin"
    given_up = await undelivered(session, where, start, end, all_regions=all_regions)
    targets = _targets(rules, view.urgency)
    minimum, rows = view.minimum, view.rows
    return Dashboard(
        period=view.period,
        urgency=view.urgency.value if view.urgency is not None else None,
        minimum=minimum,
        open_now=_open_table(groups),
        open_total=sum(group.cases for group in groups),
        by_urgency=_by_urgency(gathered.urgencies, rules, view.urgency),
        overall=gathered.overall.figures(targets),
        provinces=_regions(gathered.provinces, groups, minimum, targets, province_of, None),
        kabkota=_regions(gathered.kabkota, groups, minimum, targets, lambda code: code, rows),
        workers=worker_rows(gathered.workers, groups, names, minimum, targets, rows),
        weeks=week_rows(view.period.weeks(), gathered.weeks, targets),
        undelivered=given_up,
    )


def _regions(
    cases: Mapping[str | None, Summarised],
    groups: Sequence[OpenGroup],
    minimum: int,
    targets: SlaTargets | None,
    region: Callable[[str | None], str | None],
    limit: int | None,
) -> Ranked[RegionRow]:
    open_now = open_by(groups, lambda g: region(g.kabkota_code))
    return region_rows(cases, open_now, minimum, targets, limit)
