"""The bot's side of the outbox port: each message built in the recipient's language."""

from __future__ import annotations

from bot.messages import cases, reporter, sla
from triage.i18n import Translator
from triage.services.outbox.notices import (
    DeadlineBreach,
    DeadlineReminder,
    Digest,
    HelpRequest,
    NewCase,
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

    def draft_reminder(self, to: Envelope) -> OutgoingMessage:
        return reporter.draft_message(self.tr, to, reporter.DRAFT_REMINDER)

    def draft_discarded(self, to: Envelope) -> OutgoingMessage:
        return reporter.draft_message(self.tr, to, reporter.DRAFT_DISCARDED)
