"""The outbox: messages are queued in the same transaction as the change they announce, and
sent later by the dispatcher, which claims them, sends, and marks each sent or retries."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlmodel import col, select, update
from sqlmodel.ext.asyncio.session import AsyncSession

from triage.services.common.deps import TriageDeps
from triage.services.outbox.port import OutgoingMessage
from triage.storage.claims import claim_due, new_claim_token
from triage.storage.tables import OutboxMessage

LEASE = timedelta(seconds=60)
MAX_BACKOFF = timedelta(minutes=30)
SENT_TEXT = "[sent]"  # the text is dropped once delivered: Telegram holds it, we need not


@dataclass(frozen=True, slots=True)
class PendingMessage:
    id: int
    chat_id: int
    text: str
    reply_markup: dict[str, Any] | None
    attempts: int


async def enqueue(
    session: AsyncSession, message: OutgoingMessage, now: datetime, report_id: int | None = None
) -> bool:
    """Queue a message unless one with the same dedup key was queued before."""
    existing = await session.exec(
        select(col(OutboxMessage.id)).where(OutboxMessage.dedup_key == message.dedup_key)
    )
    if existing.first() is not None:
        return False
    session.add(
        OutboxMessage(
            dedup_key=message.dedup_key,
            created_at=now,
            chat_id=message.chat_id,
            text=message.text,
            reply_markup=message.reply_markup,
            report_id=report_id,
            next_attempt_at=now,
        )
    )
    return True


async def claim_pending(
    deps: TriageDeps, owner: str, now: datetime, limit: int = 20
) -> list[PendingMessage]:
    """Claim up to `limit` due messages for `owner` (a process); a claim is a lease."""
    token = new_claim_token(owner)
    async with deps.uow() as uow:
        ids = await claim_due(
            uow.session,
            OutboxMessage,
            [col(OutboxMessage.status) == "pending", col(OutboxMessage.next_attempt_at) <= now],
            order_by=OutboxMessage.id,
            token=token,
            now=now,
            lease=LEASE,
            limit=limit,
        )
        rows = [await uow.session.get(OutboxMessage, i) for i in ids]
        await uow.commit()
    return [
        PendingMessage(r.id or 0, r.chat_id, r.text, r.reply_markup, r.attempts)
        for r in rows
        if r is not None
    ]


async def mark_sent(
    deps: TriageDeps, message_id: int, telegram_message_id: int, now: datetime
) -> None:
    async with deps.uow() as uow:
        row = await uow.session.get(OutboxMessage, message_id)
        if row is not None:
            row.status, row.sent_at, row.text = "sent", now, SENT_TEXT
            row.telegram_message_id = telegram_message_id
            row.claimed_by = row.claimed_until = None
            row.attempts += 1
        await uow.commit()


async def mark_failed(
    deps: TriageDeps,
    message_id: int,
    error: str,
    now: datetime,
    *,
    retry_after: float | None = None,
    permanent: bool = False,
) -> None:
    """Retry later with exponential backoff; a permanent failure (blocked bot) stops retries."""
    async with deps.uow() as uow:
        row = await uow.session.get(OutboxMessage, message_id)
        if row is not None:
            row.attempts += 1
            row.last_error = error[:300]
            row.claimed_by = row.claimed_until = None
            backoff = min(timedelta(seconds=2 ** min(row.attempts, 12)), MAX_BACKOFF)
            wait = timedelta(seconds=retry_after) if retry_after else backoff
            row.next_attempt_at = now + wait
            if permanent:
                row.status = "undeliverable"
        await uow.commit()


async def release(deps: TriageDeps, message_ids: Iterable[int]) -> None:
    """Give back the claims of messages not sent (a stop): due again at once, for any sender."""
    ids = list(message_ids)
    if not ids:
        return
    async with deps.uow() as uow:
        await uow.session.exec(
            update(OutboxMessage)
            .where(col(OutboxMessage.id).in_(ids), col(OutboxMessage.status) == "pending")
            .values(claimed_by=None, claimed_until=None)
        )
        await uow.commit()
