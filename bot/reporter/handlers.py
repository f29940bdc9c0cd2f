"""Telegram handlers for reporters: commands, button presses, text, pins, contacts, media.

Each handler turns an update into a questionnaire input, calls the intake service and hands
the reply to Delivery. Message text is never logged.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.error import BadRequest
from telegram.ext import ContextTypes

from bot import texts
from bot.callbacks import SessionChoice, parse_intake, parse_session, session_data
from bot.reporter.commands import ReporterExtras
from bot.reporter.delivery import Delivery
from bot.reporter.gate import refuse, refused_if_blocked
from bot.reporter.render import reply_keyboard_value
from triage.domain.intake.inputs import Contact, Input, Location, Media, Press, Text
from triage.services.common.deps import TriageDeps
from triage.services.intake import conversation as intake_service
from triage.services.intake.conversation import IntakeReply, Seen

Context = ContextTypes.DEFAULT_TYPE


class StaffFront(Protocol):
    """Lets the worker side answer /start and /help for people who are registered workers."""

    async def greet(self, update: Update, context: Context) -> bool: ...


class ReporterHandlers:
    def __init__(
        self, deps: TriageDeps, kick_outbox: Callable[[], None], staff: StaffFront | None = None
    ) -> None:
        self.deps = deps
        self.tr = deps.translator
        self.delivery = Delivery(deps)
        self.kick_outbox = kick_outbox
        self.staff = staff
        self.extras = ReporterExtras(deps)

    @staticmethod
    def _ids(update: Update) -> tuple[int, int, str | None]:
        chat, user = update.effective_chat, update.effective_user
        assert chat is not None
        assert user is not None
        return chat.id, user.id, user.language_code

    async def start(self, update: Update, context: Context) -> None:
        """/start: begin a report, or ask whether to continue the one in progress."""
        chat_id, user_id, hint = self._ids(update)
        if not context.args and self.staff is not None and await self.staff.greet(update, context):
            return
        seen = await intake_service.update_seen(self.deps, chat_id, update.update_id)
        if seen is not Seen.NEW:  # this /start began the draft already (processed again)
            if seen is Seen.LAST:
                reply = await intake_service.current(self.deps, chat_id, hint)
                await self.delivery.show(context.bot, chat_id, reply)
            return
        if await intake_service.has_draft(self.deps, chat_id):
            reply = await intake_service.current(self.deps, chat_id, hint)
            await self._offer_continue(update, context, reply.language)
            return
        reply = await intake_service.begin(self.deps, chat_id, user_id, hint, update.update_id)
        await self.delivery.show(context.bot, chat_id, reply)

    async def _offer_continue(self, update: Update, context: Context, lang: str) -> None:
        assert update.effective_chat is not None
        keyboard = InlineKeyboardMarkup(
            [
                [
                    InlineKeyboardButton(
                        self.tr.text(lang, texts.CONTINUE),
                        callback_data=session_data(SessionChoice.CONTINUE),
                    ),
                    InlineKeyboardButton(
                        self.tr.text(lang, texts.RESTART),
                        callback_data=session_data(SessionChoice.RESTART),
                    ),
                ]
            ]
        )
        text = self.tr.text(lang, texts.CONTINUE_OR_RESTART)
        await context.bot.send_message(
            chat_id=update.effective_chat.id, text=text, reply_markup=keyboard
        )

    async def session_choice(self, update: Update, context: Context) -> None:
        """The continue / start-over buttons (anything but start-over continues)."""
        query = update.callback_query
        assert query is not None
        assert query.message is not None
        chat_id, user_id, hint = self._ids(update)
        await query.answer()
        await _safe_delete(query.message)
        if parse_session(query.data or "") is SessionChoice.RESTART:
            reply = await intake_service.begin(self.deps, chat_id, user_id, hint, update.update_id)
        else:
            reply = await intake_service.current(self.deps, chat_id, hint)
        if reply.prompt is None and not reply.no_draft:
            return
        await self.delivery.show(context.bot, chat_id, reply)

    async def button(self, update: Update, context: Context) -> None:
        """An inline questionnaire button."""
        query = update.callback_query
        assert query is not None
        parsed = parse_intake(query.data or "")
        chat_id, user_id, hint = self._ids(update)
        if parsed is None or not isinstance(query.message, Message):
            if not await refused_if_blocked(self.deps, update, context):
                await query.answer(self.tr.text(hint, texts.BUTTON_EXPIRED))
            return
        given = Press(parsed.value, parsed.version)
        reply = await intake_service.answer(
            self.deps, chat_id, user_id, given, hint, update.update_id
        )
        if reply.blocked:
            await refuse(self.deps, update, context, reply.language)
            return
        await self._answer_query(update, reply)
        if reply.replayed:  # processed before (a crash): show where the draft stands
            await self.delivery.show(context.bot, chat_id, reply)
            return
        if reply.expired and reply.previous_prompt_message_id == query.message.message_id:
            # The draft moved on from this very message, but its next question never came
            # (the database failed after the answer was saved): show it now.
            await self.delivery.show(
                context.bot, chat_id, await intake_service.current(self.deps, chat_id, hint)
            )
            return
        if reply.expired or not reply.changed or reply.no_draft or reply.stale:
            return
        await self.delivery.show(
            context.bot, chat_id, reply, pressed=query.message, data=query.data
        )
        self._after(reply)

    async def _answer_query(self, update: Update, reply: IntakeReply) -> None:
        query = update.callback_query
        assert query is not None
        lang = reply.language
        if reply.expired or reply.no_draft:
            await query.answer(self.tr.text(lang, texts.BUTTON_EXPIRED))
        elif not reply.changed and reply.notices:
            notice = reply.notices[0]
            await query.answer(self.tr.text(lang, notice.msgid, **notice.values), show_alert=True)
        else:
            await query.answer()

    async def text(self, update: Update, context: Context) -> None:
        """Typed text: an answer, or a reply-keyboard button standing for an option."""
        message = update.effective_message
        assert message is not None
        assert message.text is not None
        chat_id, user_id, hint = self._ids(update)
        given: Input = Text(message.text)
        pending = await intake_service.current(self.deps, chat_id, hint, user_id)
        if pending.blocked:
            await refuse(self.deps, update, context, pending.language)
            return
        if pending.no_draft and await self._not_a_report(update, context):
            return
        if pending.prompt is not None and (
            pending.prompt.request_location or pending.prompt.request_contact
        ):
            value = reply_keyboard_value(self.tr, pending.language, pending.prompt, message.text)
            if value is not None:
                given = Press(value, pending.prompt.version)
        await self._input(update, context, given)

    async def _not_a_report(self, update: Update, context: Context) -> bool:
        """Text outside a report: a rating's comment, or a worker's stray message (their help,
        not the reporter's "type /start")."""
        if await self.extras.comment(update, context):
            return True
        return self.staff is not None and await self.staff.greet(update, context)

    async def location(self, update: Update, context: Context) -> None:
        message = update.effective_message
        assert message is not None
        assert message.location is not None
        await self._input(
            update, context, Location(message.location.latitude, message.location.longitude)
        )

    async def contact(self, update: Update, context: Context) -> None:
        message = update.effective_message
        assert message is not None
        assert message.contact is not None
        own = (
            message.contact.user_id is not None and message.contact.user_id == self._ids(update)[1]
        )
        await self._input(update, context, Contact(message.contact.phone_number, own))

    async def media(self, update: Update, context: Context) -> None:
        """A photo or voice note: kept by its file id only."""
        message = update.effective_message
        assert message is not None
        if message.photo:
            given = Media("photo", message.photo[-1].file_id, message.caption)
        elif message.voice is not None:
            given = Media("voice", message.voice.file_id, message.caption)
        else:
            return
        await self._input(update, context, given)

    async def _input(self, update: Update, context: Context, given: Input) -> None:
        chat_id, user_id, hint = self._ids(update)
        reply = await intake_service.answer(
            self.deps, chat_id, user_id, given, hint, update.update_id
        )
        if reply.blocked:
            await refuse(self.deps, update, context, reply.language)
            return
        if reply.stale:
            return  # an update processed before, and the draft changed since
        await self.delivery.show(context.bot, chat_id, reply)
        self._after(reply)

    def _after(self, reply: IntakeReply) -> None:
        if reply.submitted is not None:
            self.kick_outbox()

    async def cancel(self, update: Update, context: Context) -> None:
        """/batal or /cancel: ask to confirm, then delete the draft."""
        chat_id, _user_id, hint = self._ids(update)
        reply = await intake_service.ask_cancel(self.deps, chat_id, hint)
        if reply.no_draft:
            await context.bot.send_message(
                chat_id=chat_id, text=self.tr.text(reply.language, texts.CANCELLED_NOTHING)
            )
            return
        await self.delivery.show(context.bot, chat_id, reply)

    async def help(self, update: Update, context: Context) -> None:
        chat_id, _user_id, hint = self._ids(update)
        if self.staff is not None and await self.staff.greet(update, context):
            return
        lang = (await intake_service.current(self.deps, chat_id, hint)).language
        await context.bot.send_message(chat_id=chat_id, text=self.tr.text(lang, texts.HELP))

    async def unknown_command(self, update: Update, context: Context) -> None:
        await self._explain_and_ask_again(update, context, texts.UNKNOWN_COMMAND)

    async def unsupported(self, update: Update, context: Context) -> None:
        """A sticker, video, file…: said plainly in the reporter's language, then the question
        again, so a report in progress is not left hanging."""
        await self._explain_and_ask_again(update, context, texts.UNSUPPORTED_KIND, texts.NO_DRAFT)

    async def _explain_and_ask_again(
        self, update: Update, context: Context, msgid: str, without_draft: str | None = None
    ) -> None:
        chat_id, _user_id, hint = self._ids(update)
        pending = await intake_service.current(self.deps, chat_id, hint)
        if pending.prompt is None and without_draft is not None:
            msgid = without_draft
        await context.bot.send_message(chat_id=chat_id, text=self.tr.text(pending.language, msgid))
        if pending.prompt is not None:
            await self.delivery.send_prompt(context.bot, chat_id, pending)


async def _safe_delete(message: object) -> None:
    if isinstance(message, Message):
        try:
            await message.delete()
        except BadRequest:
            return
