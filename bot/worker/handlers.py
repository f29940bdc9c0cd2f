"""Telegram handlers for social workers' buttons (`bot.callbacks.WorkerCallback`) and the text
they type after one. Services check every press against the database; the pressed message is
edited in place. Message text is never logged."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from telegram import Bot, CallbackQuery, Message, Update
from telegram.ext import ApplicationHandlerStop, ContextTypes

from bot import texts
from bot.callbacks import WorkerAction, WorkerCallback, parse_referral_set, parse_worker
from bot.worker import texts as t
from bot.worker.access import WorkerGate
from bot.worker.render import (
    CLOSE_CHOICES,
    DECLINE_CHOICES,
    LANG,
    REFERRAL_STATUS,
    TYPE_CHOICES,
    cancel_keyboard,
    card_keyboard,
    choice_keyboard,
    label,
    refer_service_keyboard,
    refer_type_keyboard,
    referral_status_keyboard,
)
from bot.worker.screen import REFUSALS, CardScreen
from triage.domain.case import DeclineReason, Outcome
from triage.domain.referrals import ReferralStatus
from triage.services.cases.accept import ActionResult, ActionStatus, accept_case, refuse_malformed
from triage.services.cases.decline import decline_case
from triage.services.cases.help import request_help
from triage.services.cases.progress import close_case, mark_contacted, mark_visited
from triage.services.cases.worker_input import (
    Awaited,
    TypedResult,
    await_input,
    cancel_input,
    take_typed_input,
)
from triage.services.cases.worker_views import CaseCard, card_for_assignment
from triage.services.common.deps import TriageDeps
from triage.services.referrals.actions import (
    REFERRAL_MOVED,
    SERVICE_GONE,
    refer_to_service,
    referral_services,
    referral_types,
    update_referral,
)

Context = ContextTypes.DEFAULT_TYPE
Step = Callable[[CallbackQuery, WorkerCallback], Awaitable[None]]
Run = Callable[..., Awaitable[ActionResult]]
REFERRAL_REFUSALS = {SERVICE_GONE: t.SERVICE_GONE, REFERRAL_MOVED: t.REFERRAL_MOVED}
# Typed text that is saved, after which the card comes back (a decline reason ends it).
SAVED_AND_REDRAWN = {
    Awaited.NOTE: t.NOTE_SAVED,
    Awaited.REFERRAL: t.REFERRAL_SAVED,
    Awaited.REFERRAL_NOTE: t.REFERRAL_NOTE_SAVED,
}


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
            a.REFER: self._refer_types,
            a.REFER_TO: self._refer_types,  # an older version's button: the same picker
            a.REFER_TYPE: self._refer_services,
            a.REFER_SERVICE: self._refer_service,
            a.REFER_TYPED: self._refer_typed,
            a.REFERRAL_OPEN: self._referral_open,
            a.REFERRAL_SET: self._referral_set,
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
        elif taken.what in SAVED_AND_REDRAWN:
            saved = self.tr.text(LANG, SAVED_AND_REDRAWN[taken.what], reference=result.reference)
            self.kick_outbox()
            await message.reply_text(saved)
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

    async def _refer_types(self, query: CallbackQuery, cb: WorkerCallback) -> None:
        """The types of service the case's place has in the directory, or "type it"."""
        offer = await referral_types(self.deps, query.from_user.id, cb.assignment_id)
        if offer.result.status is not ActionStatus.DONE:
            await self.screen.refuse(query, offer.result.status)
            return
        question = t.ASK_REFER_TYPE if offer.types else t.ASK_REFER_NO_SERVICES
        markup = refer_type_keyboard(self.tr, cb.assignment_id, offer.types)
        await self.screen.show(query, cb.assignment_id, question, markup)

    async def _refer_services(self, query: CallbackQuery, cb: WorkerCallback) -> None:
        kind = cb.arg or ""
        user = query.from_user.id
        offer = await referral_services(self.deps, user, cb.assignment_id, kind)
        if offer.result.status is not ActionStatus.DONE:
            await self.screen.refuse(query, offer.result.status)
            return
        named = self.tr.text(LANG, label(TYPE_CHOICES, kind))
        question = self.tr.text(LANG, t.ASK_REFER_SERVICE, type=named)
        markup = refer_service_keyboard(self.tr, cb.assignment_id, offer.services)
        await self.screen.show(query, cb.assignment_id, question, markup)

    async def _refer_service(self, query: CallbackQuery, cb: WorkerCallback) -> None:
        service_id = int(cb.arg or 0)
        result = await refer_to_service(self.deps, query.from_user.id, cb.assignment_id, service_id)
        if result.status is ActionStatus.DONE:
            self.kick_outbox()
            await self.screen.show(query, cb.assignment_id, t.DONE_REFERRED, toast=t.DONE_REFERRED)
        elif result.status is ActionStatus.ALREADY_DONE:
            again = t.ALREADY_RECORDED
            await self.screen.show(query, cb.assignment_id, again, toast=again)
        else:
            await self._refuse_referral(query, cb, result)

    async def _refuse_referral(
        self, query: CallbackQuery, cb: WorkerCallback, result: ActionResult
    ) -> None:
        """The service or the referral moved on (not the case): the card stays, with why."""
        moved = REFERRAL_REFUSALS.get(result.detail)
        if result.status is ActionStatus.GONE and moved is not None:
            await self.screen.show(query, cb.assignment_id, moved, toast=moved)
        else:
            await self.screen.refuse(query, result.status)

    async def _refer_typed(self, query: CallbackQuery, cb: WorkerCallback) -> None:
        await self._await(query, cb, Awaited.REFERRAL, t.ASK_REFER_TYPED)

    async def _referral_open(self, query: CallbackQuery, cb: WorkerCallback) -> None:
        """One referral's status, and the statuses it may move to."""
        card = await card_for_assignment(self.deps, query.from_user.id, cb.assignment_id)
        if not isinstance(card, CaseCard):
            await self.screen.refuse(query, card)
            return
        referral = next((r for r in card.referrals if str(r.id) == cb.arg), None)
        if referral is None or card.closed:
            await self.screen.refuse(
                query, ActionStatus.CLOSED if card.closed else ActionStatus.GONE
            )
            return
        await query.answer()
        status = self.tr.label(LANG, REFERRAL_STATUS, referral.status)
        question = self.tr.text(LANG, t.ASK_REFERRAL_STATUS, name=referral.name, status=status)
        markup = referral_status_keyboard(self.tr, cb.assignment_id, referral)
        await self.screen.edit(query, self.screen.text(card, question), markup)

    async def _referral_set(self, query: CallbackQuery, cb: WorkerCallback) -> None:
        parsed = parse_referral_set(cb.arg)
        assert parsed is not None  # parse_worker checked the shape
        referral_id, status = parsed
        user = query.from_user.id
        result = await update_referral(self.deps, user, cb.assignment_id, referral_id, status)
        if result.status is ActionStatus.ALREADY_DONE:
            await self.screen.show(query, cb.assignment_id, t.ALREADY_RECORDED)
        elif result.status is not ActionStatus.DONE:
            await self._refuse_referral(query, cb, result)
        elif status is ReferralStatus.DECLINED:  # why, if the worker wants to say
            message_id = query.message.message_id if query.message else None
            await await_input(
                self.deps, user, cb.assignment_id, Awaited.REFERRAL_NOTE, message_id, referral_id
            )
            markup = cancel_keyboard(self.tr, cb.assignment_id)
            await self.screen.show(query, cb.assignment_id, t.ASK_REFERRAL_NOTE, markup)
        else:
            done = t.DONE_REFERRAL_STATUS
            await self.screen.show(query, cb.assignment_id, done, toast=done)

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
