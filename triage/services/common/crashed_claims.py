"""Claims left by a process that died without a stop (kill -9, a power cut): its inbox
updates, outbox messages and SLA deadlines stay leased until their leases run out (up to ten
minutes for the inbox). A starting process that can tell the claimer is gone (`gone`, given
by the adapter: a process of this machine that no longer runs) frees them at once, so what
the crash interrupted is taken up by this start.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlmodel import col

from triage.services.common.deps import TriageDeps
from triage.services.inbox.queue import WAITING
from triage.storage.claims import release_claims_of
from triage.storage.tables import Deadline, InboxUpdate, OutboxMessage


async def release_crashed_claims(deps: TriageDeps, gone: Callable[[str], bool]) -> int:
    """Free every claim whose owner is `gone`; how many rows were freed."""
    async with deps.uow() as uow:
        session = uow.session
        freed = await release_claims_of(
            session, InboxUpdate, [col(InboxUpdate.status).in_(WAITING)], gone
        )
        freed += await release_claims_of(
            session, OutboxMessage, [col(OutboxMessage.status) == "pending"], gone
        )
        freed += await release_claims_of(
            session, Deadline, [col(Deadline.status) == "pending"], gone
        )
        await uow.commit()
    return freed
