"""The case tables: the report, its assessments, assignments, timeline events and deadlines."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    Column,
    Computed,
    Index,
    Integer,
    cast,
    desc,
    func,
    literal_column,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import defer
from sqlmodel import Field, SQLModel

from triage.storage.encryption.columns import Sealed
from triage.storage.tables.columns import (
    json_list,
    sealed_float,
    sealed_json_dict,
    sealed_json_list,
    sealed_text,
)

PERIOD_COLUMNS = (
    "received_at", "urgency", "status", "kabkota_code", "assigned_worker_id",
    "accepted_at", "first_contact_at", "closed_at", "id",
)  # fmt: skip
# A deadline key's level 1 (deadline_keys.py); the backslash keeps text() from reading `:l1`
# as a bound parameter.
FIRST_STEP_KEYS = "\"key\" LIKE '%\\:l1'"
NOT_ANONYMISED = "anonymised_at IS NULL"
# The open cases (every status but closed, sorted), as a literal condition: SQLite uses a
# partial index only for a query that names its condition, not one with bound parameters.
OPEN_CASES = "status IN ('accepted', 'assigned', 'contacted', 'new', 'referred', 'visited')"
PHONE_KEPT = "contact_phone IS NOT NULL"
# Sort keys the database derives from a report's urgency and status (migration 0008), so the
# queue seeks through an index instead of sorting CASE expressions over the whole table.
# The orders are the domain's (`Urgency`, most urgent first; `PROGRESS`, then closed);
# tests/triage/storage/test_queue_ranks.py checks them against it.
URGENCY_RANK_SQL = (
    "CASE urgency WHEN 'DARURAT' THEN 0 WHEN 'TINGGI' THEN 1 WHEN 'SEDANG' THEN 2"
    " WHEN 'RENDAH' THEN 3 ELSE 4 END"
)
STATUS_RANK_SQL = (
    "CASE status WHEN 'new' THEN 0 WHEN 'assigned' THEN 1 WHEN 'accepted' THEN 2"
    " WHEN 'contacted' THEN 3 WHEN 'visited' THEN 4 WHEN 'referred' THEN 5"
    " WHEN 'closed' THEN 6 ELSE 7 END"
)
# Open before finished (closed adds 10), then most urgent: the queue's default order.
QUEUE_RANK_SQL = f"CASE WHEN status = 'closed' THEN 10 ELSE 0 END + {URGENCY_RANK_SQL}"


class Report(SQLModel, table=True):
    """A submitted report: the case. Sensitive; shown to staff by role and region only."""

    # The dashboard reads a period's cases from this index alone (it holds every column the
    # dashboard needs), instead of fetching each row from the table.
    # The open cases now, by the keys the dashboard counts them by (urgency, status, region,
    # holder): their index alone, not the whole table's rows, most of them closed.
    # The daily retention run finds closed cases not yet anonymised, and those with a phone
    # number still kept, by their closing time; a case leaves each index once done.
    __table_args__ = (
        Index("ix_report_period", *PERIOD_COLUMNS),
        Index("ix_report_changed", "last_event_at", "id"),  # the partner API's cases feed
        Index(
            "ix_report_open",
            "urgency",
            "status",
            "kabkota_code",
            "assigned_worker_id",
            sqlite_where=text(OPEN_CASES),
            postgresql_where=text(OPEN_CASES),
        ),
        Index(
            "ix_report_retention",
            "closed_at",
            sqlite_where=text(NOT_ANONYMISED),
            postgresql_where=text(NOT_ANONYMISED),
        ),
        Index(
            "ix_report_phone_retention",
            "closed_at",
            sqlite_where=text(PHONE_KEPT),
            postgresql_where=text(PHONE_KEPT),
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    reference: str = Field(unique=True, max_length=16)
    received_at: datetime = Field(index=True)
    reporter_chat_id: int = Field(sa_type=BigInteger, index=True)
    # The Telegram update that submitted it: a submit processed again is answered with this
    # report's reference instead of "no report in progress".
    intake_update_id: int | None = Field(default=None, sa_type=BigInteger)
    language: str = Field(default="id", max_length=5)
    categories: list[str] = json_list()
    child_age: int | None = None  # an exact age as typed; None for a band or unknown
    age_band_lower: int | None = None  # a band as chosen ("6–12"): both bounds, or neither
    age_band_upper: int | None = None
    child_sex: str | None = Field(default=None, max_length=8)  # "female", "male"; None: unknown
    children_count: int | None = None
    happened: str | None = Field(default=None, max_length=8)  # "now", "today", "week", "earlier"
    reporter_relation: str | None = Field(default=None, max_length=16)  # "family", "self", …
    immediate_danger: str = Field(default="unknown", max_length=8)
    perpetrator_access: str = Field(default="unknown", max_length=8)
    injured: str = Field(default="unknown", max_length=8)
    repeated: str = Field(default="unknown", max_length=8)
    disability: bool | None = None
    # Encrypted at rest (triage/storage/encryption), never searched in SQL: the story, the
    # place, the reporter's words and contacts, the files.
    description: str = sealed_text("report.description", nullable=False)
    kabkota_code: str | None = Field(default=None, index=True, max_length=8)
    kecamatan_code: str | None = Field(default=None, max_length=12)
    latitude: float | None = sealed_float("report.latitude")
    longitude: float | None = sealed_float("report.longitude")
    address: str | None = sealed_text("report.address")  # at most 500 characters
    evidence: list[dict[str, str]] = sealed_json_list("report.evidence")
    contact_phone: str | None = sealed_text("report.contact_phone")  # at most 32
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
    rating_comment: str | None = sealed_text("report.rating_comment")  # at most 1000
    # When retention cleared the personal details (triage/domain/retention.py); None: not yet.
    anonymised_at: datetime | None = None
    # Computed by the database (STORED here; migration 0008 makes them VIRTUAL on SQLite):
    # never set them, an INSERT or UPDATE skips them.
    urgency_rank: int | None = Field(
        default=None, sa_column=Column(Integer, Computed(URGENCY_RANK_SQL, persisted=True))
    )
    status_rank: int | None = Field(
        default=None, sa_column=Column(Integer, Computed(STATUS_RANK_SQL, persisted=True))
    )
    queue_rank: int | None = Field(
        default=None, sa_column=Column(Integer, Computed(QUEUE_RANK_SQL, persisted=True))
    )


def without_sealed_details() -> list[Any]:
    """Load options for lists of whole reports that show none of the encrypted columns: they
    are not read, so not decrypted (and reading one by mistake raises instead of loading)."""
    return [
        defer(getattr(Report, column.name), raiseload=True)
        for column in SQLModel.metadata.tables["report"].columns
        if isinstance(column.type, Sealed)
    ]


# The queue's orders, each with its tie-breaks (newest first, then id): a page is a seek on
# one of these, read forwards or backwards. REGION_KEY sorts an unknown region first. The
# default order's index also holds the times "overdue now" compares, so counting the
# overdue cases reads the index alone. The category filter looks into a JSON list: an index
# of the lists on SQLite (scanned instead of the table), a GIN index on PostgreSQL.
_report = SQLModel.metadata.tables["report"].c
REGION_KEY = func.coalesce(_report.kabkota_code, literal_column("''"))
_NEWEST = (desc(_report.received_at), desc(_report.id))
QUEUE_INDEXES = (
    Index(
        "ix_report_queue_rank",
        _report.queue_rank,
        *_NEWEST,
        _report.accepted_at,
        _report.first_contact_at,
    ),
    Index("ix_report_urgency_rank", _report.urgency_rank, *_NEWEST),
    Index("ix_report_status_rank", _report.status_rank, *_NEWEST),
    Index("ix_report_region_key", REGION_KEY, *_NEWEST),
    Index("ix_report_kabkota_queue", _report.kabkota_code, _report.queue_rank, *_NEWEST),
    Index("ix_report_worker_newest", _report.assigned_worker_id, *_NEWEST),
    Index("ix_report_worker_queue", _report.assigned_worker_id, _report.queue_rank, *_NEWEST),
    Index("ix_report_received_id", _report.received_at, _report.id),
    Index("ix_report_categories", _report.categories).ddl_if(dialect="sqlite"),
    Index(
        "ix_report_categories_gin", cast(_report.categories, JSONB), postgresql_using="gin"
    ).ddl_if(dialect="postgresql"),
)


class AssessmentRow(SQLModel, table=True):
    """An assessment as made by one rules version; never edited (overrides are events)."""

    __tablename__ = "assessment"

    id: int | None = Field(default=None, primary_key=True)
    report_id: int = Field(foreign_key="report.id", index=True)
    created_at: datetime
    urgency: str = Field(max_length=8)
    score: int
    # A reason may quote words of the story: encrypted at rest.
    reasons: list[dict[str, Any]] = sealed_json_list("assessment.reasons")
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
    decline_reason: str | None = sealed_text("assignment.decline_reason")  # code: typed words


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
    data: dict[str, Any] = sealed_json_dict("case_event.data")  # notes, typed reasons


class Deadline(SQLModel, table=True):
    """A durable SLA timer; `key` makes each reminder or escalation fire at most once."""

    __table_args__ = (
        Index("ix_deadline_due", "status", "due_at"),
        # The dashboard's tallies: first-step deadlines only (the target itself, level 1),
        # with every column the tally reads, so it never touches the table.
        Index(
            "ix_deadline_first_step",
            "report_id",
            "kind",
            "status",
            "due_at",
            "key",
            sqlite_where=text(FIRST_STEP_KEYS),
            postgresql_where=text(FIRST_STEP_KEYS),
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(unique=True, max_length=128)
    report_id: int | None = Field(default=None, foreign_key="report.id", index=True)
    kind: str = Field(max_length=32)
    due_at: datetime
    status: str = Field(default="pending", max_length=16)
    claimed_by: str | None = Field(default=None, max_length=64)
    claimed_until: datetime | None = None
    fired_at: datetime | None = None
