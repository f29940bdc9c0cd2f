"""The outbox: messages are queued in the same transaction as the change they announce, and
sent later by the sender, which claims them, sends, and marks each sent only once Telegram
took it, or failed: tried again later, or undeliverable with its text dropped (the rules in
`triage.domain.delivery`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Protocol

from sqlmodel import col, select, update
from sqlmodel.ext.asyncio.session import AsyncSession

from triage.domain.delivery import Failure, Verdict, decide
from triage.services.common.deps import TriageDeps
from triage.services.outbox.port import OutgoingMessage
from triage.storage.claims import claim_due, new_claim_token
from triage.storage.tables import OutboxMessage

LEASE = timedelta(seconds=60)
TELEGRAM = "telegram"  # a message to a chat (`bot/sender.py` sends it)
WEBHOOK = "webhook"  # a case event to a partner's URL (`bot/partner_sender.py` posts it)
SENT_TEXT = "[sent]"  # the text is dropped once delivered: Telegram holds it, we need not
DROPPED_TEXT = ""  # nor is it kept once undeliverable: it may name a child or a reporter


@dataclass(frozen=True, slots=True)
class PendingMessage:
    id: int
    chat_id: int
    text: str
    reply_markup: dict[str, Any] | None
    attempts: int
    claim: str  # the claim token: only its holder may mark the message failed or release it


class Claimed(Protocol):
    """A claimed row of either channel, as marking it failed or giving it back needs it."""

    @property
    def id(self) -> int: ...

    @property
    def claim(self) -> str: ...


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
            channel=TELEGRAM,
            chat_id=message.chat_id,
            text=message.text,
            reply_markup=message.reply_markup,
            report_id=report_id,
            next_attempt_at=now,
        )
    )
    return True


async def claim_rows(
    session: AsyncSession, channel: str, owner: str, now: datetime, limit: int
) -> tuple[str, list[OutboxMessage]]:
    """Claim up to `limit` due rows of one channel for `owner` (a process): the claim's
    token and the rows. A claim is a lease; the caller commits."""
    token = new_claim_token(owner)
    ids = await claim_due(
        session,
        OutboxMessage,
        [
            col(OutboxMessage.status) == "pending",
            col(OutboxMessage.next_attempt_at) <= now,
            col(OutboxMessage.channel) == channel,
        ],
        order_by=OutboxMessage.id,
        token=token,
        now=now,
        lease=LEASE,
        limit=limit,
    )
    if not ids:
        return token, []
    query = select(OutboxMessage).where(col(OutboxMessage.id).in_(ids))
    return token, list((await session.exec(query.order_by(col(OutboxMessage.id)))).all())


async def claim_pending(
    deps: TriageDeps, owner: str, now: datetime, limit: int = 20
) -> list[PendingMessage]:
    """Claim up to `limit` due Telegram messages for `owner` (a process)."""
    async with deps.uow() as uow:
        token, rows = await claim_rows(uow.session, TELEGRAM, owner, now, limit)
        await uow.commit()
    return [
        PendingMessage(r.id or 0, r.chat_id or 0, r.text, r.reply_markup, r.attempts, token)
        for r in rows
    ]


async def mark_sent(
    deps: TriageDeps, message_id: int, telegram_message_id: int | None, now: datetime
) -> None:
    """Telegram (or the partner's webhook) took the message: record it whoever holds the
    claim now, and drop the text. One UPDATE, nothing read back (the text is neither opened
    nor kept)."""
    async with deps.uow() as uow:
        await uow.session.exec(
            update(OutboxMessage)
            .where(col(OutboxMessage.id) == message_id)
            .values(
                status="sent",
                sent_at=now,
                text=SENT_TEXT,
                telegram_message_id=telegram_message_id,
                claimed_by=None,
                claimed_until=None,
                attempts=col(OutboxMessage.attempts) + 1,
            )
        )
        await uow.commit()


async def mark_failed(
    deps: TriageDeps,
    message: Claimed,
    failure: Failure,
    now: datetime,
    *,
    detail: str = "",
    retry_after: float | None = None,
) -> Verdict | None:
    """Record a failed try and decide what follows (`deps.delivery`): another try later, or
    undeliverable with the text dropped. None when the claim was lost meanwhile (the lease
    ran out and another sender took the message over): that sender records its own try."""
    async with deps.uow() as uow:
        row = await uow.session.get(OutboxMessage, message.id)
        if row is None or row.status != "pending" or row.claimed_by != message.claim:
            return None
        decision = decide(deps.delivery, failure, row.attempts, deps.jitter(), retry_after)
        row.attempts += 1 if decision.counted else 0
        row.last_error = (f"{failure.value}: {detail}" if detail else failure.value)[:300]
        row.claimed_by = row.claimed_until = None
        row.next_attempt_at = now + decision.wait
        if decision.final:
            row.status, row.failure, row.failed_at = "undeliverable", decision.reason, now
            row.text, row.reply_markup = DROPPED_TEXT, None
        await uow.commit()
    return decision.verdict


async def release(deps: TriageDeps, messages: Sequence[Claimed]) -> None:
    """Give claimed messages back untried (the sender pauses after a 429, or stops): due again
    at once, for any sender; no try is counted."""
    by_claim: dict[str, list[int]] = {}
    for message in messages:
        by_claim.setdefault(message.claim, []).append(message.id)
    async with deps.uow() as uow:
        for claim, ids in by_claim.items():
            await uow.session.exec(
                update(OutboxMessage)
                .where(col(OutboxMessage.id).in_(ids), col(OutboxMessage.claimed_by) == claim)
                .where(col(OutboxMessage.status) == "pending")
                .values(claimed_by=None, claimed_until=None)
            )
        await uow.commit()


async def take_over(deps: TriageDeps) -> int:
    """The process just elected sender frees every claim still held (by a sender that died
    or lost the role): due again at once instead of when the lease runs out. Only the
    elected sender sends, so no claim it frees is being sent by a live one (but a message a
    dead sender had handed to Telegram just before it died goes again: at least once)."""
    async with deps.uow() as uow:
        result = await uow.session.exec(
            update(OutboxMessage)
            .where(col(OutboxMessage.status) == "pending", col(OutboxMessage.channel) == TELEGRAM)
            .where(col(OutboxMessage.claimed_by).is_not(None))
            .values(claimed_by=None, claimed_until=None)
        )
        await uow.commit()
    return int(result.rowcount or 0)
