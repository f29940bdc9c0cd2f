"""Workers' Telegram texts and keyboards: case cards, choices, lists (data: `bot.callbacks`)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.callbacks import REFERRAL_TARGETS, WorkerAction, referral_set_arg, worker_data
from bot.messages.keyboards import accept_decline, for_telegram
from bot.messages.parts import categories_text, reason_lines, shorten
from bot.worker import texts as t
from triage.domain.age import age_words
from triage.domain.case import CaseStatus, DeclineReason, Outcome, Referral
from triage.domain.child_sex import sex_words
from triage.domain.model import Urgency
from triage.domain.referrals import ReferralStatus, ServiceType, referral_next
from triage.domain.report_context import happened_words, relation_words
from triage.domain.sla import DeadlineKind
from triage.domain.timezones import format_local
from triage.i18n import Translator
from triage.services.cases.facts import Due
from triage.services.cases.worker_views import CaseCard, CaseLine
from triage.services.referrals.choices import ServiceChoice
from triage.services.referrals.lines import ReferralLine

LANG = "id"  # workers read Indonesian for now
STORY_CHARS = 700
ICONS: dict[str, str] = {
    Urgency.DARURAT: "🔴",
    Urgency.TINGGI: "🟠",
    Urgency.SEDANG: "🟡",
    Urgency.RENDAH: "🟢",
}
DECLINE_CHOICES = (
    (DeclineReason.AREA, t.DECLINE_AREA),
    (DeclineReason.LEAVE, t.DECLINE_LEAVE),
    (DeclineReason.LOAD, t.DECLINE_LOAD),
    (DeclineReason.OTHER, t.DECLINE_OTHER),
)
REFER_CHOICES = (
    (Referral.POLICE, t.REFER_POLICE),
    (Referral.HEALTH, t.REFER_HEALTH),
    (Referral.UPTD_PPA, t.REFER_UPTD_PPA),
    (Referral.LKSA, t.REFER_LKSA),
    (Referral.OTHER, t.REFER_OTHER),
)
TYPE_CHOICES = (
    (ServiceType.UPTD_PPA, t.SERVICE_TYPE_UPTD_PPA),
    (ServiceType.P2TP2A, t.SERVICE_TYPE_P2TP2A),
    (ServiceType.UNIT_PPA_POLRES, t.SERVICE_TYPE_UNIT_PPA_POLRES),
    (ServiceType.PUSKESMAS, t.SERVICE_TYPE_PUSKESMAS),
    (ServiceType.RSUD_PPT, t.SERVICE_TYPE_RSUD_PPT),
    (ServiceType.LKSA, t.SERVICE_TYPE_LKSA),
    (ServiceType.LBH, t.SERVICE_TYPE_LBH),
    (ServiceType.DISDUKCAPIL, t.SERVICE_TYPE_DISDUKCAPIL),
    (ServiceType.DINAS_PENDIDIKAN, t.SERVICE_TYPE_DINAS_PENDIDIKAN),
    (ServiceType.BALAI_REHSOS, t.SERVICE_TYPE_BALAI_REHSOS),
    (ServiceType.OTHER, t.SERVICE_TYPE_OTHER),
)
REFERRAL_STATUS = {
    ReferralStatus.SENT: t.REFERRAL_SENT,
    ReferralStatus.ACCEPTED: t.REFERRAL_ACCEPTED,
    ReferralStatus.COMPLETED: t.REFERRAL_COMPLETED,
    ReferralStatus.DECLINED: t.REFERRAL_DECLINED,
}
REFERRAL_SET_CHOICES = {
    ReferralStatus.ACCEPTED: t.SET_REFERRAL_ACCEPTED,
    ReferralStatus.COMPLETED: t.SET_REFERRAL_COMPLETED,
    ReferralStatus.DECLINED: t.SET_REFERRAL_DECLINED,
}
CLOSE_CHOICES = (
    (Outcome.HANDLED, t.OUTCOME_HANDLED),
    (Outcome.REFERRED, t.OUTCOME_REFERRED),
    (Outcome.UNFOUNDED, t.OUTCOME_UNFOUNDED),
    (Outcome.UNREACHABLE, t.OUTCOME_UNREACHABLE),
    (Outcome.OTHER, t.OUTCOME_OTHER),
)
STATUS = {
    CaseStatus.NEW: t.STATUS_NEW,
    CaseStatus.ASSIGNED: t.STATUS_ASSIGNED,
    CaseStatus.ACCEPTED: t.STATUS_ACCEPTED,
    CaseStatus.CONTACTED: t.STATUS_CONTACTED,
    CaseStatus.VISITED: t.STATUS_VISITED,
    CaseStatus.REFERRED: t.STATUS_REFERRED,
    CaseStatus.CLOSED: t.STATUS_CLOSED,
}
DUE_WHAT = {
    DeadlineKind.ACCEPT_BREACH: t.DUE_ACCEPT,
    DeadlineKind.CONTACT_BREACH: t.DUE_CONTACT,
    DeadlineKind.CLOSURE_BREACH: t.DUE_CLOSE,
}


def label(choices: Sequence[tuple[str, str]], code: str) -> str:
    return next((msgid for value, msgid in choices if value == code), code)


def due_text(tr: Translator, due: Due | None, zone_code: str, now: datetime) -> str | None:
    if due is None:
        return None
    kind, at = due
    msgid = t.OVERDUE if at <= now else t.DUE
    return tr.text(LANG, msgid, what=tr.text(LANG, DUE_WHAT[kind]), due=format_local(at, zone_code))


def card_text(tr: Translator, card: CaseCard, now: datetime) -> str:
    """The case as a worker in the field needs it: what is due and whom to call first."""
    status = tr.label(LANG, STATUS, card.status)
    head = tr.text(LANG, t.CARD_HEAD, reference=card.reference, urgency=card.urgency, status=status)
    due = due_text(tr, card.due, card.zone_code, now)
    lines = [head, *([due] if due else []), *_contact(tr, card)]
    lines.append(tr.text(LANG, t.CARD_PLACE, place=card.place))
    if card.address:
        lines.append(tr.text(LANG, t.CARD_ADDRESS, address=card.address))
    lines += reason_lines(card.reasons, LANG)
    lines.append(tr.text(LANG, t.CARD_KIND, categories=categories_text(tr, LANG, card.categories)))
    if card.child_age.known:
        msgid, values = age_words(card.child_age)
        lines.append(tr.text(LANG, t.CARD_AGE, age=tr.text(LANG, msgid, **values)))
    if card.child_sex is not None:
        lines.append(tr.text(LANG, t.CARD_SEX, sex=tr.text(LANG, sex_words(card.child_sex))))
    lines += _context(tr, card)
    lines.append(tr.text(LANG, t.CARD_STORY, story=shorten(card.story, STORY_CHARS)))
    if card.referred_to:
        names = ", ".join(tr.text(LANG, label(REFER_CHOICES, x)) for x in card.referred_to)
        lines.append(tr.text(LANG, t.CARD_REFERRED, targets=names))
    if card.referrals:
        lines.append(tr.text(LANG, t.CARD_REFERRALS))
        lines += [referral_text(tr, referral) for referral in card.referrals]
    if card.notes:
        lines.append(tr.text(LANG, t.CARD_NOTES, count=card.notes))
    return "\n".join(lines)


def referral_text(tr: Translator, referral: ReferralLine) -> str:
    kind = tr.text(LANG, label(TYPE_CHOICES, referral.type))
    status = tr.label(LANG, REFERRAL_STATUS, referral.status)
    return tr.text(LANG, t.CARD_REFERRAL, name=referral.name, type=kind, status=status)


def _context(tr: Translator, card: CaseCard) -> list[str]:
    """When it happened and who reported ("Anak itu sendiri" changes how to call back)."""
    lines = []
    happened = happened_words(card.happened)
    if happened:
        lines.append(tr.text(LANG, t.CARD_HAPPENED, when=tr.text(LANG, happened)))
    relation = relation_words(card.reporter_relation)
    if relation:
        lines.append(tr.text(LANG, t.CARD_RELATION, relation=tr.text(LANG, relation)))
    return lines


def _contact(tr: Translator, card: CaseCard) -> list[str]:
    """The reporter's number once the case is accepted, if they agreed to be called."""
    if not card.accepted:
        return []
    if card.phone:
        return [tr.text(LANG, t.CARD_PHONE, phone=card.phone)]
    return [tr.text(LANG, t.CARD_NO_PHONE)]


