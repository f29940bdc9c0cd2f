"""The case map use case: a count per kabupaten/kota (open cases now, or accept deadlines
breached in a period) over the outlines of the country or of one province."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, tzinfo
from enum import StrEnum

from sqlalchemy import ColumnElement, and_, true
from sqlmodel import col

from triage.domain.maps.classes import Classes, classes_for
from triage.domain.maps.outlines import OutlineMap
from triage.domain.maps.shapes import CodeGaps
from triage.domain.period import Period
from triage.domain.roster import codes_cover
from triage.services.cases.queries import region_scope
from triage.services.common.deps import TriageDeps
from triage.services.dashboard.model import Tally
from triage.services.dashboard.outlines import (
    boundary_gaps,
    provinces_with_boundaries,
    view_outlines,
)
from triage.services.dashboard.queries import accept_breaches, in_period, open_per_region
from triage.services.staff.accounts import StaffIdentity
from triage.storage.filters import region_filter
from triage.storage.tables import Report


class MapLayer(StrEnum):
    OPEN = "open"  # open cases now
    ACCEPT_BREACHES = "accept_breaches"  # accept deadlines breached, cases of the period


@dataclass(frozen=True, slots=True)
class CaseMap:
    """What the map shows. `counts` holds every drawn kabupaten/kota in the viewer's regions
    (zero included); the others are drawn as outside the viewer's regions."""

    layer: MapLayer
    province: str | None  # None: the whole country
    outlines: OutlineMap
    counts: Mapping[str, int]
    tallies: Mapping[str, Tally]  # accept deadlines decided and breached (breach layer only)
    not_on_map: int  # counted cases whose place is unknown or has no outline
    classes: Classes
    gaps: CodeGaps


def map_provinces(viewer: StaffIdentity) -> tuple[str, ...]:
    """The provinces the viewer may zoom into: all for an admin, a supervisor's own."""
    drawn = provinces_with_boundaries()
    if viewer.role == "admin":
        return tuple(drawn)
    own = {code.split(".", 1)[0] for code in viewer.region_codes}
    return tuple(code for code in drawn if code in own)


def default_province(viewer: StaffIdentity) -> str | None:
    """A supervisor whose regions lie in one province sees that province; others the country."""
    provinces = map_provinces(viewer)
    return provinces[0] if viewer.role == "supervisor" and len(provinces) == 1 else None


def _in_scope(viewer: StaffIdentity, codes: Sequence[str]) -> frozenset[str]:
    if viewer.role == "admin":
        return frozenset(codes)
    return frozenset(code for code in codes if codes_cover(viewer.region_codes, code))


def _where(viewer: StaffIdentity, province: str | None) -> ColumnElement[bool]:
    inside = region_filter(col(Report.kabkota_code), [province]) if province else true()
    return and_(region_scope(viewer), inside)


async def case_map(
    deps: TriageDeps,
    viewer: StaffIdentity,
    layer: MapLayer,
    period: Period,
    zone: tzinfo,
    *,
    province: str | None,
    minimum: int,
    now: datetime,
) -> CaseMap:
    """Counts per kabupaten/kota in the viewer's regions; `province` must be one of
    `map_provinces(viewer)` or None (the adapter checks it)."""
    outlines = await view_outlines(province)
    where = _where(viewer, province)
    tallies: dict[str | None, Tally] = {}
    async with deps.uow() as uow:
        if layer is MapLayer.OPEN:
            raw = await open_per_region(uow.session, where)
        else:
            start, end = period.bounds(zone)
            period_where = and_(where, in_period(start, end))
            tallies = await accept_breaches(uow.session, period_where, now)
            raw = {code: tally.breached for code, tally in tallies.items()}
    drawn = [outline.code for outline in outlines.outlines]
    in_scope = _in_scope(viewer, drawn)
    counts = {code: raw.get(code, 0) for code in drawn if code in in_scope}
    return CaseMap(
        layer=layer,
        province=province,
        outlines=outlines,
        counts=counts,
        tallies={code: tally for code, tally in tallies.items() if code in in_scope},
        not_on_map=sum(count for code, count in raw.items() if code not in in_scope),
        classes=classes_for(counts.values(), minimum),
        gaps=boundary_gaps(tuple(_known_codes(deps))),
    )


def _known_codes(deps: TriageDeps) -> list[str]:
    return [
        code
        for province, _ in deps.regions.provinces()
        for code, _ in deps.regions.kabkota_in(province)
    ]
