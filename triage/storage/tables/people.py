"""Who works the cases: social workers, staff logins, and the audit log of what staff did."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, Index, true
from sqlmodel import Field, SQLModel

from triage.storage.tables.columns import json_dict, json_list


class Worker(SQLModel, table=True):
    """A social worker or supervisor, bound to a Telegram account.

    A deactivated worker (`active` false) keeps their row for the case history, but routing,
    the bot and imports pass them by; deactivation also clears the Telegram binding.
    Unbinding ends the binding alone: the worker stays active until invited again.
    """

    # The queue sorted by worker walks the workers in name order (migration 0008).
    __table_args__ = (Index("ix_worker_name", "name", "id"),)

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=120)
    telegram_user_id: int | None = Field(default=None, sa_type=BigInteger, unique=True)
    role: str = Field(default="worker", max_length=16)
    region_codes: list[str] = json_list()
    on_duty: bool = True
    duty_hours: dict[str, Any] | None = Field(default=None, sa_type=JSON)
    on_leave_until: datetime | None = None
    phone: str | None = Field(default=None, max_length=32)
    last_assigned_at: datetime | None = None
    invite_code_hash: str | None = Field(default=None, max_length=128, unique=True)
    invite_expires_at: datetime | None = None  # the open invite stops working then
    # The invite that made the current binding: when it was redeemed, and the @username
    # Telegram gave then (None without one). Personal: shown only to who may manage them.
    invite_redeemed_at: datetime | None = None
    invite_redeemed_username: str | None = Field(default=None, max_length=64)
    # The Telegram account whose access ended (deactivated, unbound, moved to another
    # account): the bot tells it politely that its access ended.
    ended_telegram_user_id: int | None = Field(default=None, sa_type=BigInteger, index=True)
    active: bool = Field(default=True, sa_column_kwargs={"server_default": true()})
    deactivated_at: datetime | None = None
    deactivation_reason: str | None = Field(default=None, max_length=500)  # staff wrote it
    created_at: datetime
    updated_at: datetime


class StaffUser(SQLModel, table=True):
    """A person who logs in to the admin view."""

    __tablename__ = "staff_user"

    id: int | None = Field(default=None, primary_key=True)
    username: str = Field(unique=True, max_length=64)
    password_hash: str = Field(max_length=256)
    role: str = Field(default="admin", max_length=16)
    region_codes: list[str] = json_list()
    active: bool = True
    created_at: datetime
    last_login_at: datetime | None = None
    must_change_password: bool = False  # a temporary password set by an admin
    # TOTP second factor: the secret encrypted with a key derived from SECRET_KEY, the last
    # time step used (a code works once), and SHA-256 hashes of the unused recovery codes.
    totp_secret: str | None = Field(default=None, max_length=256)
    totp_last_step: int | None = Field(default=None, sa_type=BigInteger)
    recovery_code_hashes: list[str] = json_list()
    # The admin view's language ("id", "en"), kept on the account so every browser shows it;
    # None until the person chooses one. Not personal, not secret.
    language: str | None = Field(default=None, max_length=8)


class AuditLog(SQLModel, table=True):
    """Who viewed or changed what, and refused attempts. Ids only, never message text."""

    __tablename__ = "audit_log"

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(index=True)
    actor: str = Field(max_length=64, index=True)
    action: str = Field(max_length=48)
    report_id: int | None = Field(default=None, index=True)
    detail: dict[str, Any] = json_dict()
    source_address: str | None = Field(default=None, max_length=64)  # where the request came from
