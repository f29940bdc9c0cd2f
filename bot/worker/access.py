"""One check in front of every worker button and command: an account whose worker access
ended (deactivated, unbound, moved to another account) gets a polite answer in its own
language and the handler never runs, so nothing is recorded. The services check the database
again on every action, so this is the wording, not the only guard."""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any

from telegram import Update
from telegram.ext import ContextTypes

from bot.callbacks import parse_worker
from bot.worker import texts as t
from triage.services.common.deps import TriageDeps
from triage.services.intake import reporter as reporter_service
from triage.services.workers.access import WorkerAccess, worker_access

Context = ContextTypes.DEFAULT_TYPE
Callback = Callable[[Update, Context], Coroutine[Any, Any, None]]


async def person_language(deps: TriageDeps, update: Update) -> str:
    """The language the person chose in the bot, else their Telegram app's."""
    user = update.effective_user
    saved = await reporter_service.language_of(deps, user.id) if user is not None else None
    return saved or deps.translator.language(user.language_code if user else None)


class WorkerGate:
    def __init__(self, deps: TriageDeps) -> None:
        self.deps = deps

    def guard(self, handler: Callback, attempted: str) -> Callback:
        """`handler`, run only if the sender's worker access has not ended."""

        async def guarded(update: Update, context: Context) -> None:
            user = update.effective_user
            if user is None:
                return
            what = self._attempted(update, attempted)
            if await worker_access(self.deps, user.id, what) is WorkerAccess.ENDED:
                await self.say_ended(update)
                return
            await handler(update, context)

        return guarded

    @staticmethod
    def _attempted(update: Update, attempted: str) -> str:
        """For the audit: the button's action when it is one the bot made."""
        query = update.callback_query
        if query is None:
            return attempted
        parsed = parse_worker(query.data or "")
        return parsed.action.name.lower() if parsed is not None else "malformed"

    async def say_ended(self, update: Update) -> None:
        text = self.deps.translator.text(await person_language(self.deps, update), t.ACCESS_ENDED)
        if update.callback_query is not None:
            await update.callback_query.answer(text, show_alert=True)
        elif update.effective_message is not None:
            await update.effective_message.reply_text(text)
