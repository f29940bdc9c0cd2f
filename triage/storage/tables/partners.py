"""Partner systems that read the API (`/api/v1/`) and may receive case events by webhook."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field, SQLModel

from triage.storage.tables.columns import json_list, sealed_text


class Partner(SQLModel, table=True):
    """One partner's bearer token and grant. Only a SHA-256 hash of the token is stored (the
    token is 256 random bits, shown once when made). `scopes`: stats, cases, pii; `regions`:
    province or kabupaten/kota codes. The rate limit's window is kept here, so every process
    counts the same calls. The webhook's secret signs deliveries, so it is kept (encrypted at
    rest), never shown again after it is made."""

    __tablename__ = "partner"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True, max_length=64)
    token_hash: str = Field(unique=True, max_length=64)
    scopes: list[str] = json_list()
    regions: list[str] = json_list()
    created_at: datetime
    expires_at: datetime | None = None
    revoked_at: datetime | None = None
    last_used_at: datetime | None = None
    rate_window_started_at: datetime | None = None
    rate_window_calls: int = 0
    webhook_url: str | None = Field(default=None, max_length=500)
    webhook_secret: str | None = sealed_text("partner.webhook_secret")
