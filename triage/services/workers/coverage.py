"""Coverage: which kabupaten/kota have no worker at all, and which have none who can take a
case right now (routing's own test, `roster.worker_blocker`). A supervisor sees their regions;
an admin every kabupaten/kota with a report or a worker, or all of them on request."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from sqlalchemy import case, func
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from triage.domain.case import OPEN_STATUSES
from triage.domain.regions.directory import RegionDirectory
from triage.domain.roster import Role, codes_cover, worker_blocker
from triage.services.common.deps import TriageDeps
from triage.services.staff.accounts import StaffIdentity
from triage.services.workers.roster import roster_entry
from triage.services.workers.scope import is_admin
from triage.storage.tables import Report, Worker


class CoverageState(StrEnum):
    NO_WORKER = "no_worker"  # nobody with the role "worker" covers it
    NONE_ON_DUTY = "none_on_duty"  # covered, but nobody can take a case right now
    ON_DUTY = "on_duty"


@dataclass(frozen=True, slots=True)
class CoverageRow:
    code: str
    name: str
    province: str
    workers: int  # active workers (role "worker") covering it
    on_duty: int  # of those, how many routing would give a case now
    supervisors: int  # active supervisors covering it (escalations)
    open_cases: int

    @property
    def state(self) -> CoverageState:
        if not self.workers:
            return CoverageState.NO_WORKER
        return CoverageState.ON_DUTY if self.on_duty else CoverageState.NONE_ON_DUTY


@dataclass(frozen=True, slots=True)
class Coverage:
    """Rows with a gap first (none at all, then none on duty), then by province and code."""

    rows: tuple[CoverageRow, ...]
    everything: bool  # all kabupaten/kota were asked for (admins)

    def in_state(self, state: CoverageState) -> tuple[CoverageRow, ...]:
        return tuple(row for row in self.rows if row.state is state)


_ORDER = {CoverageState.NO_WORKER: 0, CoverageState.NONE_ON_DUTY: 1, CoverageState.ON_DUTY: 2}


async def coverage(
    deps: TriageDeps, viewer: StaffIdentity, now: datetime, *, everything: bool = False
) -> Coverage:
    directory = deps.regions.directory
    async with deps.uow() as uow:
        active = col(Worker.active).is_(True)
        workers = list((await uow.session.exec(select(Worker).where(active))).all())
        open_cases = await _open_cases_by_region(uow.session)
    if not is_admin(viewer):
        codes = _expand(directory, viewer.region_codes)
        everything = False
    elif everything:
        codes = [k.code for p in directory.provinces() for k in directory.kabkota_in(p.code)]
    else:
        reported = [code for code in open_cases.reported if directory.kabkota(code) is not None]
        staffed = _expand(directory, (code for w in workers for code in w.region_codes))
        codes = sorted(set(reported) | set(staffed))
    rows = [_row(directory, code, workers, open_cases.open.get(code, 0), now) for code in codes]
    rows.sort(key=lambda row: (_ORDER[row.state], row.province, row.code))
    return Coverage(tuple(rows), everything)


@dataclass(frozen=True, slots=True)
class _CaseCounts:
    reported: tuple[str, ...]  # every kabupaten/kota with any report
    open: dict[str, int]


async def _open_cases_by_region(session: AsyncSession) -> _CaseCounts:
    region = col(Report.kabkota_code)
    is_open = func.sum(case((col(Report.status).in_(OPEN_STATUSES), 1), else_=0))
    query = select(region, is_open).where(region.is_not(None)).group_by(region)
    rows = (await session.exec(query)).all()
    return _CaseCounts(
        tuple(code for code, _ in rows if code), {code: int(n or 0) for code, n in rows if code}
    )


def _expand(directory: RegionDirectory, codes: Iterable[str]) -> list[str]:
    """Kabupaten/kota codes as they are, province codes as all of their kabupaten/kota."""
    found: set[str] = set()
    for code in codes:
        if "." in code:
            if directory.kabkota(code) is not None:
                found.add(code)
        else:
            found.update(k.code for k in directory.kabkota_in(code))
    return sorted(found)


def _row(
    directory: RegionDirectory,
    code: str,
    workers: Sequence[Worker],
    open_cases: int,
    now: datetime,
) -> CoverageRow:
    covering = [w for w in workers if codes_cover(w.region_codes, code)]
    staff = [w for w in covering if w.role == Role.WORKER]
    ready = [
        w for w in staff if worker_blocker(roster_entry(w, {}), code, now, frozenset()) is None
    ]
    kabkota = directory.kabkota(code)
    province = directory.province_of(code)
    return CoverageRow(
        code=code,
        name=kabkota.name if kabkota else code,
        province=province.short_name if province else "",
        workers=len(staff),
        on_duty=len(ready),
        supervisors=len(covering) - len(staff),
        open_cases=open_cases,
    )
