"""Shared bits of the message builder tests: one translator, a fixed moment, button data."""

from __future__ import annotations

from datetime import UTC, datetime
from functools import cache

from bot.messages import TelegramMessages
from tests.support.deps import translator
from triage.services.outbox.port import OutgoingMessage

T0 = datetime(2026, 11, 23, 3, 0, tzinfo=UTC)  # 10:00 WIB, 11:00 WITA, 12:00 WIT
REF = "LS-7KQ2-M9XD"


@cache
def messages() -> TelegramMessages:
    return TelegramMessages(translator())


def buttons(message: OutgoingMessage) -> list[list[tuple[str, str]]]:
    """(label, callback data) of each button, row by row; [] without a keyboard."""
    rows = (message.reply_markup or {}).get("inline_keyboard", [])
    return [[(b["text"], b["callback_data"]) for b in row] for row in rows]
