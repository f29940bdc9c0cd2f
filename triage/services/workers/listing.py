"""The workers list as staff see it: regions, whether each can take a case now, duty hours,
open cases by urgency and last activity; scoped to the viewer (`scope.may_see`)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from sqlalchemy import func
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from triage.domain.model import Urgency
from triage.domain.roster import Role, RosterEntry, is_on_leave, worker_blocker
from triage.domain.timezones import DutyHours, is_known_region, local_zone_code
from triage.services.common.deps import TriageDeps
from triage.services.staff.accounts import StaffIdentity
from triage.services.workers.invites import invite_is_open
from triage.services.workers.roster import duty_hours_from_json, open_caseloads, roster_entry
from triage.services.workers.scope import may_manage, may_see
from triage.storage.tables import CaseEvent, Worker


class DutyState(StrEnum):
    """Whether the worker can be given a case right now, and if not, why."""

    ON_DUTY = "on_duty"
    OUTSIDE_HOURS = "outside_hours"
    SWITCHED_OFF = "switched_off"  # /libur, or on_duty false in the file
    ON_LEAVE = "on_leave"
    NOT_BOUND = "not_bound"  # no Telegram account yet: nothing can reach them
    ESCALATIONS = "escalations"  # a supervisor: reachable for escalations whatever the hour
    INACTIVE = "inactive"


_BLOCKERS = {
    "on leave": DutyState.ON_LEAVE,
    "switched off duty": DutyState.SWITCHED_OFF,
    "outside duty hours": DutyState.OUTSIDE_HOURS,
}


@dataclass(frozen=True, slots=True)
class WorkerSummary:
    """One row of the list. No phone: it is shown only on the edit page, to who may edit."""

    id: int
    name: str
    role: str
    region_codes: tuple[str, ...]
    active: bool
    bound: bool
    invite_open: bool  # an invite was made and has not expired
    duty: DutyState
    duty_hours: DutyHours | None
    zone_code: str  # the region whose clock the duty hours are read on
    open_cases: Mapping[Urgency, int]
    last_activity: datetime | None
    manageable: bool


def duty_state(worker: Worker, entry: RosterEntry, now: datetime) -> DutyState:
    if not worker.active:
        return DutyState.INACTIVE
    if worker.telegram_user_id is None:
        return DutyState.NOT_BOUND
    if entry.role is Role.SUPERVISOR:
        return DutyState.ON_LEAVE if is_on_leave(entry, now) else DutyState.ESCALATIONS
    home = worker_zone_code(worker.region_codes)
    blocker = worker_blocker(entry, home, now, frozenset())
    return DutyState.ON_DUTY if blocker is None else _BLOCKERS[blocker]


def worker_zone_code(region_codes: Sequence[str]) -> str:
    """Duty hours are read on the clock of the worker's first region (WIB if none is known)."""
    return local_zone_code([c for c in region_codes if is_known_region(c)], None)


async def last_activities(session: AsyncSession, worker_ids: Sequence[int]) -> dict[int, datetime]:
    """When each worker last did something on a case (their latest timeline event)."""
    if not worker_ids:
        return {}
    actors = [f"worker:{worker_id}" for worker_id in worker_ids]
    query = (
        select(col(CaseEvent.actor), func.max(col(CaseEvent.at)))
        .where(col(CaseEvent.actor).in_(actors))
        .group_by(col(CaseEvent.actor))
    )
    return {
        int(actor.removeprefix("worker:")): at
        for actor, at in (await session.exec(query)).all()
        if at is not None
    }


async def list_workers(
    deps: TriageDeps, viewer: StaffIdentity, now: datetime, *, inactive: bool = False
) -> list[WorkerSummary]:
    """The active workers the viewer may see (or the deactivated ones), by name."""
    async with deps.uow() as uow:
        query = select(Worker).where(col(Worker.active).is_(not inactive))
        found = (await uow.session.exec(query.order_by(col(Worker.name), col(Worker.id)))).all()
        workers = [w for w in found if w.id is not None and may_see(viewer, w.region_codes)]
        ids = [w.id for w in workers if w.id is not None]
        loads = await open_caseloads(uow.session, ids)
        activity = await last_activities(uow.session, ids)
    return [
        summary(w, loads.get(w.id or 0, {}), activity.get(w.id or 0), viewer, now) for w in workers
    ]


def summary(
    worker: Worker,
    loads: Mapping[Urgency, int],
    last_activity: datetime | None,
    viewer: StaffIdentity,
    now: datetime,
) -> WorkerSummary:
    assert worker.id is not None
    entry = roster_entry(worker, loads)
    return WorkerSummary(
        id=worker.id,
        name=worker.name,
        role=worker.role,
        region_codes=tuple(worker.region_codes),
        active=worker.active,
        bound=worker.telegram_user_id is not None,
        invite_open=invite_is_open(worker, now),
        duty=duty_state(worker, entry, now),
        duty_hours=duty_hours_from_json(worker.duty_hours),
        zone_code=worker_zone_code(worker.region_codes),
        open_cases=dict(loads),
        last_activity=last_activity,
        manageable=worker.active and may_manage(viewer, worker.role, worker.region_codes),
    )
