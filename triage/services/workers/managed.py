"""The one check in front of every change to a worker's standing (deactivate, unbind, an
invite link): the worker, locked for the change where one follows, or why this viewer may
not make it."""

from __future__ import annotations

from enum import StrEnum

from triage.services.staff.accounts import StaffIdentity
from triage.services.workers.scope import may_manage, may_see
from triage.storage.tables import Worker
from triage.storage.uow import UnitOfWork


class Refusal(StrEnum):
    HIDDEN = "hidden"  # unknown, or outside the viewer's regions
    INACTIVE = "inactive"  # already deactivated
    NOT_ALLOWED = "not_allowed"  # visible, but only an admin may manage them


async def lock_active_worker(
    uow: UnitOfWork, viewer: StaffIdentity, worker_id: int
) -> Worker | Refusal:
    """The active worker the viewer may manage, locked until the transaction ends (on
    SQLite, which has no row locks, the unit takes the database's write lock first)."""
    await uow.lock_for_write()
    worker = await uow.session.get(Worker, worker_id, with_for_update=True)
    return manageable(viewer, worker)


def manageable(viewer: StaffIdentity, worker: Worker | None) -> Worker | Refusal:
    """The worker when the viewer may see and manage them and they are active."""
    if worker is None or not may_see(viewer, worker.region_codes):
        return Refusal.HIDDEN
    if not worker.active:
        return Refusal.INACTIVE
    if not may_manage(viewer, worker.role, worker.region_codes):
        return Refusal.NOT_ALLOWED
    return worker
