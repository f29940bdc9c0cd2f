"""The port through which services have outbox messages built, and the message they queue.

Services hand over plain values (`triage.services.outbox.notices`), never ORM rows, and queue
the returned message in their own transaction. The bot implements the port (`bot.messages`);
this module imports only the notices.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

from triage.services.outbox.notices import (
    CaseMovedAway,
    DeadlineBreach,
    DeadlineReminder,
    Digest,
    DuplicateMarking,
    HelpRequest,
    NewCase,
    QuietReferral,
    ReporterUpdate,
    StaffAssignment,
    StaffClosure,
    StaffNote,
    StaffStatusChange,
    StaleCase,
)


@dataclass(frozen=True, slots=True)
class OutgoingMessage:
    """One message for the outbox; `dedup_key` makes sure it is queued only once."""

    dedup_key: str
    chat_id: int
    text: str
    reply_markup: dict[str, Any] | None = None


@dataclass(frozen=True, slots=True)
class Envelope:
    """Where a message goes, in which language, and the key that queues it only once."""

    dedup_key: str
    chat_id: int
    lang: str = "id"  # workers and supervisors read Indonesian


class OutboxMessages(Protocol):
    """Builds the text and buttons of every message the system sends on its own."""

    def new_case(self, to: Envelope, case: NewCase) -> OutgoingMessage:
        """To the new assignee: the case, and Accept / Decline buttons."""
        ...

    def reporter_accepted(self, to: Envelope, reference: str) -> OutgoingMessage:
        """To the reporter: a social worker took the case."""
        ...

    def reporter_closed(self, to: Envelope, reference: str) -> OutgoingMessage:
        """To the reporter: the case is closed; 1-5 rating buttons."""
        ...

    def help_request(self, to: Envelope, request: HelpRequest) -> OutgoingMessage:
        """To a supervisor: a worker asks for help with a case."""
        ...

    def deadline_reminder(self, to: Envelope, reminder: DeadlineReminder) -> OutgoingMessage:
        """To whoever holds the case: a target is near (accept reminders carry the button)."""
        ...

    def deadline_breach(self, to: Envelope, breach: DeadlineBreach) -> OutgoingMessage:
        """To a supervisor one step up: a target was missed (accept breaches carry the button)."""
        ...

    def stale_case(self, to: Envelope, case: StaleCase) -> OutgoingMessage:
        """To the assignee: nothing has happened on the case for a while."""
        ...

    def daily_digest(self, to: Envelope, digest: Digest) -> OutgoingMessage:
        """To a supervisor: open and overdue cases of their regions."""
        ...

    def referral_reminder(self, to: Envelope, referral: QuietReferral) -> OutgoingMessage:
        """To the case's worker: a referral has had no update for a week."""
        ...

    def draft_reminder(self, to: Envelope) -> OutgoingMessage:
        """To a reporter: the questionnaire they left is still waiting."""
        ...

    def draft_discarded(self, to: Envelope) -> OutgoingMessage:
        """To a reporter: the questionnaire they left was deleted."""
        ...

    def staff_assignment(self, to: Envelope, assignment: StaffAssignment) -> OutgoingMessage:
        """To the new holder chosen by staff: the case, the reason, Accept / Decline buttons."""
        ...

    def case_moved_away(self, to: Envelope, moved: CaseMovedAway) -> OutgoingMessage:
        """To the previous holder: staff handed the case to someone else."""
        ...

    def staff_note(self, to: Envelope, note: StaffNote) -> OutgoingMessage:
        """To the holder: a note staff wrote on the case page."""
        ...

    def staff_status_change(self, to: Envelope, change: StaffStatusChange) -> OutgoingMessage:
        """To the holder: staff set the case's status."""
        ...

    def staff_closure(self, to: Envelope, closure: StaffClosure) -> OutgoingMessage:
        """To the holder: staff closed the case."""
        ...

    def duplicate_marking(self, to: Envelope, marking: DuplicateMarking) -> OutgoingMessage:
        """To the holder: the case was marked (or no longer marked) as a duplicate."""
        ...

    def reporter_update(self, to: Envelope, update: ReporterUpdate) -> OutgoingMessage:
        """To the reporter, in their language: a message from staff about their report."""
        ...
