"""Telegram handlers for social workers' buttons (`bot.callbacks.WorkerCallback`) and the text
they type after one. Services check every press against the database; the pressed message is
edited in place. Message text is never logged."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from telegram import Bot, CallbackQuery, Message, Update
from telegram.ext import ApplicationHandlerStop, ContextTypes

from bot import texts
from bot.callbacks import WorkerAction, WorkerCallback, parse_worker
from bot.worker import texts as t
from bot.worker.access import WorkerGate
from bot.worker.render import (
    CLOSE_CHOICES,
    DECLINE_CHOICES,
    LANG,
    REFER_CHOICES,
    cancel_keyboard,
    card_keyboard,
    choice_keyboard,
    label,
)
from bot.worker.screen import REFUSALS, CardScreen
from triage.domain.case import DeclineReason, Outcome
from triage.services.cases.accept import ActionResult, ActionStatus, accept_case, refuse_malformed
from triage.services.cases.decline import decline_case
from triage.services.cases.help import request_help
from triage.services.cases.progress import close_case, mark_contacted, mark_referred, mark_visited
from triage.services.cases.worker_input import (
    Awaited,
    TypedResult,
    await_input,
    cancel_input,
    take_typed_input,
)
from triage.services.cases.worker_views import CaseCard, card_for_assignment
from triage.services.common.deps import TriageDeps

Context = ContextTypes.DEFAULT_TYPE
Step = Callable[[CallbackQuery, WorkerCallback], Awaitable[None]]
Run = Callable[..., Awaitable[ActionResult]]


class WorkerHandlers:
    def __init__(self, deps: TriageDeps, kick_outbox: Callable[[], None] = lambda: None) -> None:
        self.deps = deps
        self.tr = deps.translator
        self.kick_outbox = kick_outbox
        self.screen = CardScreen(deps)
        self.gate = WorkerGate(deps)
        a = WorkerAction
        self.steps: dict[WorkerAction, Step] = {
            a.ACCEPT: self._recorder(accept_case, texts.WORKER_ACCEPTED, texts.WORKER_ALREADY),
            a.DECLINE: self._asker(
                t.ASK_DECLINE, a.DECLINE_REASON, DECLINE_CHOICES, accepted=False
            ),
            a.DECLINE_REASON: self._decline,
            a.CONTACTED: self._recorder(mark_contacted, t.DONE_CONTACTED),
            a.VISITED: self._recorder(mark_visited, t.DONE_VISITED),
            a.REFER: self._asker(t.ASK_REFER, a.REFER_TO, REFER_CHOICES, accepted=True),
            a.REFER_TO: self._recorder(mark_referred, t.DONE_REFERRED),
            a.CLOSE: self._asker(t.ASK_CLOSE, a.CLOSE_OUTCOME, CLOSE_CHOICES, accepted=True),
            a.CLOSE_OUTCOME: self._close,
            a.NOTE: self._note,
            a.HELP: self._help,
            a.BACK: self._back,
            a.CANCEL: self._cancel,
            a.OPEN: self._open,
        }

    async def button(self, update: Update, _context: Context) -> None:
        """Any worker button; data the bot never made is refused and audited."""
        query = update.callback_query
        assert query is not None
        parsed = parse_worker(query.data or "")
        if parsed is None:
            await refuse_malformed(self.deps, query.from_user.id)
            await self.screen.refuse(query, ActionStatus.NOT_YOURS)
            return
        await self.steps[parsed.action](query, parsed)

    async def text(self, update: Update, context: Context) -> None:
        """A worker's text message when a note or a reason is awaited; else left to others."""
        message, user = update.effective_message, update.effective_user
        if message is None or user is None or not message.text:
            return
        taken = await take_typed_input(self.deps, user.id, message.text)
        if taken is None:
            return
        if taken.result.status is ActionStatus.ACCESS_ENDED:
            await self.gate.say_ended(update)
        else:
            await self._typed(context.bot, message, user.id, taken)
        raise ApplicationHandlerStop

    async def _typed(self, bot: Bot, message: Message, user_id: int, taken: TypedResult) -> None:
        result = taken.result
        if result.status is not ActionStatus.DONE:
            why = self.tr.text(LANG, REFUSALS[result.status])
            await message.reply_text(self.tr.text(LANG, t.NOT_SAVED, why=why))
            await self.screen.redraw(bot, user_id, result.message_id, None)
        elif taken.what is Awaited.NOTE:
            await message.reply_text(self.tr.text(LANG, t.NOTE_SAVED, reference=result.reference))
            await self.screen.redraw(bot, user_id, result.message_id, taken.assignment_id)
        else:
            self.kick_outbox()
            declined = self.tr.text(LANG, t.DECLINED, reference=result.reference)
            await self.screen.replace(bot, user_id, result.message_id, declined)
            await message.reply_text(self.tr.text(LANG, t.REASON_SAVED))

    def _recorder(self, run: Run, toast: str, again: str = t.ALREADY_RECORDED) -> Step:
        """Record something, then redraw the card with the outcome under it (toasts vanish)."""

        async def step(query: CallbackQuery, cb: WorkerCallback) -> None:
            extra = () if cb.arg is None else (cb.arg,)
            result = await run(self.deps, query.from_user.id, cb.assignment_id, *extra)
            if result.status is ActionStatus.DONE:
                self.kick_outbox()
                await self.screen.show(query, cb.assignment_id, toast, toast=toast)
            elif result.status is ActionStatus.ALREADY_DONE:  # pressed twice: nothing new
                await self.screen.show(query, cb.assignment_id, again, toast=again)
            else:
                await self.screen.refuse(query, result.status)

        return step

    def _asker(
        self,
        question: str,
        action: WorkerAction,
        choices: tuple[tuple[str, str], ...],
        *,
        accepted: bool,
    ) -> Step:
        """Swap the card's buttons for a choice: decline reason, referral or outcome."""

        async def step(query: CallbackQuery, cb: WorkerCallback) -> None:
            card = await card_for_assignment(self.deps, query.from_user.id, cb.assignment_id)
            if not isinstance(card, CaseCard):
                await self.screen.refuse(query, card)
            elif card.closed:
                await self.screen.refuse(query, ActionStatus.CLOSED)
            elif card.accepted != accepted:
                why = ActionStatus.ALREADY_ACCEPTED if card.accepted else ActionStatus.NOT_ACCEPTED
                await self.screen.refuse(query, why)
            else:
                await query.answer()
                markup = choice_keyboard(self.tr, action, cb.assignment_id, choices)
                await self.screen.edit(query, self.screen.text(card, question), markup)

        return step

    async def _decline(self, query: CallbackQuery, cb: WorkerCallback) -> None:
        if cb.arg == DeclineReason.OTHER:
            await self._await(query, cb, Awaited.DECLINE_REASON, t.ASK_REASON)
            return
        user, reason = query.from_user.id, cb.arg or DeclineReason.OTHER
        result = await decline_case(self.deps, user, cb.assignment_id, reason)
        if result.status is not ActionStatus.DONE:
            await self.screen.refuse(query, result.status)
            return
        self.kick_outbox()
        await query.answer()
        declined = self.tr.text(LANG, t.DECLINED, reference=result.reference)
        await self.screen.edit(query, declined, None)

    async def _close(self, query: CallbackQuery, cb: WorkerCallback) -> None:
        outcome = cb.arg or Outcome.OTHER
        result = await close_case(self.deps, query.from_user.id, cb.assignment_id, outcome)
        if result.status is not ActionStatus.DONE:
            await self.screen.refuse(query, result.status)
            return
        self.kick_outbox()
        await query.answer()
        named = self.tr.text(LANG, label(CLOSE_CHOICES, outcome))
        closed = self.tr.text(LANG, t.CLOSED, reference=result.reference, outcome=named)
        await self.screen.edit(query, closed, None)

    async def _note(self, query: CallbackQuery, cb: WorkerCallback) -> None:
        await self._await(query, cb, Awaited.NOTE, t.ASK_NOTE)

    async def _await(
        self, query: CallbackQuery, cb: WorkerCallback, what: Awaited, question: str
    ) -> None:
        """Wait for the worker's next text message; the card offers a way out."""
        message_id = query.message.message_id if query.message else None
        user = query.from_user.id
        result = await await_input(self.deps, user, cb.assignment_id, what, message_id)
        if result.status is not ActionStatus.DONE:
            await self.screen.refuse(query, result.status)
            return
        markup = cancel_keyboard(self.tr, cb.assignment_id)
        await self.screen.show(query, cb.assignment_id, question, markup)

    async def _help(self, query: CallbackQuery, cb: WorkerCallback) -> None:
        result = await request_help(self.deps, query.from_user.id, cb.assignment_id)
        if result.status is ActionStatus.DONE:
            self.kick_outbox()
            await query.answer(self.tr.text(LANG, t.DONE_HELP), show_alert=True)
        else:
            await self.screen.refuse(query, result.status)

    async def _back(self, query: CallbackQuery, cb: WorkerCallback) -> None:
        await self.screen.show(query, cb.assignment_id)

    async def _cancel(self, query: CallbackQuery, cb: WorkerCallback) -> None:
        result = await cancel_input(self.deps, query.from_user.id, cb.assignment_id)
        if result.status in (ActionStatus.DONE, ActionStatus.ALREADY_DONE):
            await self.screen.show(query, cb.assignment_id)
        else:
            await self.screen.refuse(query, result.status)

    async def _open(self, query: CallbackQuery, cb: WorkerCallback) -> None:
        """A case from a list: its card as a new message, so the list stays."""
        card = await card_for_assignment(self.deps, query.from_user.id, cb.assignment_id)
        if not isinstance(card, CaseCard):
            await self.screen.refuse_in_list(query, card)
            return
        await query.answer()
        if isinstance(query.message, Message):
            markup = card_keyboard(self.tr, card)
            await query.message.reply_text(self.screen.text(card), reply_markup=markup)
