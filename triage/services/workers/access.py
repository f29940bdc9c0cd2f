"""Whether a Telegram account may act as a worker now, for the bot's one check in front of
every worker button and command: an account whose access ended (deactivated, unbound, moved
to another account) is told so politely, and the attempt is audited. Imports storage."""

from __future__ import annotations

from enum import StrEnum

from triage.services.common.deps import TriageDeps
from triage.services.common.events import audit
from triage.services.workers.records import account


class WorkerAccess(StrEnum):
    ACTIVE = "active"  # bound to an active worker
    ENDED = "ended"  # was a worker's account: deactivated, unbound or moved
    NONE = "none"  # never a worker's account


async def worker_access(deps: TriageDeps, telegram_user_id: int, attempted: str) -> WorkerAccess:
    """The account's standing; an ended one's attempt is refused and audited (ids only)."""
    async with deps.uow() as uow:
        found = await account(uow.session, telegram_user_id)
        if found.active is not None:
            return WorkerAccess.ACTIVE
        if found.ended is None:
            return WorkerAccess.NONE
        audit(uow.session, f"telegram:{telegram_user_id}", "refused_action", deps.clock(),
              attempted=attempted, worker_id=found.ended.id, why="access_ended")  # fmt: skip
        await uow.commit()
    return WorkerAccess.ENDED
