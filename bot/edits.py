"""Editing the message a button was pressed on: a repeat that changes nothing is no failure."""

from __future__ import annotations

from telegram import CallbackQuery, InlineKeyboardMarkup
from telegram.error import BadRequest


async def edit_pressed(
    query: CallbackQuery, text: str, markup: InlineKeyboardMarkup | None = None
) -> None:
    """Show `text` (and `markup`) in the pressed message; Telegram's "message is not modified",
    the answer to a quick repeated tap, is ignored."""
    try:
        await query.edit_message_text(text=text, reply_markup=markup)
    except BadRequest as error:
        if "not modified" not in error.message.lower():
            raise
