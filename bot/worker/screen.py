"""Drawing a worker's case card into a Telegram message: redraw, ask, refuse, edit in place."""

from __future__ import annotations

import logging

from telegram import Bot, CallbackQuery, InlineKeyboardMarkup, Message
from telegram.error import BadRequest

from bot import texts
from bot.edits import edit_pressed
from bot.worker import texts as t
from bot.worker.render import LANG, card_keyboard, card_text
from triage.services.cases.accept import ActionStatus
from triage.services.cases.worker_views import CaseCard, card_for_assignment
from triage.services.common.deps import TriageDeps

log = logging.getLogger(__name__)
REFUSALS = {
    ActionStatus.ALREADY_DONE: t.ALREADY_RECORDED,
    ActionStatus.NOT_YOURS: texts.WORKER_NOT_YOURS,
    ActionStatus.GONE: texts.WORKER_GONE,
    ActionStatus.CLOSED: t.ALREADY_CLOSED,
    ActionStatus.NOT_ACCEPTED: t.ACCEPT_FIRST,
    ActionStatus.ALREADY_ACCEPTED: t.TOO_LATE_TO_DECLINE,
    ActionStatus.NOBODY: t.NO_SUPERVISOR,
    ActionStatus.ACCESS_ENDED: t.ACCESS_ENDED,
}


class CardScreen:
    """The pressed message shows the case's card, read fresh from the database each time."""

    def __init__(self, deps: TriageDeps) -> None:
        self.deps = deps
        self.tr = deps.translator

    def text(self, card: CaseCard, question: str | None = None) -> str:
        text = card_text(self.tr, card, self.deps.clock())
        return f"{text}\n\n{self.tr.text(LANG, question)}" if question else text

    async def show(
        self,
        query: CallbackQuery,
        assignment_id: int,
        question: str | None = None,
        markup: InlineKeyboardMarkup | None = None,
        toast: str | None = None,
    ) -> None:
        """Redraw the card in the pressed message, with its own buttons unless given others."""
        card = await card_for_assignment(self.deps, query.from_user.id, assignment_id)
        if not isinstance(card, CaseCard):
            await self.refuse(query, card)
            return
        await query.answer(self.tr.text(LANG, toast) if toast else None)
        await self.edit(query, self.text(card, question), markup or card_keyboard(self.tr, card))

    async def refuse(self, query: CallbackQuery, status: ActionStatus) -> None:
        """A polite no; a message whose case moved on or closed loses its buttons."""
        await query.answer(self.tr.text(LANG, REFUSALS[status]), show_alert=True)
        if status in (ActionStatus.GONE, ActionStatus.CLOSED):
            try:
                await query.edit_message_reply_markup(reply_markup=None)
            except BadRequest:
                log.info("could not clear the buttons of a stale worker message")

    async def refuse_in_list(self, query: CallbackQuery, status: ActionStatus) -> None:
        """A polite no for one case of a list; only that case's button goes, the others stay."""
        await query.answer(self.tr.text(LANG, REFUSALS[status]), show_alert=True)
        shown = query.message
        if status not in (ActionStatus.GONE, ActionStatus.CLOSED) or not isinstance(shown, Message):
            return
        rows = shown.reply_markup.inline_keyboard if shown.reply_markup else ()
        kept = [[b for b in row if b.callback_data != query.data] for row in rows]
        markup = InlineKeyboardMarkup([row for row in kept if row]) if any(kept) else None
        try:
            await query.edit_message_reply_markup(reply_markup=markup)
        except BadRequest:
            log.info("could not drop a stale case from a worker's list")

    async def edit(
        self, query: CallbackQuery, text: str, markup: InlineKeyboardMarkup | None
    ) -> None:
        """Edit the pressed message, unless it already shows exactly this."""
        shown = query.message
        if isinstance(shown, Message) and shown.text == text and shown.reply_markup == markup:
            return
        await edit_pressed(query, text, markup)

    async def redraw(
        self, bot: Bot, user_id: int, message_id: int | None, assignment_id: int | None
    ) -> None:
        """Put the card back into an earlier message (after a typed note); None: no buttons."""
        if message_id is None:
            return
        card = None
        if assignment_id is not None:
            card = await card_for_assignment(self.deps, user_id, assignment_id)
        try:
            if isinstance(card, CaseCard):
                markup = card_keyboard(self.tr, card)
                await bot.edit_message_text(
                    text=self.text(card),
                    chat_id=user_id,
                    message_id=message_id,
                    reply_markup=markup,
                )
            else:
                await bot.edit_message_reply_markup(
                    chat_id=user_id, message_id=message_id, reply_markup=None
                )
        except BadRequest:
            log.info("could not redraw worker message %s", message_id)

    async def replace(self, bot: Bot, user_id: int, message_id: int | None, text: str) -> None:
        """Replace an earlier message's text and drop its buttons (a typed decline)."""
        if message_id is None:
            return
        try:
            await bot.edit_message_text(text=text, chat_id=user_id, message_id=message_id)
        except BadRequest:
            log.info("could not replace worker message %s", message_id)
