"""Telegram-side state: the outbox, reporters' drafts and chat profiles, seen update ids, and
the inbox of updates received by webhook."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, Index
from sqlmodel import Field, SQLModel

from triage.storage.tables.columns import sealed_json_dict, sealed_text


class OutboxMessage(SQLModel, table=True):
    """A message to send, written in the same transaction as the change it announces.

    `channel` says where it goes: `telegram` (to `chat_id`; the text and buttons) or
    `webhook` (a case event posted to the partner `partner_id`'s URL; `text` is the JSON body,
    `chat_id` is None). Both are claimed, retried and given up by the same rules.
    """

    __tablename__ = "outbox_message"
    __table_args__ = (Index("ix_outbox_due", "status", "next_attempt_at"),)

    id: int | None = Field(default=None, primary_key=True)
    dedup_key: str = Field(unique=True, max_length=128)
    created_at: datetime
    channel: str = Field(default="telegram", max_length=16)
    chat_id: int | None = Field(default=None, sa_type=BigInteger)
    partner_id: int | None = Field(default=None, foreign_key="partner.id", index=True)
    text: str = sealed_text("outbox_message.text", nullable=False)
    reply_markup: dict[str, Any] | None = Field(default=None, sa_type=JSON)
    report_id: int | None = Field(default=None, foreign_key="report.id", index=True)
    status: str = Field(default="pending", max_length=16)
    attempts: int = 0
    next_attempt_at: datetime
    claimed_by: str | None = Field(default=None, max_length=64)
    claimed_until: datetime | None = None
    sent_at: datetime | None = None
    telegram_message_id: int | None = Field(default=None, sa_type=BigInteger)
    last_error: str | None = Field(default=None, max_length=300)  # the latest failure's kind
    # Why it is undeliverable (a triage.domain.delivery Failure value or too_many_attempts),
    # and since when; its text is dropped then.
    failure: str | None = Field(default=None, max_length=24)
    failed_at: datetime | None = None


class Draft(SQLModel, table=True):
    """A questionnaire in progress, one per private chat; `version` guards concurrent writes."""

    chat_id: int = Field(sa_type=BigInteger, primary_key=True)
    user_id: int = Field(sa_type=BigInteger)
    step: str = Field(max_length=32)
    answers: dict[str, Any] = sealed_json_dict("draft.answers")
    version: int = 1
    created_at: datetime
    updated_at: datetime = Field(index=True)
    reminded_at: datetime | None = None
    prompt_message_id: int | None = Field(default=None, sa_type=BigInteger)
    prompt_has_reply_keyboard: bool = False
    # The update_id of the last update that changed the draft: one processed again (its
    # process died before the inbox row was marked) is recognised.
    last_update_id: int | None = Field(default=None, sa_type=BigInteger)


class ChatProfile(SQLModel, table=True):
    """What we remember about a Telegram user between reports: language and consent."""

    __tablename__ = "chat_profile"

    user_id: int = Field(sa_type=BigInteger, primary_key=True)
    language: str | None = Field(default=None, max_length=5)
    consented_at: datetime | None = None
    blocked: bool = False
    # A report reference whose rating comment the next text message will be.
    awaiting_comment_for: str | None = Field(default=None, max_length=16)
    created_at: datetime


class ProcessedUpdate(SQLModel, table=True):
    """Telegram update ids already handled, so a redelivered update is ignored."""

    __tablename__ = "processed_update"

    update_id: int = Field(sa_type=BigInteger, primary_key=True)
    received_at: datetime = Field(index=True)


class InboxUpdate(SQLModel, table=True):
    """An update Telegram posted to the webhook, stored before Telegram is answered.

    `payload` is the update as Telegram sent it: personal (what reporters wrote, names, phone
    numbers, places), encrypted at rest. It is read only to process the update, never logged
    nor shown, and the
    row is deleted a while after processing. `status`: pending (stored, not processed yet),
    processed, failed (to try again at the next start) or abandoned (failed too often).
    """

    __tablename__ = "inbox_update"
    __table_args__ = (Index("ix_inbox_update_waiting", "status", "update_id"),)

    id: int | None = Field(default=None, primary_key=True)
    update_id: int = Field(sa_type=BigInteger, unique=True)
    received_at: datetime
    payload: dict[str, Any] = sealed_json_dict("inbox_update.payload")
    status: str = Field(default="pending", max_length=16)
    attempts: int = 0
    processed_at: datetime | None = Field(default=None, index=True)
    last_error: str | None = Field(default=None, max_length=120)
    claimed_by: str | None = Field(default=None, max_length=64)
    claimed_until: datetime | None = None
