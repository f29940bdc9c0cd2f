"""Texts and buttons of SLA messages: reminders, escalations, the daily digest, stale cases."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from babel.dates import format_date

from triage.domain.sla import DeadlineKind
from triage.domain.timezones import format_local
from triage.i18n import N_, Translator
from triage.services.outbox.notifications import (
    STORY_PREVIEW_CHARS,
    OutgoingMessage,
    categories_text,
    inline_keyboard,
    shorten,
)
from triage.storage.tables import Report

DIGEST_LINES = 20
DEFAULT_REGION = "31"  # format_local needs a region; Jakarta (WIB) when a report has none

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
ACCEPT_BUTTON = N_("✅ Terima")
WITH_ACCEPT_BUTTON = frozenset({DeadlineKind.ACCEPT_REMINDER, DeadlineKind.ACCEPT_BREACH})


@dataclass(frozen=True, slots=True)
class OverdueLine:
    """One overdue case in a digest: which target it missed first."""

    reference: str
    urgency: str
    place: str
    missed: DeadlineKind


def _local(report: Report, moment: datetime) -> str:
    return format_local(moment, report.kabkota_code or DEFAULT_REGION)


def _accept_keyboard(tr: Translator, lang: str, assignment_id: int | None) -> dict[str, object]:
    if assignment_id is None:
        return {}
    return inline_keyboard([[(tr.text(lang, ACCEPT_BUTTON), f"w:acc:{assignment_id}")]])


def reminder_message(
    tr: Translator,
    *,
    key: str,
    chat_id: int,
    kind: DeadlineKind,
    report: Report,
    due: datetime,
    assignment_id: int | None = None,
    lang: str = "id",
) -> OutgoingMessage:
    """A reminder to the assignee at a share of the target; accept reminders carry the button."""
    text = tr.text(
        lang,
        REMINDERS[kind],
        reference=report.reference,
        urgency=report.urgency,
        due=_local(report, due),
    )
    markup = _accept_keyboard(tr, lang, assignment_id) if kind in WITH_ACCEPT_BUTTON else {}
    return OutgoingMessage(key, chat_id, text, markup or None)


def breach_message(
    tr: Translator,
    *,
    key: str,
    chat_id: int,
    kind: DeadlineKind,
    report: Report,
    place: str,
    due: datetime,
    assignment_id: int | None,
    lang: str = "id",
) -> OutgoingMessage:
    """To a supervisor one step up: the case summary, and for acceptance the Accept button."""
    text = tr.text(
        lang,
        BREACHES[kind],
        reference=report.reference,
        urgency=report.urgency,
        place=place,
        since=_local(report, report.received_at),
        due=_local(report, due),
        categories=categories_text(tr, lang, report.categories),
        story=shorten(report.description, STORY_PREVIEW_CHARS),
    )
    markup = _accept_keyboard(tr, lang, assignment_id) if kind in WITH_ACCEPT_BUTTON else {}
    return OutgoingMessage(key, chat_id, text, markup or None)


def stale_message(
    tr: Translator, *, key: str, chat_id: int, report: Report, since: datetime, lang: str = "id"
) -> OutgoingMessage:
    text = tr.text(
        lang, STALE, reference=report.reference, urgency=report.urgency, since=_local(report, since)
    )
    return OutgoingMessage(key, chat_id, text)


def digest_message(
    tr: Translator,
    *,
    key: str,
    chat_id: int,
    day: date,
    open_count: int,
    overdue: Sequence[OverdueLine],
    lang: str = "id",
) -> OutgoingMessage:
    """Counts first, then up to DIGEST_LINES overdue cases, most urgent first as given."""
    when = format_date(day, "d MMM yyyy", locale=tr.language(lang))
    head = tr.text(lang, DIGEST, day=when, open=open_count, overdue=len(overdue))
    lines = [
        f"• {o.reference} {o.urgency} {o.place}: {tr.text(lang, OVERDUE_WHAT[o.missed])}"
        for o in overdue[:DIGEST_LINES]
    ]
    if len(overdue) > DIGEST_LINES:
        lines.append(tr.text(lang, DIGEST_MORE, count=len(overdue) - DIGEST_LINES))
    return OutgoingMessage(key, chat_id, "\n".join([head, *lines]))