def _button(tr: Translator, msgid: str, data: str) -> InlineKeyboardButton:
    return InlineKeyboardButton(tr.text(LANG, msgid), callback_data=data)


def card_keyboard(tr: Translator, card: CaseCard) -> InlineKeyboardMarkup | None:
    """Accept/decline until accepted; then the progress buttons; nothing once closed."""
    a = card.assignment_id
    if card.closed:
        return None
    if not card.accepted:
        return for_telegram(accept_decline(tr, LANG, a))
    rows = [
        [
            _button(tr, t.BUTTON_CONTACTED, worker_data(WorkerAction.CONTACTED, a)),
            _button(tr, t.BUTTON_VISITED, worker_data(WorkerAction.VISITED, a)),
        ],
        [
            _button(tr, t.BUTTON_REFERRED, worker_data(WorkerAction.REFER, a)),
            _button(tr, t.BUTTON_NOTE, worker_data(WorkerAction.NOTE, a)),
        ],
        *_referral_rows(tr, card),
        [_button(tr, t.BUTTON_HELP, worker_data(WorkerAction.HELP, a))],
        [_button(tr, t.BUTTON_CLOSE, worker_data(WorkerAction.CLOSE, a))],
    ]
    return InlineKeyboardMarkup(rows)


def _referral_rows(tr: Translator, card: CaseCard) -> list[list[InlineKeyboardButton]]:
    """A button for each referral still open, to record what the service did."""
    return [
        [
            InlineKeyboardButton(
                tr.text(LANG, t.BUTTON_REFERRAL, name=shorten(referral.name, 40)),
                callback_data=worker_data(
                    WorkerAction.REFERRAL_OPEN, card.assignment_id, str(referral.id)
                ),
            )
        ]
        for referral in card.referrals
        if referral.status in (ReferralStatus.SENT, ReferralStatus.ACCEPTED)
    ]


