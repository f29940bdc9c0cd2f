"""The directory of services (UPTD PPA, Unit PPA Polres, Puskesmas, …) and the referrals of
cases to them. A service's contact details are public, not personal data; what a worker types
about a referral (a service not in the directory, why it was declined) is sealed."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Index, true
from sqlmodel import Field, SQLModel

from triage.storage.tables.columns import json_list, sealed_text


class ServiceEntry(SQLModel, table=True):
    """One service of the directory. A deactivated service keeps its row for past referrals."""

    __tablename__ = "service"
    __table_args__ = (Index("ix_service_type_name", "type", "name"),)

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=200)
    type: str = Field(max_length=24)  # triage.domain.referrals.ServiceType
    region_codes: list[str] = json_list()  # kabupaten/kota or province codes it serves
    address: str | None = Field(default=None, max_length=300)
    phone: str | None = Field(default=None, max_length=32)
    whatsapp: str | None = Field(default=None, max_length=32)
    hours: str | None = Field(default=None, max_length=200)
    offers: str | None = Field(default=None, max_length=500)  # what it offers
    last_verified: date | None = None
    active: bool = Field(default=True, sa_column_kwargs={"server_default": true()})
    created_at: datetime
    updated_at: datetime


class ReferralRow(SQLModel, table=True):
    """A case referred to a service: a directory entry, or one the worker typed (sealed)."""

    __tablename__ = "referral"
    # The reminder sweep reads the open referrals by their last update.
    __table_args__ = (Index("ix_referral_status_updated", "status", "updated_at"),)

    id: int | None = Field(default=None, primary_key=True)
    report_id: int = Field(foreign_key="report.id", index=True)
    service_id: int | None = Field(default=None, foreign_key="service.id", index=True)
    service_type: str = Field(max_length=24)  # the service's type then; "other" when typed
    typed_service: str | None = sealed_text("referral.typed_service")  # "other, type it"
    status: str = Field(default="sent", max_length=16)  # ReferralStatus
    decline_note: str | None = sealed_text("referral.decline_note")  # typed words
    worker_id: int | None = Field(default=None, foreign_key="worker.id")
    created_at: datetime
    updated_at: datetime  # the last status change
    reminded_at: datetime | None = None  # the last "no update for 7 days" reminder
