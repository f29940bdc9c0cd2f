"""Staff sign-in state kept on the server: sessions and login throttle counters."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field, SQLModel

from triage.storage.tables.columns import json_dict


class StaffSession(SQLModel, table=True):
    """A logged-in browser. Only a hash of the cookie's random id is stored, never the id.

    `data` holds what the session remembers between requests (the CSRF token, a one-time
    notice); ending the session is deleting the row.
    """

    __tablename__ = "staff_session"

    id: int | None = Field(default=None, primary_key=True)
    token_hash: str = Field(unique=True, max_length=64)
    staff_id: int = Field(foreign_key="staff_user.id", index=True)
    created_at: datetime
    last_seen_at: datetime = Field(index=True)
    source_address: str | None = Field(default=None, max_length=64)
    user_agent: str | None = Field(default=None, max_length=80)
    data: dict[str, object] = json_dict()


class LoginThrottleRow(SQLModel, table=True):
    """Login attempts counted per account (a keyed hash of the name) or per source address.

    Kept in the database so a restart does not reset them and several processes share them.
    """

    __tablename__ = "login_throttle"

    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(unique=True, max_length=80)
    failures: int = 0
    window_started_at: datetime
    last_attempt_at: datetime = Field(index=True)
