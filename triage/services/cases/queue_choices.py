"""What a staff member may pick in the queue's filters: regions and workers within their reach.

An admin may pick any province, kabupaten/kota and worker. A supervisor only their own
regions (a province code brings all its kabupaten/kota) and the workers whose regions meet
theirs, so the filter lists never show names from elsewhere.
"""

from __future__ import annotations

import weakref
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from sqlmodel import col, select

from triage.services.common.deps import TriageDeps
from triage.services.regions.lookup import DirectoryLookup
from triage.services.staff.accounts import StaffIdentity
from triage.storage.tables import Worker


@dataclass(frozen=True, slots=True)
class Choice:
    value: str  # a region code, or a worker id as text
    name: str


@dataclass(frozen=True, slots=True)
class ProvinceChoice:
    code: str
    name: str
    kabkota: tuple[Choice, ...]  # those of the province the viewer may pick


@dataclass(frozen=True, slots=True)
class QueueChoices:
    provinces: tuple[ProvinceChoice, ...]
    workers: tuple[Choice, ...]

    def province(self, code: str) -> ProvinceChoice | None:
        return next((p for p in self.provinces if p.code == code), None)

    def has_kabkota(self, code: str) -> bool:
        return any(k.value == code for p in self.provinces for k in p.kabkota)

    def has_worker(self, worker_id: int) -> bool:
        return any(w.value == str(worker_id) for w in self.workers)


def _province_of(code: str) -> str:
    return code.split(".", 1)[0]


def regions_meet(mine: Collection[str], theirs: Collection[str]) -> bool:
    """Whether two sets of region codes share a kabupaten/kota (directly or by province)."""
    return any(a == b or _province_of(b) == a or _province_of(a) == b for a in mine for b in theirs)


# The region directory does not change while the process runs: its choices are built once
# per lookup (and are the same objects on every view, which the option lists key on).
_PROVINCES: weakref.WeakKeyDictionary[DirectoryLookup, tuple[ProvinceChoice, ...]]
_PROVINCES = weakref.WeakKeyDictionary()


def _all_provinces(regions: DirectoryLookup) -> tuple[ProvinceChoice, ...]:
    kept = _PROVINCES.get(regions)
    if kept is None:
        kept = _PROVINCES[regions] = tuple(
            ProvinceChoice(code, name, tuple(Choice(k, n) for k, n in regions.kabkota_in(code)))
            for code, name in regions.provinces()
        )
    return kept


class _LastWorkers:
    """The admin's worker choices of the last view, given again while the rows read are the
    same (ids and names), so an unchanged list is neither built nor rendered again."""

    def __init__(self) -> None:
        self._rows: tuple[tuple[int | None, str], ...] | None = None
        self._choices: tuple[Choice, ...] = ()

    def choices(self, rows: Sequence[tuple[int | None, str]]) -> tuple[Choice, ...]:
        key = tuple((worker_id, name) for worker_id, name in rows)
        if key != self._rows:
            self._choices = tuple(Choice(str(i), name) for i, name in key if i is not None)
            self._rows = key
        return self._choices


_ADMIN_WORKERS = _LastWorkers()


def _own_provinces(regions: DirectoryLookup, codes: Collection[str]) -> tuple[ProvinceChoice, ...]:
    """The viewer's provinces, each with the kabupaten/kota their codes cover."""
    chosen = []
    for province in _all_provinces(regions):
        if province.code in codes:
            chosen.append(province)
            continue
        mine = tuple(k for k in province.kabkota if k.value in codes)
        if mine:
            chosen.append(ProvinceChoice(province.code, province.name, mine))
    return tuple(chosen)


_BY_NAME = (col(Worker.name), col(Worker.id))
_NAMED = select(col(Worker.id), col(Worker.name)).order_by(*_BY_NAME)
_NAMED_WITH_REGIONS = select(col(Worker.id), col(Worker.name), col(Worker.region_codes)).order_by(
    *_BY_NAME
)


async def _workers(deps: TriageDeps, viewer: StaffIdentity) -> tuple[Choice, ...]:
    """Every worker for an admin; for a supervisor those whose regions meet theirs (only
    then are the workers' region lists read: decoding them is most of this query's cost)."""
    async with deps.uow() as uow:
        if viewer.role == "admin":
            return _ADMIN_WORKERS.choices((await uow.session.exec(_NAMED)).all())
        found = (await uow.session.exec(_NAMED_WITH_REGIONS)).all()
    return tuple(
        Choice(str(worker_id), name)
        for worker_id, name, codes in found
        if worker_id is not None and regions_meet(viewer.region_codes, codes or ())
    )


async def queue_choices(deps: TriageDeps, viewer: StaffIdentity) -> QueueChoices:
    """The regions and workers this viewer may filter the queue by."""
    if viewer.role == "admin":
        provinces = _all_provinces(deps.regions)
    else:
        provinces = _own_provinces(deps.regions, viewer.region_codes)
    return QueueChoices(provinces, await _workers(deps, viewer))
