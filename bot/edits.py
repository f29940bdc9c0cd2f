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


async def answer_query(
    query: CallbackQuery, text: str | None = None, show_alert: bool = False
) -> None:
    """Answer a button press; Telegram's "query is too old", the answer to one answered
    before or more than about 15 s ago (an update processed again after a crash, or late
    from the inbox), is ignored: what the press does still happens."""
    try:
        await query.answer(text, show_alert=show_alert)
    except BadRequest as error:
        if "query is too old" not in error.message.lower():
            raise
