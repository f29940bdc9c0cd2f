"""Messages to reporters: their case was accepted or closed (with rating buttons), and the
reminder and deletion notice for a questionnaire they left unfinished."""

from __future__ import annotations

from bot.messages.keyboards import for_outbox, rating
from triage.i18n import N_, Translator
from triage.services.outbox.port import Envelope, OutgoingMessage

ACCEPTED = N_(
    "Kabar untuk laporan {reference}: seorang pekerja sosial sudah menerima kasus ini dan akan "
    "menindaklanjutinya. Terima kasih sudah peduli."
)
CLOSED = N_(
    "Kabar untuk laporan {reference}: pekerja sosial sudah selesai menindaklanjuti dan menutup "
    "kasus ini. Terima kasih sudah peduli dan melapor.\n\n"
    "Seberapa puas Anda dengan penanganannya? Pilih 1 (sangat tidak puas) sampai 5 (sangat puas)."
)
DRAFT_REMINDER = N_(
    "Laporan Anda belum terkirim. Lanjutkan dengan menjawab pertanyaan terakhir di atas, "
    "atau ketik /start. Jawaban Anda tersimpan selama 24 jam."
)
DRAFT_DISCARDED = N_(
    "Laporan yang belum selesai sudah kami hapus karena tidak dilanjutkan selama 24 jam. "
    "Ketik /start kapan saja untuk membuat laporan baru."
)


def accepted_message(tr: Translator, to: Envelope, reference: str) -> OutgoingMessage:
    text = tr.text(to.lang, ACCEPTED, reference=reference)
    return OutgoingMessage(to.dedup_key, to.chat_id, text)


def closed_message(tr: Translator, to: Envelope, reference: str) -> OutgoingMessage:
    """The case is closed; the reporter may rate its handling from 1 to 5."""
    text = tr.text(to.lang, CLOSED, reference=reference)
    return OutgoingMessage(to.dedup_key, to.chat_id, text, for_outbox(rating(reference)))


def draft_message(tr: Translator, to: Envelope, msgid: str) -> OutgoingMessage:
    """DRAFT_REMINDER or DRAFT_DISCARDED."""
    return OutgoingMessage(to.dedup_key, to.chat_id, tr.text(to.lang, msgid))
