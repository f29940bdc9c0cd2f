"""Telegram handlers for social workers: the buttons on assignment messages."""

from __future__ import annotations

from telegram import Update
from telegram.ext import ContextTypes

from bot import texts
from triage.services.cases import ActionStatus, accept_case
from triage.services.deps import TriageDeps

Context = ContextTypes.DEFAULT_TYPE
_REFUSALS = {
    ActionStatus.ALREADY_DONE: texts.WORKER_ALREADY,
    ActionStatus.NOT_YOURS: texts.WORKER_NOT_YOURS,
    ActionStatus.GONE: texts.WORKER_GONE,
}


def parse_worker_callback(data: str) -> tuple[str, int] | None:
    parts = data.split(":")
    if len(parts) != 3 or parts[0] != "w" or not parts[2].isdigit():
        return None
    return parts[1], int(parts[2])


class WorkerHandlers:
    def __init__(self, deps: TriageDeps) -> None:
        self.deps = deps
        self.tr = deps.translator

    async def button(self, update: Update, context: Context) -> None:
        """Accept (and later the other case actions); the database decides who may act."""
        query = update.callback_query
        assert query is not None
        assert query.from_user is not None
        parsed = parse_worker_callback(query.data or "")
        lang = "id"
        if parsed is None or parsed[0] != "acc":
            await query.answer(self.tr.text(lang, texts.WORKER_NOT_YOURS), show_alert=True)
            return
        result = await accept_case(self.deps, query.from_user.id, parsed[1])
        if result.status is not ActionStatus.DONE:
            await query.answer(self.tr.text(lang, _REFUSALS[result.status]), show_alert=True)
            return
        await query.answer(self.tr.text(lang, texts.WORKER_ACCEPTED))
        message = query.message
        if message is not None and hasattr(message, "text"):
            note = self.tr.text(lang, texts.WORKER_ACCEPTED)
            await query.edit_message_text(text=f"{message.text}\n\n{note}", reply_markup=None)
