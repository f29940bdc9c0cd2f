"""SQLModel tables: the database schema. Imports sqlmodel/sqlalchemy only.

Every datetime is timezone-aware UTC. Telegram ids are 64-bit (BigInteger).
Personal data (description, address, phone, evidence file ids) lives only in `report`.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, Column, Index, Text, UniqueConstraint
from sqlmodel import Field, SQLModel


def _json_list() -> Any:
    return Field(default_factory=list, sa_type=JSON)


def _json_dict() -> Any:
    return Field(default_factory=dict, sa_type=JSON)


class Report(SQLModel, table=True):
    """A submitted report: the case. Sensitive; shown to staff by role and region only."""

    id: int | None = Field(default=None, primary_key=True)
    reference: str = Field(unique=True, max_length=16)
    received_at: datetime = Field(index=True)
    reporter_chat_id: int = Field(sa_type=BigInteger, index=True)
    language: str = Field(default="id", max_length=5)
    categories: list[str] = _json_list()
    child_age: int | None = None  # an exact age as typed; None for a band or unknown
    age_band_lower: int | None = None  # a band as chosen ("6–12"): both bounds, or neither
    age_band_upper: int | None = None
    children_count: int | None = None
    immediate_danger: str = Field(default="unknown", max_length=8)
    perpetrator_access: str = Field(default="unknown", max_length=8)
    injured: str = Field(default="unknown", max_length=8)
    repeated: str = Field(default="unknown", max_length=8)
    disability: bool | None = None
    description: str = Field(default="", sa_column=Column(Text, nullable=False))
    kabkota_code: str | None = Field(default=None, index=True, max_length=8)
    kecamatan_code: str | None = Field(default=None, max_length=12)
    latitude: float | None = None
    longitude: float | None = None
    address: str | None = Field(default=None, max_length=500)
    evidence: list[dict[str, str]] = _json_list()
    contact_phone: str | None = Field(default=None, max_length=32)
    contact_consent: bool = False
    notify_reporter: bool = True
    status: str = Field(default="new", index=True, max_length=16)
    urgency: str = Field(index=True, max_length=8)
    assigned_worker_id: int | None = Field(default=None, foreign_key="worker.id", index=True)
    duplicate_of_id: int | None = Field(default=None, foreign_key="report.id")
    accepted_at: datetime | None = None
    first_contact_at: datetime | None = None
    closed_at: datetime | None = None
    last_event_at: datetime | None = None
    rating: int | None = None
    rating_comment: str | None = Field(default=None, max_length=1000)


class AssessmentRow(SQLModel, table=True):
    """An assessment as made by one rules version; never edited (overrides are events)."""

    __tablename__ = "assessment"

    id: int | None = Field(default=None, primary_key=True)
    report_id: int = Field(foreign_key="report.id", index=True)
    created_at: datetime
    urgency: str = Field(max_length=8)
    score: int
    reasons: list[dict[str, Any]] = _json_list()
    rules_version: str = Field(max_length=64)


class Assignment(SQLModel, table=True):
    """Who is responsible for a report, and how that came about. One active row per report."""

    id: int | None = Field(default=None, primary_key=True)
    report_id: int = Field(foreign_key="report.id", index=True)
    worker_id: int | None = Field(default=None, foreign_key="worker.id", index=True)
    kind: str = Field(max_length=24)
    reason_code: str = Field(max_length=48)
    explanation: str = Field(default="", max_length=500)
    created_at: datetime
    active: bool = Field(default=True, index=True)
    accepted_at: datetime | None = None
    declined_at: datetime | None = None
    decline_reason: str | None = Field(default=None, max_length=500)


class Worker(SQLModel, table=True):
    """A social worker or supervisor, bound to a Telegram account."""

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=120)
    telegram_user_id: int | None = Field(default=None, sa_type=BigInteger, unique=True)
    role: str = Field(default="worker", max_length=16)
    region_codes: list[str] = _json_list()
    on_duty: bool = True
    duty_hours: dict[str, Any] | None = Field(default=None, sa_type=JSON)
    on_leave_until: datetime | None = None
    phone: str | None = Field(default=None, max_length=32)
    last_assigned_at: datetime | None = None
    invite_code_hash: str | None = Field(default=None, max_length=128, unique=True)
    created_at: datetime
    updated_at: datetime


class CaseEvent(SQLModel, table=True):
    """One entry on a case's timeline: who did what, when."""

    __tablename__ = "case_event"
    # A worker's latest event tells whether the bot awaits a note or a reason from them.
    __table_args__ = (Index("ix_case_event_actor_id", "actor", "id"),)

    id: int | None = Field(default=None, primary_key=True)
    report_id: int = Field(foreign_key="report.id", index=True)
    at: datetime
    kind: str = Field(max_length=32)
    actor: str = Field(max_length=64)
    data: dict[str, Any] = _json_dict()


