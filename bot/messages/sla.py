"""Messages about deadlines: reminders, escalations, stale cases, and the supervisors' digest."""

from __future__ import annotations

from babel.dates import format_date

from bot.messages.keyboards import accept_only, for_outbox
from bot.messages.parts import STORY_PREVIEW_CHARS, case_time, categories_text, shorten
from triage.domain.sla import DeadlineKind
from triage.i18n import N_, Translator
from triage.services.outbox.notices import DeadlineBreach, DeadlineReminder, Digest, StaleCase
from triage.services.outbox.port import Envelope, OutgoingMessage

DIGEST_LINES = 20
REMINDERS = {
    DeadlineKind.ACCEPT_REMINDER: N_(
        "⏰ Pengingat: kasus {reference} ({urgency}) belum Anda terima. Mohon terima sebelum {due}."
    ),
    DeadlineKind.CONTACT_REMINDER: N_(
        "⏰ Pengingat: kasus {reference} ({urgency}) perlu kontak pertama sebelum {due}."
    ),
    DeadlineKind.CLOSURE_REMINDER: N_(
        "⏰ Pengingat: kasus {reference} ({urgency}) perlu diselesaikan sebelum {due}."
    ),
}
BREACHES = {
    DeadlineKind.ACCEPT_BREACH: N_(
        "🚨 Eskalasi: kasus {reference} belum diterima sejak {since}.\n"
        "Urgensi: {urgency}\nTempat: {place}\nJenis: {categories}\nCerita: {story}\n"
        "Anda dapat menerima kasus ini."
    ),
    DeadlineKind.CONTACT_BREACH: N_(
        "⚠️ Kasus {reference} ({urgency}, {place}) melewati batas waktu kontak pertama ({due})."
    ),
    DeadlineKind.CLOSURE_BREACH: N_(
        "⚠️ Kasus {reference} ({urgency}, {place}) melewati batas waktu penyelesaian ({due})."
    ),
}
STALE = N_(
    "💤 Kasus {reference} ({urgency}) tidak ada kegiatan sejak {since}. "
    "Mohon catat perkembangan atau tutup kasus ini."
)
DIGEST = N_("🗓 Ringkasan harian {day}\nKasus terbuka: {open}\nMelewati batas waktu: {overdue}")
DIGEST_MORE = N_("… dan {count} kasus lainnya.")
OVERDUE_WHAT = {
    DeadlineKind.ACCEPT_BREACH: N_("belum diterima"),
    DeadlineKind.CONTACT_BREACH: N_("belum dihubungi"),
    DeadlineKind.CLOSURE_BREACH: N_("belum selesai"),
}
WITH_ACCEPT_BUTTON = frozenset({DeadlineKind.ACCEPT_REMINDER, DeadlineKind.ACCEPT_BREACH})


def _accept_markup(
    tr: Translator, lang: str, kind: DeadlineKind, assignment_id: int | None
) -> dict[str, object] | None:
    if kind not in WITH_ACCEPT_BUTTON or assignment_id is None:
        return None
    return for_outbox(accept_only(tr, lang, assignment_id))


def reminder_message(tr: Translator, to: Envelope, reminder: DeadlineReminder) -> OutgoingMessage:
    """To the holder at a share of the target; names the breach time of the same ladder."""
    text = tr.text(
        to.lang,
        REMINDERS[reminder.kind],
        reference=reminder.reference,
        urgency=reminder.urgency,
        due=case_time(reminder.due, reminder.region_code),
    )
    markup = _accept_markup(tr, to.lang, reminder.kind, reminder.assignment_id)
    return OutgoingMessage(to.dedup_key, to.chat_id, text, markup)


def breach_message(tr: Translator, to: Envelope, breach: DeadlineBreach) -> OutgoingMessage:
    """To a supervisor one step up: the case summary, and for acceptance the Accept button."""
    text = tr.text(
        to.lang,
        BREACHES[breach.kind],
        reference=breach.reference,
        urgency=breach.urgency,
        place=breach.place,
        since=case_time(breach.received_at, breach.region_code),
        due=case_time(breach.due, breach.region_code),
        categories=categories_text(tr, to.lang, breach.categories),
        story=shorten(breach.story, STORY_PREVIEW_CHARS),
    )
    markup = _accept_markup(tr, to.lang, breach.kind, breach.assignment_id)
    return OutgoingMessage(to.dedup_key, to.chat_id, text, markup)


def stale_message(tr: Translator, to: Envelope, case: StaleCase) -> OutgoingMessage:
    since = case_time(case.since, case.region_code)
    text = tr.text(to.lang, STALE, reference=case.reference, urgency=case.urgency, since=since)
    return OutgoingMessage(to.dedup_key, to.chat_id, text)


def digest_message(tr: Translator, to: Envelope, digest: Digest) -> OutgoingMessage:
    """Counts first, then up to DIGEST_LINES overdue cases, most urgent first as given."""
    lang, overdue = to.lang, digest.overdue
    when = format_date(digest.day, "d MMM yyyy", locale=tr.language(lang))
    head = tr.text(lang, DIGEST, day=when, open=digest.open_count, overdue=len(overdue))
    lines = [
        f"• {o.reference} {o.urgency} {o.place}: {tr.text(lang, OVERDUE_WHAT[o.missed])}"
        for o in overdue[:DIGEST_LINES]
    ]
    if len(overdue) > DIGEST_LINES:
        lines.append(tr.text(lang, DIGEST_MORE, count=len(overdue) - DIGEST_LINES))
    return OutgoingMessage(to.dedup_key, to.chat_id, "\n".join([head, *lines]))
