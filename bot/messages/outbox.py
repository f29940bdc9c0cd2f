"""The bot's side of the outbox port: each message built in the recipient's language."""

from __future__ import annotations

from bot.messages import cases, referrals, reporter, sla, staff
from triage.i18n import Translator
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
from triage.services.outbox.port import Envelope, OutboxMessages, OutgoingMessage


class TelegramMessages(OutboxMessages):
    """Implements `OutboxMessages` (mypy checks it: the class names the Protocol as its base)."""

    def __init__(self, translator: Translator) -> None:
        self.tr = translator

    def new_case(self, to: Envelope, case: NewCase) -> OutgoingMessage:
        return cases.new_case_message(self.tr, to, case)

    def reporter_accepted(self, to: Envelope, reference: str) -> OutgoingMessage:
        return reporter.accepted_message(self.tr, to, reference)

    def reporter_closed(self, to: Envelope, reference: str) -> OutgoingMessage:
        return reporter.closed_message(self.tr, to, reference)

    def help_request(self, to: Envelope, request: HelpRequest) -> OutgoingMessage:
        return cases.help_request_message(self.tr, to, request)

    def deadline_reminder(self, to: Envelope, reminder: DeadlineReminder) -> OutgoingMessage:
        return sla.reminder_message(self.tr, to, reminder)

    def deadline_breach(self, to: Envelope, breach: DeadlineBreach) -> OutgoingMessage:
        return sla.breach_message(self.tr, to, breach)

    def stale_case(self, to: Envelope, case: StaleCase) -> OutgoingMessage:
        return sla.stale_message(self.tr, to, case)

    def daily_digest(self, to: Envelope, digest: Digest) -> OutgoingMessage:
        return sla.digest_message(self.tr, to, digest)

    def referral_reminder(self, to: Envelope, referral: QuietReferral) -> OutgoingMessage:
        return referrals.reminder_message(self.tr, to, referral)

    def draft_reminder(self, to: Envelope) -> OutgoingMessage:
        return reporter.draft_message(self.tr, to, reporter.DRAFT_REMINDER)

    def draft_discarded(self, to: Envelope) -> OutgoingMessage:
        return reporter.draft_message(self.tr, to, reporter.DRAFT_DISCARDED)

    def staff_assignment(self, to: Envelope, assignment: StaffAssignment) -> OutgoingMessage:
        return staff.assignment_message(self.tr, to, assignment)

    def case_moved_away(self, to: Envelope, moved: CaseMovedAway) -> OutgoingMessage:
        return staff.moved_away_message(self.tr, to, moved)

    def staff_note(self, to: Envelope, note: StaffNote) -> OutgoingMessage:
        return staff.note_message(self.tr, to, note)

    def staff_status_change(self, to: Envelope, change: StaffStatusChange) -> OutgoingMessage:
        return staff.status_message(self.tr, to, change)

    def staff_closure(self, to: Envelope, closure: StaffClosure) -> OutgoingMessage:
        return staff.closure_message(self.tr, to, closure)

    def duplicate_marking(self, to: Envelope, marking: DuplicateMarking) -> OutgoingMessage:
        return staff.duplicate_message(self.tr, to, marking)

    def reporter_update(self, to: Envelope, update: ReporterUpdate) -> OutgoingMessage:
        return staff.reporter_update_message(self.tr, to, update)
