"""How the outbox stands: messages not yet sent, how long the longest-waiting due one has
waited, and the undeliverable ones by reason. Counts only: no text, no chat. Telegram's
messages only: a partner's webhook being down must not make the service look unhealthy."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import func
from sqlmodel import col, select

from triage.services.common.deps import TriageDeps
from triage.services.outbox.queue import TELEGRAM
from triage.storage.tables import OutboxMessage


@dataclass(frozen=True, slots=True)
class Backlog:
    pending: int
    oldest_due: timedelta | None  # None: nothing is due
    undeliverable: dict[str, int] = field(default_factory=dict)  # by reason

    @property
    def undeliverable_total(self) -> int:
        return sum(self.undeliverable.values())


async def outbox_backlog(deps: TriageDeps, now: datetime) -> Backlog:
    """Three small reads over the (status, next_attempt_at) index."""
    telegram = col(OutboxMessage.channel) == TELEGRAM
    pending = (col(OutboxMessage.status) == "pending") & telegram
    async with deps.uow() as uow:
        count = (await uow.session.exec(select(func.count()).where(pending))).one()
        due = select(func.min(OutboxMessage.next_attempt_at)).where(
            pending, col(OutboxMessage.next_attempt_at) <= now
        )
        earliest = (await uow.session.exec(due)).one()
        reasons = select(col(OutboxMessage.failure), func.count()).where(
            col(OutboxMessage.status) == "undeliverable", telegram
        )
        given_up = (await uow.session.exec(reasons.group_by(col(OutboxMessage.failure)))).all()
    return Backlog(
        pending=count,
        oldest_due=max(now - earliest, timedelta(0)) if earliest is not None else None,
        undeliverable={reason or "unknown": n for reason, n in given_up},
    )
