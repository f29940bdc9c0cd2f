"""The reminder about a referral with no news for a week, with a button to the case's card."""

from __future__ import annotations

from bot.callbacks import WorkerAction, worker_data
from bot.messages.keyboards import Button, for_outbox
from bot.messages.parts import case_time, shorten
from bot.worker import texts as t
from triage.domain.referrals import ReferralStatus
from triage.i18n import N_, Translator
from triage.services.outbox.notices import QuietReferral
from triage.services.outbox.port import Envelope, OutgoingMessage

QUIET_REFERRAL = N_(
    "⏰ Kasus {reference}: rujukan ke {service} ({status}) belum diperbarui sejak {since}. "
    "Apa kabar terbarunya? Perbarui dari kartu kasus."
)
OPEN_CARD = N_("📂 Buka kartu kasus")
STATUS_WORDS = {
    ReferralStatus.SENT: t.REFERRAL_SENT,
    ReferralStatus.ACCEPTED: t.REFERRAL_ACCEPTED,
    ReferralStatus.COMPLETED: t.REFERRAL_COMPLETED,
    ReferralStatus.DECLINED: t.REFERRAL_DECLINED,
}


def reminder_message(tr: Translator, to: Envelope, referral: QuietReferral) -> OutgoingMessage:
    text = tr.text(
        to.lang,
        QUIET_REFERRAL,
        reference=referral.reference,
        service=shorten(referral.service_name, 80),
        status=tr.label(to.lang, STATUS_WORDS, referral.status),
        since=case_time(referral.since, referral.region_code),
    )
    markup = None
    if referral.assignment_id is not None:
        data = worker_data(WorkerAction.OPEN, referral.assignment_id)
        markup = for_outbox([[Button(tr.text(to.lang, OPEN_CARD), data)]])
    return OutgoingMessage(to.dedup_key, to.chat_id, text, markup)
