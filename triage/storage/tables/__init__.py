"""SQLModel tables: the database schema. Imports sqlmodel/sqlalchemy only.

Every datetime is timezone-aware UTC. Telegram ids are 64-bit (BigInteger).
Personal data (description, address, phone, evidence file ids) lives in `report`; drafts hold
the answers of a report in progress, and `inbox_update` the updates received by webhook until
a while after they are processed. The sensitive columns among them are encrypted at rest
(`Sealed…` types, triage/storage/encryption): never filter or sort on them in SQL.
Grouped by what they hold: `cases`, `people`, `messaging`, `security`, `directory`; import
them from here.
"""

from __future__ import annotations

from sqlmodel import SQLModel

from triage.storage.tables.cases import AssessmentRow, Assignment, CaseEvent, Deadline, Report
from triage.storage.tables.directory import ReferralRow, ServiceEntry
from triage.storage.tables.messaging import (
    ChatProfile,
    Draft,
    InboxUpdate,
    OutboxMessage,
    ProcessedUpdate,
)
from triage.storage.tables.partners import Partner
from triage.storage.tables.people import AuditLog, StaffUser, Worker
from triage.storage.tables.security import LoginThrottleRow, StaffSession
from triage.storage.tables.stamps import ChangeStamp

__all__ = [
    "AssessmentRow",
    "Assignment",
    "AuditLog",
    "CaseEvent",
    "ChangeStamp",
    "ChatProfile",
    "Deadline",
    "Draft",
    "InboxUpdate",
    "LoginThrottleRow",
    "OutboxMessage",
    "Partner",
    "ProcessedUpdate",
    "ReferralRow",
    "Report",
    "SQLModel",
    "ServiceEntry",
    "StaffSession",
    "StaffUser",
    "Worker",
]