def refer_type_keyboard(
    tr: Translator, assignment_id: int, types: Sequence[ServiceType]
) -> InlineKeyboardMarkup:
    """The types of service the place has, then "other, type it", then back."""
    choices = [(code, label(TYPE_CHOICES, code)) for code in types]
    markup = choice_keyboard(tr, WorkerAction.REFER_TYPE, assignment_id, choices)
    typed = _button(tr, t.BUTTON_REFER_TYPED, worker_data(WorkerAction.REFER_TYPED, assignment_id))
    rows = list(markup.inline_keyboard)
    return InlineKeyboardMarkup([*rows[:-1], [typed], rows[-1]])


def refer_service_keyboard(
    tr: Translator, assignment_id: int, services: Sequence[ServiceChoice]
) -> InlineKeyboardMarkup:
    """The place's services of one type by name (names are the directory's, not translated)."""
    rows = [
        [
            InlineKeyboardButton(
                shorten(service.name, 60),
                callback_data=worker_data(
                    WorkerAction.REFER_SERVICE, assignment_id, str(service.id)
                ),
            )
        ]
        for service in services
    ]
    back = _button(tr, t.BUTTON_BACK, worker_data(WorkerAction.REFER, assignment_id))
    typed = _button(tr, t.BUTTON_REFER_TYPED, worker_data(WorkerAction.REFER_TYPED, assignment_id))
    return InlineKeyboardMarkup([*rows, [typed], [back]])


def referral_status_keyboard(
    tr: Translator, assignment_id: int, referral: ReferralLine
) -> InlineKeyboardMarkup:
    """The statuses the referral may move to now, and a way back."""
    current = ReferralStatus(referral.status)
    rows = [
        [
            _button(
                tr,
                REFERRAL_SET_CHOICES[status],
                worker_data(
                    WorkerAction.REFERRAL_SET,
                    assignment_id,
                    referral_set_arg(referral.id, status),
                ),
            )
        ]
        for status in REFERRAL_TARGETS
        if status in referral_next(current)
    ]
    rows.append([_button(tr, t.BUTTON_BACK, worker_data(WorkerAction.BACK, assignment_id))])
    return InlineKeyboardMarkup(rows)


def choice_keyboard(
    tr: Translator,
    action: WorkerAction,
    assignment_id: int,
    choices: Sequence[tuple[str, str]],
) -> InlineKeyboardMarkup:
    """One choice a row (labels stay whole on a narrow phone), and a way back."""
    rows = [
        [_button(tr, msgid, worker_data(action, assignment_id, code))] for code, msgid in choices
    ]
    rows.append([_button(tr, t.BUTTON_BACK, worker_data(WorkerAction.BACK, assignment_id))])
    return InlineKeyboardMarkup(rows)


def cancel_keyboard(tr: Translator, assignment_id: int) -> InlineKeyboardMarkup:
    data = worker_data(WorkerAction.CANCEL, assignment_id)
    return InlineKeyboardMarkup([[_button(tr, t.BUTTON_CANCEL, data)]])


def line_text(tr: Translator, line: CaseLine, now: datetime) -> str:
    status = tr.label(LANG, STATUS, line.status)
    parts = [f"{ICONS.get(line.urgency, '•')} {line.reference} · {line.urgency} · {status}"]
    parts.append(f"   {line.place}")
    due = due_text(tr, line.due, line.zone_code, now)
    return "\n".join(parts + ([f"   {due}"] if due else []))


def open_keyboard(lines: Sequence[CaseLine]) -> InlineKeyboardMarkup | None:
    """A button per case (two a row) that opens its card."""
    buttons = [
        InlineKeyboardButton(
            f"{ICONS.get(x.urgency, '')} {x.reference}",
            callback_data=worker_data(WorkerAction.OPEN, x.assignment_id),
        )
        for x in lines[:20]
    ]
    rows = [buttons[i : i + 2] for i in range(0, len(buttons), 2)]
    return InlineKeyboardMarkup(rows) if rows else None
