"""SQLModel tables: the database schema. Imports sqlmodel/sqlalchemy only.

Every datetime is timezone-aware UTC. Telegram ids are 64-bit (BigInteger).
Personal data (description, address, phone, evidence file ids) lives only in `report`.
Grouped by what they hold: `cases`, `people`, `messaging`, `security`; import them from here.
"""

from __future__ import annotations

from sqlmodel import SQLModel

from triage.storage.tables.cases import AssessmentRow, Assignment, CaseEvent, Deadline, Report
from triage.storage.tables.messaging import ChatProfile, Draft, OutboxMessage, ProcessedUpdate
from triage.storage.tables.people import AuditLog, StaffUser, Worker
from triage.storage.tables.security import LoginThrottleRow, StaffSession

__all__ = [
    "AssessmentRow",
    "Assignment",
    "AuditLog",
    "CaseEvent",
    "ChatProfile",
    "Deadline",
    "Draft",
    "LoginThrottleRow",
    "OutboxMessage",
    "ProcessedUpdate",
    "Report",
    "SQLModel",
    "StaffSession",
    "StaffUser",
    "Worker",
]
