"""Unbinding a worker: their Telegram account (and any open invite) stops working at once,
while the worker stays active with their cases. Only a new invite lets them act again; until
then routing passes them by, as for anyone not bound, and their open cases wait for them or
for escalation. Deactivation (`deactivate.py`) is the way to move the cases on."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from sqlalchemy import func
from sqlmodel import col, select

from triage.domain.case import OPEN_STATUSES
from triage.services.common.deps import TriageDeps
from triage.services.common.events import audit
from triage.services.staff.accounts import StaffIdentity
from triage.services.workers.managed import Refusal, lock_active_worker
from triage.services.workers.records import end_binding
from triage.storage.tables import Report


class UnbindStatus(StrEnum):
    DONE = "done"
    HIDDEN = "hidden"  # unknown, or outside the viewer's regions
    NOT_ALLOWED = "not_allowed"
    INACTIVE = "inactive"  # deactivated: already unbound
    NOT_BOUND = "not_bound"  # no account and no open invite: nothing to end


_REFUSED = {
    Refusal.HIDDEN: UnbindStatus.HIDDEN,
    Refusal.INACTIVE: UnbindStatus.INACTIVE,
    Refusal.NOT_ALLOWED: UnbindStatus.NOT_ALLOWED,
}


@dataclass(frozen=True, slots=True)
class UnbindResult:
    status: UnbindStatus
    open_cases: int = 0  # still theirs, waiting for them or for escalation


async def unbind_worker(
    deps: TriageDeps, viewer: StaffIdentity, worker_id: int, now: datetime
) -> UnbindResult:
    async with deps.uow() as uow:
        worker = await lock_active_worker(uow, viewer, worker_id)
        if isinstance(worker, Refusal):
            return UnbindResult(_REFUSED[worker])
        if worker.telegram_user_id is None and worker.invite_code_hash is None:
            return UnbindResult(UnbindStatus.NOT_BOUND)
        end_binding(worker)
        worker.updated_at = now
        uow.session.add(worker)
        query = select(func.count()).where(
            col(Report.assigned_worker_id) == worker_id, col(Report.status).in_(OPEN_STATUSES)
        )
        open_cases = (await uow.session.exec(query)).one()
        audit(uow.session, viewer.username, "worker_unbound", now, staff_id=viewer.id,
              worker_id=worker_id, cases=open_cases)  # fmt: skip
        await uow.commit()
    return UnbindResult(UnbindStatus.DONE, open_cases)