class OutboxMessage(SQLModel, table=True):
    """A Telegram message to send; written in the same transaction as the change it announces."""

    __tablename__ = "outbox_message"
    __table_args__ = (Index("ix_outbox_due", "status", "next_attempt_at"),)

    id: int | None = Field(default=None, primary_key=True)
    dedup_key: str = Field(unique=True, max_length=128)
    created_at: datetime
    chat_id: int = Field(sa_type=BigInteger)
    text: str = Field(sa_column=Column(Text, nullable=False))
    reply_markup: dict[str, Any] | None = Field(default=None, sa_type=JSON)
    report_id: int | None = Field(default=None, foreign_key="report.id", index=True)
    status: str = Field(default="pending", max_length=16)
    attempts: int = 0
    next_attempt_at: datetime
    claimed_by: str | None = Field(default=None, max_length=64)
    claimed_until: datetime | None = None
    sent_at: datetime | None = None
    telegram_message_id: int | None = Field(default=None, sa_type=BigInteger)
    last_error: str | None = Field(default=None, max_length=300)


class StaffUser(SQLModel, table=True):
    """A person who logs in to the admin view."""

    __tablename__ = "staff_user"

    id: int | None = Field(default=None, primary_key=True)
    username: str = Field(unique=True, max_length=64)
    password_hash: str = Field(max_length=256)
    role: str = Field(default="admin", max_length=16)
    region_codes: list[str] = _json_list()
    active: bool = True
    created_at: datetime
    last_login_at: datetime | None = None


class Draft(SQLModel, table=True):
    """A questionnaire in progress, one per private chat; `version` guards concurrent writes."""

    chat_id: int = Field(sa_type=BigInteger, primary_key=True)
    user_id: int = Field(sa_type=BigInteger)
    step: str = Field(max_length=32)
    answers: dict[str, Any] = _json_dict()
    version: int = 1
    created_at: datetime
    updated_at: datetime = Field(index=True)
    reminded_at: datetime | None = None
    prompt_message_id: int | None = Field(default=None, sa_type=BigInteger)
    prompt_has_reply_keyboard: bool = False


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


class Deadline(SQLModel, table=True):
    """A durable SLA timer; `key` makes each reminder or escalation fire at most once."""

    __table_args__ = (Index("ix_deadline_due", "status", "due_at"),)

    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(unique=True, max_length=128)
    report_id: int | None = Field(default=None, foreign_key="report.id", index=True)
    kind: str = Field(max_length=32)
    due_at: datetime
    status: str = Field(default="pending", max_length=16)
    claimed_by: str | None = Field(default=None, max_length=64)
    claimed_until: datetime | None = None
    fired_at: datetime | None = None


class AuditLog(SQLModel, table=True):
    """Who viewed or changed what, and refused attempts. Ids only, never message text."""

    __tablename__ = "audit_log"

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(index=True)
    actor: str = Field(max_length=64)
    action: str = Field(max_length=48)
    report_id: int | None = Field(default=None, index=True)
    detail: dict[str, Any] = _json_dict()


__all__ = [
    "AssessmentRow",
    "Assignment",
    "AuditLog",
    "CaseEvent",
    "ChatProfile",
    "Deadline",
    "Draft",
    "OutboxMessage",
    "ProcessedUpdate",
    "Report",
    "SQLModel",
    "StaffUser",
    "UniqueConstraint",
    "Worker",
]
