"""Messages about what staff did on the admin case page: to the holder of the case (hand-over,
note, status, closure, duplicate mark) and to the reporter who asked to be kept informed."""

from __future__ import annotations

from bot.messages.cases import new_case_message
from triage.domain.case import CaseStatus, Outcome, Referral
from triage.i18n import N_, Translator
from triage.services.outbox.notices import (
    CaseMovedAway,
    DuplicateMarking,
    ReporterUpdate,
    StaffAssignment,
    StaffClosure,
    StaffNote,
    StaffStatusChange,
)
from triage.services.outbox.port import Envelope, OutgoingMessage

HANDED_TO_YOU = N_("👤 Staf Dinas Sosial menyerahkan kasus ini kepada Anda. Alasan: {reason}")
MOVED_AWAY = N_(
    "↪️ Kasus {reference} dipindahkan oleh staf Dinas Sosial kepada {holder}. Anda tidak perlu "
    "menindaklanjutinya lagi. Terima kasih."
)
NOTE = N_("📝 Catatan staf Dinas Sosial untuk kasus {reference}:\n{text}")
STATUS_SET = N_("ℹ️ Staf Dinas Sosial mengubah status kasus {reference} menjadi: {status}.")
REFERRED_TO = N_("{status} ({target})")
CLOSED_BY_STAFF = N_(
    "✔️ Kasus {reference} ditutup oleh staf Dinas Sosial: {outcome}. Tidak perlu tindakan lagi."
)
DUPLICATE_MARKED = N_("🔗 Staf Dinas Sosial menandai kasus {reference} sama dengan kasus {other}.")
DUPLICATE_UNMARKED = N_("🔗 Kasus {reference} tidak lagi ditandai sama dengan kasus {other}.")
REPORTER_UPDATE = N_(
    "✉️ Pesan dari Dinas Sosial tentang laporan {reference}:\n\n{text}\n\n"
    "Ketik /status untuk melihat keadaan laporan Anda."
)

# The same words the worker's case card uses (one catalogue entry each).
STATUS_WORDS = {
    CaseStatus.NEW: N_("Baru"),
    CaseStatus.ASSIGNED: N_("Menunggu diterima"),
    CaseStatus.ACCEPTED: N_("Diterima petugas"),
    CaseStatus.CONTACTED: N_("Sudah dihubungi"),
    CaseStatus.VISITED: N_("Sudah dikunjungi"),
    CaseStatus.REFERRED: N_("Dirujuk"),
    CaseStatus.CLOSED: N_("Ditutup"),
}
REFERRAL_WORDS = {
    Referral.POLICE: N_("Polisi"),
    Referral.HEALTH: N_("Layanan kesehatan"),
    Referral.UPTD_PPA: N_("UPTD PPA"),
    Referral.LKSA: N_("LKSA"),
    Referral.OTHER: N_("Lainnya"),
}
OUTCOME_WORDS = {
    Outcome.HANDLED: N_("Ditangani, anak aman"),
    Outcome.REFERRED: N_("Dirujuk"),
    Outcome.UNFOUNDED: N_("Tidak terbukti"),
    Outcome.UNREACHABLE: N_("Tidak dapat dihubungi"),
    Outcome.OTHER: N_("Lainnya"),
}


def _plain(to: Envelope, text: str) -> OutgoingMessage:
    return OutgoingMessage(to.dedup_key, to.chat_id, text)


def assignment_message(tr: Translator, to: Envelope, given: StaffAssignment) -> OutgoingMessage:
    """The usual new-case message with its Accept / Decline buttons, and who handed it over why."""
    message = new_case_message(tr, to, given.case)
    handed = tr.text(to.lang, HANDED_TO_YOU, reason=given.reason)
    return OutgoingMessage(
        message.dedup_key, message.chat_id, f"{message.text}\n\n{handed}", message.reply_markup
    )


def moved_away_message(tr: Translator, to: Envelope, moved: CaseMovedAway) -> OutgoingMessage:
    text = tr.text(to.lang, MOVED_AWAY, reference=moved.reference, holder=moved.new_holder)
    return _plain(to, text)


def note_message(tr: Translator, to: Envelope, note: StaffNote) -> OutgoingMessage:
    return _plain(to, tr.text(to.lang, NOTE, reference=note.reference, text=note.text))


def status_message(tr: Translator, to: Envelope, change: StaffStatusChange) -> OutgoingMessage:
    status = tr.label(to.lang, STATUS_WORDS, change.status)
    if change.referral is not None:
        target = tr.label(to.lang, REFERRAL_WORDS, change.referral)
        status = tr.text(to.lang, REFERRED_TO, status=status, target=target)
    return _plain(to, tr.text(to.lang, STATUS_SET, reference=change.reference, status=status))


def closure_message(tr: Translator, to: Envelope, closure: StaffClosure) -> OutgoingMessage:
    outcome = tr.label(to.lang, OUTCOME_WORDS, closure.outcome)
    return _plain(
        to, tr.text(to.lang, CLOSED_BY_STAFF, reference=closure.reference, outcome=outcome)
    )


def duplicate_message(tr: Translator, to: Envelope, marking: DuplicateMarking) -> OutgoingMessage:
    msgid = DUPLICATE_MARKED if marking.marked else DUPLICATE_UNMARKED
    return _plain(to, tr.text(to.lang, msgid, reference=marking.reference, other=marking.other))


def reporter_update_message(
    tr: Translator, to: Envelope, update: ReporterUpdate
) -> OutgoingMessage:
    """In the reporter's language; staff's words as they wrote them."""
    text = tr.text(to.lang, REPORTER_UPDATE, reference=update.reference, text=update.text)
    return _plain(to, text)
