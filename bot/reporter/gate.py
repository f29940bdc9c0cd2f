"""One check in front of every reporter handler: a blocked account (`lapor-sosial reporters
block`) is answered politely in its language, and the handler never runs, so nothing it
sends is stored: no questionnaire step, button, file, rating, language or status. Submitting
checks again in its own transaction (`submission_refusal`).

The questionnaire's inputs (an answer button, typed text, a pin, a contact, a file: most
updates) are checked inside the handler's own first transaction instead (`checked_inside`:
`IntakeReply.blocked`), a transaction fewer per update; refused with the same words."""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any

from telegram import Update
from telegram.ext import ContextTypes

from bot import texts
from triage.services.common.deps import TriageDeps
from triage.services.intake import reporter as reporter_service

Context = ContextTypes.DEFAULT_TYPE
Callback = Callable[[Update, Context], Coroutine[Any, Any, None]]


class ReporterGate:
    def __init__(self, deps: TriageDeps) -> None:
        self.deps = deps

    def guard(self, handler: Callback) -> Callback:
        """`handler`, run only for an account that is not blocked."""

        async def guarded(update: Update, context: Context) -> None:
            if update.effective_user is None:
                return
            if not await refused_if_blocked(self.deps, update, context):
                await handler(update, context)

        return guarded

    @staticmethod
    def checked_inside(handler: Callback) -> Callback:
        """`handler`, for an update from a user (as `guard`): it reads the account in its
        first transaction, refuses with `refuse` when blocked and stores nothing
        (`tests/bot/reporter/test_blocked.py`)."""

        async def from_a_user(update: Update, context: Context) -> None:
            if update.effective_user is not None:
                await handler(update, context)

        return from_a_user


async def refused_if_blocked(deps: TriageDeps, update: Update, context: Context) -> bool:
    """Whether the update's user is blocked, refusing them if so (a read-only transaction)."""
    user = update.effective_user
    assert user is not None
    standing = await reporter_service.standing(deps, user.id)
    if standing.blocked:
        lang = standing.language or deps.translator.language(user.language_code)
        await refuse(deps, update, context, lang)
    return standing.blocked


async def refuse(deps: TriageDeps, update: Update, context: Context, language: str) -> None:
    """The polite refusal of a blocked account, in `language`."""
    text = deps.translator.text(language, texts.BLOCKED)
    if update.callback_query is not None:
        await update.callback_query.answer(text, show_alert=True)
    elif update.effective_chat is not None:
        await context.bot.send_message(chat_id=update.effective_chat.id, text=text)
