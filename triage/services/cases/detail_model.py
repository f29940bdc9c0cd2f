"""What the case page shows, as plain data: the case, its timeline, times and deadlines."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from triage.domain.age import ChildAge
from triage.domain.child_sex import ChildSex
from triage.domain.model import Reason
from triage.services.referrals.lines import ReferralLine


@dataclass(frozen=True, slots=True)
class OriginalAssessment:
    urgency: str
    score: int
    reasons: tuple[Reason, ...]
    rules_version: str


@dataclass(frozen=True, slots=True)
class AssignmentLine:
    """Who held the case; `worker_name` None means the national queue."""

    worker_name: str | None
    kind: str
    assigned_at: datetime
    active: bool
    accepted_at: datetime | None
    declined_at: datetime | None
    decline_code: str | None
    decline_text: str | None


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    """One event: whitelisted codes in `facts`, never the reporter's words."""

    at: datetime
    kind: str
    actor: str
    actor_name: str | None
    facts: Mapping[str, str]
    staff_text: str | None


@dataclass(frozen=True, slots=True)
class ResponseTime:
    """One measure ("accept", "first_contact", "closure") counted from receipt."""

    measure: str
    done_at: datetime | None
    elapsed: timedelta | None
    target: timedelta | None
    overdue: bool


@dataclass(frozen=True, slots=True)
class PendingDeadline:
    kind: str
    level: int
    due_at: datetime
    overdue: bool


@dataclass(frozen=True, slots=True)
class WorkerChoice:
    """Someone staff may hand the case to, as the reassign form lists them."""

    id: int
    name: str
    role: str
    covers_case: bool  # works in the case's kabupaten/kota (directly or by province)
    on_duty: bool  # on duty and not on leave
    open_cases: int


@dataclass(frozen=True, slots=True)
class EvidenceItem:
    """A photo or voice note the reporter sent, numbered from 1 as on the page."""

    number: int
    kind: str  # "photo" or "voice"


@dataclass(frozen=True, slots=True)
class UndeliveredMessage:
    """A Telegram message about the case that has not reached its recipient (no text)."""

    queued_at: datetime
    recipient: str  # "reporter", "staff" (a worker or supervisor by name) or "unknown"
    recipient_name: str | None
    given_up: bool  # False: still being tried
    reason: str  # a triage.domain.delivery Failure value, or too_many_attempts
    attempts: int
    failed_at: datetime | None  # when it was given up
    next_attempt_at: datetime | None  # when it is tried next (still being tried)


@dataclass(frozen=True, slots=True)
class CaseDetail:
    """The whole case page; the phone only when the reporter agreed to be contacted."""

    reference: str
    received_at: datetime
    urgency: str
    status: str
    categories: tuple[str, ...]
    child_age: ChildAge
    child_sex: ChildSex | None
    happened: str | None  # a WHEN_OPTIONS code
    reporter_relation: str | None  # a RELATION_OPTIONS code
    kabkota_code: str | None
    kecamatan_code: str | None
    address: str | None
    description: str
    evidence_count: int
    reporter_phone: str | None
    original: OriginalAssessment | None
    assignments: tuple[AssignmentLine, ...]
    timeline: tuple[TimelineEntry, ...]
    response_times: tuple[ResponseTime, ...]
    deadlines: tuple[PendingDeadline, ...]
    holder_id: int | None = None
    holder_name: str | None = None
    holder_reachable: bool = False  # the holder can be written to in Telegram
    notify_reporter: bool = False  # the reporter asked to be kept informed
    duplicate_of: str | None = None  # the reference of the case this one repeats
    duplicate_of_visible: bool = False  # whether the viewer may open that case
    undelivered: tuple[UndeliveredMessage, ...] = ()  # messages given up or being retried
    evidence: tuple[EvidenceItem, ...] = ()
    staff_statuses: tuple[str, ...] = ()  # the statuses staff may set now
    workers: tuple[WorkerChoice, ...] = ()  # whom staff may hand the case to
    anonymised_at: datetime | None = None  # when retention cleared its personal details
    phone_cleared: bool = False  # the reporter shared a number; retention has cleared it
    referrals: tuple[ReferralLine, ...] = ()  # to the directory's services, or typed
