"""Telegram messages about a case that have not reached their recipient: those given up
(blocked bot, deleted account, chat gone, too many tries) and those still being tried.
Shown on the case page, so staff can reach the person another way. No message text: it is
dropped once a message is given up."""

from __future__ import annotations

from sqlmodel import col, or_, select
from sqlmodel.ext.asyncio.session import AsyncSession

from triage.services.cases.detail_model import UndeliveredMessage
from triage.services.outbox.queue import TELEGRAM
from triage.storage.tables import OutboxMessage, Report, Worker


async def undelivered_messages(
    session: AsyncSession, report: Report
) -> tuple[UndeliveredMessage, ...]:
    """The case's messages given up or failed at least once and not yet sent, oldest first."""
    troubled = or_(
        col(OutboxMessage.status) == "undeliverable",
        (col(OutboxMessage.status) == "pending") & (col(OutboxMessage.attempts) > 0),
    )
    query = (
        select(OutboxMessage)
        .where(col(OutboxMessage.report_id) == report.id, troubled)
        .where(col(OutboxMessage.channel) == TELEGRAM)
        .order_by(col(OutboxMessage.created_at), col(OutboxMessage.id))
    )
    rows = list((await session.exec(query)).all())
    chats = {row.chat_id for row in rows if row.chat_id is not None}
    names = await _staff_names(session, chats - {report.reporter_chat_id})
    return tuple(_line(row, report, names) for row in rows)


def _line(row: OutboxMessage, report: Report, names: dict[int, str]) -> UndeliveredMessage:
    given_up = row.status == "undeliverable"
    if row.chat_id == report.reporter_chat_id:
        recipient, name = "reporter", None
    else:
        name = names.get(row.chat_id) if row.chat_id is not None else None
        recipient = "staff" if name is not None else "unknown"
    return UndeliveredMessage(
        queued_at=row.created_at,
        recipient=recipient,
        recipient_name=name,
        given_up=given_up,
        reason=(row.failure if given_up else _kind(row.last_error)) or "unknown",
        attempts=row.attempts,
        failed_at=row.failed_at if given_up else None,
        next_attempt_at=None if given_up else row.next_attempt_at,
    )


def _kind(last_error: str | None) -> str | None:
    """The failure's kind from `last_error` ("network: TimedOut: …" → "network")."""
    return last_error.split(":", 1)[0] if last_error else None


async def _staff_names(session: AsyncSession, chat_ids: set[int]) -> dict[int, str]:
    if not chat_ids:
        return {}
    query = select(col(Worker.telegram_user_id), col(Worker.name)).where(
        col(Worker.telegram_user_id).in_(sorted(chat_ids))
    )
    return {chat: name for chat, name in (await session.exec(query)).all() if chat is not None}
