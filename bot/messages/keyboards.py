"""Inline keyboards as rows of plain buttons: the accept/decline row, accept only, ratings.

`for_outbox` turns rows into the JSON an outbox row stores, `for_telegram` into the markup
python-telegram-bot sends, so the bot's own cards and the outbox's messages share one keyboard.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.callbacks import RATINGS, WorkerAction, rating_data, worker_data
from triage.i18n import N_, Translator

ACCEPT = N_("✅ Terima")
DECLINE = N_("↩️ Tolak")


@dataclass(frozen=True, slots=True)
class Button:
    text: str
    data: str


Rows = Sequence[Sequence[Button]]


def for_outbox(rows: Rows) -> dict[str, Any]:
    return {
        "inline_keyboard": [
            [{"text": b.text, "callback_data": b.data} for b in row] for row in rows
        ]
    }


def for_telegram(rows: Rows) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(b.text, callback_data=b.data) for b in row] for row in rows]
    )


def accept_decline(tr: Translator, lang: str, assignment_id: int) -> list[list[Button]]:
    """Under a case not yet accepted: take it, or pass it on."""
    return [
        [
            Button(tr.text(lang, ACCEPT), worker_data(WorkerAction.ACCEPT, assignment_id)),
            Button(tr.text(lang, DECLINE), worker_data(WorkerAction.DECLINE, assignment_id)),
        ]
    ]


def accept_only(tr: Translator, lang: str, assignment_id: int) -> list[list[Button]]:
    """Under reminders and escalations: a supervisor may take the case, but not decline it."""
    return [[Button(tr.text(lang, ACCEPT), worker_data(WorkerAction.ACCEPT, assignment_id))]]


def rating(reference: str) -> list[list[Button]]:
    """1 ⭐ … 5 ⭐ in one row."""
    return [[Button(f"{n} ⭐", rating_data(reference, n)) for n in RATINGS]]
