"""What a staff member may pick in the queue's filters: regions and workers within their reach.

An admin may pick any province, kabupaten/kota and worker. A supervisor only their own
regions (a province code brings all its kabupaten/kota) and the workers whose regions meet
theirs, so the filter lists never show names from elsewhere.
"""

from __future__ import annotations

import weakref
from collections.abc import Collection
from dataclasses import dataclass

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from triage.services.common.deps import TriageDeps
from triage.services.dashboard.queries import change_version
from triage.services.regions.lookup import DirectoryLookup
from triage.services.staff.accounts import StaffIdentity
from triage.storage.tables import Worker
from triage.storage.uow import UnitOfWorkFactory


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


class _AdminWorkers:
    """Every worker's id and name as the admin's choices, read again only when the database's
    change stamp has moved: it moves at each commit that adds, removes or renames a worker
    (migration 0019), so processes sharing the database see each other's changes. Without
    the stamp's row the list is read on every view."""

    def __init__(self) -> None:
        self._stamp: int | None = None
        self._choices: tuple[Choice, ...] = ()

    async def choices(self, session: AsyncSession) -> tuple[Choice, ...]:
        stamp = await change_version(session)  # before the rows: a later change shows next time
        if stamp is None or stamp != self._stamp:
            rows = (await session.exec(_NAMED)).all()
            self._choices = tuple(Choice(str(i), name) for i, name in rows if i is not None)
            self._stamp = stamp
        return self._choices


# Per database: keyed by the units of work that reach it.
_ADMIN_WORKERS: weakref.WeakKeyDictionary[UnitOfWorkFactory, _AdminWorkers]
_ADMIN_WORKERS = weakref.WeakKeyDictionary()


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
            kept = _ADMIN_WORKERS.setdefault(deps.uow, _AdminWorkers())
            return await kept.choices(uow.session)
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
