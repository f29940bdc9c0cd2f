"""Texts and buttons of the Telegram messages the system sends on its own (via the outbox)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from triage.domain.model import Category, Reason
from triage.domain.scoring.reasons import reason_text
from triage.domain.timezones import format_local, is_known_region
from triage.i18n import N_, Translator
from triage.storage.tables import Report

STORY_PREVIEW_CHARS = 280
REASONS_SHOWN = 4
CATEGORY_NAMES = {
    Category.KEKERASAN_FISIK: N_("kekerasan fisik"),
    Category.KEKERASAN_PSIKIS: N_("kekerasan psikis"),
    Category.KEKERASAN_SEKSUAL: N_("kekerasan seksual"),
    Category.EKSPLOITASI: N_("eksploitasi"),
    Category.PERDAGANGAN: N_("perdagangan anak"),
    Category.PENELANTARAN: N_("penelantaran"),
    Category.PERKAWINAN_ANAK: N_("perkawinan anak"),
    Category.ANAK_JALANAN: N_("anak jalanan"),
    Category.BERHADAPAN_HUKUM: N_("berhadapan dengan hukum"),
    Category.DISABILITAS: N_("disabilitas tanpa pengasuhan"),
    Category.NAPZA: N_("narkoba / zat adiktif"),
    Category.PORNOGRAFI: N_("pornografi"),
    Category.SITUASI_DARURAT: N_("situasi darurat"),
    Category.LAINNYA: N_("lainnya"),
}


@dataclass(frozen=True, slots=True)
class OutgoingMessage:
    """One message for the outbox; `dedup_key` makes sure it is queued only once."""

    dedup_key: str
    chat_id: int
    text: str
    reply_markup: dict[str, Any] | None = None


def inline_keyboard(rows: Sequence[Sequence[tuple[str, str]]]) -> dict[str, Any]:
    return {"inline_keyboard": [[{"text": t, "callback_data": d} for t, d in row] for row in rows]}


def shorten(text: str, limit: int) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def categories_text(tr: Translator, lang: str, codes: Sequence[str]) -> str:
    return ", ".join(tr.label(lang, CATEGORY_NAMES, code) for code in codes) or "-"


def local_zone_code(worker_regions: Sequence[str], kabkota_code: str | None) -> str:
    """A region code for showing times: the worker's own region, else the case's, else WIB."""
    for code in (*worker_regions, kabkota_code):
        if code and is_known_region(code):
            return code
    return "31"


def new_case_message(
    tr: Translator,
    *,
    chat_id: int,
    report: Report,
    assignment_id: int,
    reasons: Sequence[Reason],
    place: str,
    accept_due: datetime,
    duplicate_of: str | None = None,
    lang: str = "id",
    zone_code: str | None = None,
) -> OutgoingMessage:
    """The assignment message a worker gets: what, where, how urgent, why, and by when.

    `zone_code` is a region code of the worker's time zone (default: the report's region).
    """
    reason_lines = "\n".join(f"• {reason_text(r, lang)}" for r in reasons[:REASONS_SHOWN])
    text = tr.text(
        lang,
        N_(
            "📋 Kasus baru {reference}\n"
            "Urgensi: {urgency}\n{reasons}\n"
            "Tempat: {place}\n"
            "Jenis: {categories}\n"
            "Cerita: {story}\n"
            "Mohon terima sebelum {due}."
        ),
        reference=report.reference,
        urgency=report.urgency,
        reasons=reason_lines,
        place=place,
        categories=categories_text(tr, lang, report.categories),
        story=shorten(report.description, STORY_PREVIEW_CHARS),
        due=format_local(accept_due, zone_code or local_zone_code((), report.kabkota_code)),
    )
    if duplicate_of:
        note = tr.text(
            lang, N_("Mungkin sama dengan kasus {other} yang Anda tangani."), other=duplicate_of
        )
        text = f"{text}\n\n⚠️ {note}"
    buttons = [
        [
            (tr.text(lang, N_("✅ Terima")), f"w:acc:{assignment_id}"),
            (tr.text(lang, N_("↩️ Tolak")), f"w:dec:{assignment_id}"),
        ]
    ]
    return OutgoingMessage(f"assign:{assignment_id}", chat_id, text, inline_keyboard(buttons))


def reporter_update_message(
    tr: Translator, *, report: Report, event: str, msgid: str
) -> OutgoingMessage:
    """A short note to the reporter about their report (accepted, closed, ...)."""
    text = tr.text(report.language, msgid, reference=report.reference)
    return OutgoingMessage(f"reporter:{report.reference}:{event}", report.reporter_chat_id, text)


REPORTER_ACCEPTED = N_(
    "Kabar untuk laporan {reference}: seorang pekerja sosial sudah menerima kasus ini dan akan "
    "menindaklanjutinya. Terima kasih sudah peduli."
)


REPORTER_CLOSED = N_(
    "Kabar untuk laporan {reference}: pekerja sosial sudah selesai menindaklanjuti dan menutup "
    "kasus ini. Terima kasih sudah peduli dan melapor.\n\n"
    "Seberapa puas Anda dengan penanganannya? Pilih 1 (sangat tidak puas) sampai 5 (sangat puas)."
)
RATINGS = range(1, 6)


def reporter_closed_message(tr: Translator, *, report: Report) -> OutgoingMessage:
    """Tells the reporter the case is closed and asks for a 1-5 rating (buttons r:<ref>:<n>)."""
    text = tr.text(report.language, REPORTER_CLOSED, reference=report.reference)
    buttons = [[(f"{n} ⭐", f"r:{report.reference}:{n}") for n in RATINGS]]
    return OutgoingMessage(
        f"reporter:{report.reference}:closed",
        report.reporter_chat_id,
        text,
        inline_keyboard(buttons),
    )


def help_request_message(
    tr: Translator,
    *,
    dedup_key: str,
    chat_id: int,
    worker_name: str,
    report: Report,
    place: str,
    lang: str = "id",
) -> OutgoingMessage:
    """A worker asks the supervisor over the case's region for help."""
    text = tr.text(
        lang,
        N_(
            "🆘 {worker} minta bantuan untuk kasus {reference} ({urgency}, {place}).\n"
            "Ketik /kasus {reference} untuk melihat dan bertindak."
        ),
        worker=worker_name,
        reference=report.reference,
        urgency=report.urgency,
        place=place,
    )
    return OutgoingMessage(dedup_key, chat_id, text)
