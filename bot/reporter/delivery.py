"""Shows an IntakeReply to the reporter: edits pressed buttons in place, retires old ones,
sends notices and the next question, or the reference once the report is in."""

from __future__ import annotations

from datetime import timedelta

from telegram import Bot, InlineKeyboardMarkup, Message, ReplyKeyboardRemove
from telegram.error import BadRequest

from bot import texts
from bot.callbacks import parse_intake
from bot.reporter.render import Markup, prompt_text, render_prompt
from triage.domain.model import Urgency
from triage.services.common.deps import TriageDeps
from triage.services.intake import conversation as intake_service
from triage.services.intake.conversation import IntakeReply

_NEXT = {
    Urgency.DARURAT: texts.NEXT_DARURAT,
    Urgency.TINGGI: texts.NEXT_TINGGI,
    Urgency.SEDANG: texts.NEXT_SEDANG,
    Urgency.RENDAH: texts.NEXT_RENDAH,
}


class Delivery:
    def __init__(self, deps: TriageDeps) -> None:
        self.deps = deps
        self.tr = deps.translator

    async def show(
        self,
        bot: Bot,
        chat_id: int,
        reply: IntakeReply,
        pressed: Message | None = None,
        data: str | None = None,
    ) -> None:
        """Render one reply; `pressed` is the message whose button was pressed, if any."""
        lang = reply.language
        if reply.no_draft:
            await bot.send_message(chat_id=chat_id, text=self.tr.text(lang, texts.NO_DRAFT))
            return
        if pressed is not None and data is not None and reply.prompt is not None:
            if await self._edited_in_place(reply, pressed, data):
                return
        elif reply.previous_prompt_message_id and not reply.previous_reply_keyboard:
            await self._retire(bot, chat_id, reply.previous_prompt_message_id)
        await self._notices(bot, chat_id, reply)
        if reply.submitted is not None:
            await self._submitted(bot, chat_id, reply)
        elif reply.prompt is not None:
            await self.send_prompt(bot, chat_id, reply)

    async def _edited_in_place(self, reply: IntakeReply, pressed: Message, data: str) -> bool:
        """Toggles and pages redraw the same message; a final choice is written into it."""
        assert reply.prompt is not None
        if reply.prompt.step.value == reply.previous_step and not reply.notices:
            rendered = render_prompt(self.tr, reply.language, reply.prompt)
            markup = rendered.markup if isinstance(rendered.markup, InlineKeyboardMarkup) else None
            await _quiet(pressed.edit_text(text=rendered.text, reply_markup=markup))
            return True
        label = pressed_label(pressed, data)
        await _quiet(pressed.edit_text(text=f"{pressed.text}\n➜ {label}".strip()))
        return False

    async def _notices(self, bot: Bot, chat_id: int, reply: IntakeReply) -> None:
        lang = reply.language
        remove = reply.previous_reply_keyboard
        for notice in reply.notices:
            markup = (
                ReplyKeyboardRemove() if remove and (reply.cancelled or reply.submitted) else None
            )
            await bot.send_message(
                chat_id=chat_id,
                text=self.tr.text(lang, notice.msgid, **notice.values),
                reply_markup=markup,
            )

    async def send_prompt(self, bot: Bot, chat_id: int, reply: IntakeReply) -> None:
        assert reply.prompt is not None
        rendered = render_prompt(self.tr, reply.language, reply.prompt)
        markup: Markup | ReplyKeyboardRemove | None = rendered.markup
        leaving_keyboard = reply.previous_reply_keyboard and not rendered.reply_keyboard
        if markup is None and leaving_keyboard:
            markup = ReplyKeyboardRemove()
        elif leaving_keyboard:
            # One markup per message: a short acknowledgement takes the reply keyboard away.
            ack = self.tr.text(reply.language, texts.NOTED)
            await bot.send_message(chat_id=chat_id, text=ack, reply_markup=ReplyKeyboardRemove())
        sent = await bot.send_message(chat_id=chat_id, text=rendered.text, reply_markup=markup)
        has_inline = isinstance(markup, InlineKeyboardMarkup)
        await intake_service.remember_prompt(
            self.deps,
            chat_id,
            sent.message_id if has_inline or rendered.reply_keyboard else 0,
            rendered.reply_keyboard,
        )

    async def _submitted(self, bot: Bot, chat_id: int, reply: IntakeReply) -> None:
        submitted = reply.submitted
        assert submitted is not None
        urgency = Urgency(submitted.urgency)
        accept = self.deps.rules.sla[urgency].accept
        next_steps = self.tr.text(
            reply.language, _NEXT[urgency], accept=self.duration(reply.language, accept)
        )
        text = self.tr.text(
            reply.language, texts.SUBMITTED, reference=submitted.reference, next_steps=next_steps
        )
        await bot.send_message(chat_id=chat_id, text=text, reply_markup=ReplyKeyboardRemove())

    def duration(self, lang: str, span: timedelta) -> str:
        minutes = int(span.total_seconds() // 60)
        if minutes == 60:
            return self.tr.text(lang, texts.ONE_HOUR)
        if minutes < 120:
            return (
                self.tr.text(lang, texts.MINUTES, n=minutes)
                if minutes % 60
                else self.tr.text(lang, texts.HOURS, n=minutes // 60)
            )
        if minutes < 72 * 60:
            return self.tr.text(lang, texts.HOURS, n=minutes // 60)
        return self.tr.text(lang, texts.DAYS, n=minutes // (24 * 60))

    async def _retire(self, bot: Bot, chat_id: int, message_id: int) -> None:
        await _quiet(
            bot.edit_message_reply_markup(chat_id=chat_id, message_id=message_id, reply_markup=None)
        )


def pressed_label(pressed: Message, data: str) -> str:
    """The text of the button that carried `data`, without a selection tick; when the message
    was redrawn after the press was made, the button with the same option."""
    markup = pressed.reply_markup
    buttons = [button for row in (markup.inline_keyboard if markup else ()) for button in row]
    wanted = parse_intake(data)
    for button in buttons:
        if button.callback_data == data:
            return button.text.removeprefix("✓ ")
    for button in buttons:
        shown = parse_intake(str(button.callback_data or ""))
        if wanted is not None and shown is not None and shown.value == wanted.value:
            return button.text.removeprefix("✓ ")
    return ""


async def _quiet(coro: object) -> None:
    """Edits can fail harmlessly (message too old, unchanged); never let that stop a reply."""
    try:
        await coro  # type: ignore[misc]
    except BadRequest:
        return


__all__ = ["Delivery", "prompt_text"]
