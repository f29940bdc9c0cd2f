"""Messages about a case to staff: a new assignment, and a worker's request for help."""

from __future__ import annotations

from bot.messages.keyboards import accept_decline, for_outbox
from bot.messages.parts import STORY_PREVIEW_CHARS, categories_text, reason_lines, shorten
from triage.domain.timezones import format_local
from triage.i18n import N_, Translator
from triage.services.outbox.notices import HelpRequest, NewCase
from triage.services.outbox.port import Envelope, OutgoingMessage

NEW_CASE = N_(
    "📋 Kasus baru {reference}\n"
    "Urgensi: {urgency}\n{reasons}\n"
    "Tempat: {place}\n"
    "Jenis: {categories}\n"
    "Cerita: {story}\n"
    "Mohon terima sebelum {due}."
)
MAYBE_DUPLICATE = N_("Mungkin sama dengan kasus {other} yang Anda tangani.")
HELP_REQUEST = N_(
    "🆘 {worker} minta bantuan untuk kasus {reference} ({urgency}, {place}).\n"
    "Ketik /kasus {reference} untuk melihat dan bertindak."
)


def new_case_message(tr: Translator, to: Envelope, case: NewCase) -> OutgoingMessage:
    """What, where, how urgent, why, and by when (in the assignee's time zone); Accept/Decline."""
    lang = to.lang
    text = tr.text(
        lang,
        NEW_CASE,
        reference=case.reference,
        urgency=case.urgency,
        reasons="\n".join(reason_lines(case.reasons, lang)),
        place=case.place,
        categories=categories_text(tr, lang, case.categories),
        story=shorten(case.story, STORY_PREVIEW_CHARS),
        due=format_local(case.accept_due, case.zone_code),
    )
    if case.duplicate_of:
        note = tr.text(lang, MAYBE_DUPLICATE, other=case.duplicate_of)
        text = f"{text}\n\n⚠️ {note}"
    markup = for_outbox(accept_decline(tr, lang, case.assignment_id))
    return OutgoingMessage(to.dedup_key, to.chat_id, text, markup)


def help_request_message(tr: Translator, to: Envelope, request: HelpRequest) -> OutgoingMessage:
    """To a supervisor over the case's region: who asks, which case, and how to open it."""
    text = tr.text(
        to.lang,
        HELP_REQUEST,
        worker=request.worker_name,
        reference=request.reference,
        urgency=request.urgency,
        place=request.place,
    )
    return OutgoingMessage(to.dedup_key, to.chat_id, text)
