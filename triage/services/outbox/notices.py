"""What outbox messages say, as plain values: the services fill these in, the bot words them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from triage.domain.model import Reason
from triage.domain.sla import DeadlineKind


@dataclass(frozen=True, slots=True)
class NewCase:
    """A case just assigned: what, where, how urgent, why, and by when to accept it."""

    assignment_id: int
    reference: str
    urgency: str
    place: str
    categories: tuple[str, ...]
    story: str
    reasons: tuple[Reason, ...]
    accept_due: datetime
    zone_code: str  # a region code of the assignee's time zone
    duplicate_of: str | None = None


@dataclass(frozen=True, slots=True)
class HelpRequest:
    """A worker asks a supervisor for help with a case."""

    worker_name: str
    reference: str
    urgency: str
    place: str


@dataclass(frozen=True, slots=True)
class DeadlineReminder:
    """A target of the case is near; `region_code` (the case's) sets the time zone."""

    kind: DeadlineKind
    reference: str
    urgency: str
    region_code: str | None
    due: datetime
    assignment_id: int | None


@dataclass(frozen=True, slots=True)
class DeadlineBreach:
    """A target of the case was missed; the case summary for the supervisor one step up."""

    kind: DeadlineKind
    reference: str
    urgency: str
    place: str
    categories: tuple[str, ...]
    story: str
    region_code: str | None
    received_at: datetime
    due: datetime
    assignment_id: int | None


@dataclass(frozen=True, slots=True)
class StaleCase:
    """Nothing happened on the case since `since`."""

    reference: str
    urgency: str
    region_code: str | None
    since: datetime


@dataclass(frozen=True, slots=True)
class QuietReferral:
    """A referral with no news since `since`; the button opens the case's card."""

    reference: str
    service_name: str  # the directory's name, or the worker's words (to the worker only)
    status: str  # triage.domain.referrals.ReferralStatus
    region_code: str | None
    since: datetime
    assignment_id: int | None


@dataclass(frozen=True, slots=True)
class OverdueLine:
    """One overdue case in a digest: which target it missed first."""

    reference: str
    urgency: str
    place: str
    missed: DeadlineKind


@dataclass(frozen=True, slots=True)
class Digest:
    """A supervisor's day: open cases, and the overdue ones, most urgent first."""

    day: date
    open_count: int
    overdue: tuple[OverdueLine, ...]


@dataclass(frozen=True, slots=True)
class StaffAssignment:
    """Staff handed the case to this person on the admin page, with their reason."""

    case: NewCase
    reason: str


@dataclass(frozen=True, slots=True)
class CaseMovedAway:
    """To the previous holder: staff handed the case to someone else (`new_holder`'s name)."""

    reference: str
    new_holder: str


@dataclass(frozen=True, slots=True)
class StaffNote:
    """A note staff wrote on the case page and chose to send to whoever holds the case."""

    reference: str
    text: str


@dataclass(frozen=True, slots=True)
class StaffStatusChange:
    """To the holder: staff set the case's status (`status` a CaseStatus value)."""

    reference: str
    status: str
    referral: str | None = None  # a Referral value when the case was referred


@dataclass(frozen=True, slots=True)
class StaffClosure:
    """To the holder: staff closed the case with an outcome (an Outcome value)."""

    reference: str
    outcome: str


@dataclass(frozen=True, slots=True)
class DuplicateMarking:
    """To the holder: staff marked the case as the same as `other`, or removed that mark."""

    reference: str
    other: str
    marked: bool


@dataclass(frozen=True, slots=True)
class ReporterUpdate:
    """To the reporter who asked to be kept informed: a message staff wrote about their report."""

    reference: str
    text: str
