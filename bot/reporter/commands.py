"""Reporter commands beside the questionnaire: /bahasa, /status, and rating a closed case."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import ContextTypes

from bot import texts
from bot.callbacks import language_data, parse_language, parse_rating
from bot.edits import edit_pressed
from triage.domain.case import CaseStatus
from triage.domain.timezones import format_local
from triage.services.common.deps import TriageDeps
from triage.services.intake import reporter as reporter_service
from triage.services.intake.reporter import RatingOutcome

Context = ContextTypes.DEFAULT_TYPE


class ReporterExtras:
    def __init__(self, deps: TriageDeps) -> None:
        self.deps = deps
        self.tr = deps.translator

    async def _lang(self, update: Update) -> str:
        user = update.effective_user
        assert user is not None
        saved = await reporter_service.language_of(self.deps, user.id)
        return saved or self.tr.language(user.language_code)

    async def bahasa(self, update: Update, context: Context) -> None:
        """/bahasa or /language: choose Indonesian or English."""
        assert update.effective_chat is not None
        keyboard = InlineKeyboardMarkup(
            [
                [
                    InlineKeyboardButton("Bahasa Indonesia", callback_data=language_data("id")),
                    InlineKeyboardButton("English", callback_data=language_data("en")),
                ]
            ]
        )
        await context.bot.send_message(
            chat_id=update.effective_chat.id,
            text=self.tr.text("id", texts.CHOOSE_LANGUAGE),
            reply_markup=keyboard,
        )

    async def language_chosen(self, update: Update, _context: Context) -> None:
        query = update.callback_query
        assert query is not None and query.from_user is not None
        lang = parse_language(query.data or "")
        if lang is None:
            await query.answer()
            return
        await reporter_service.set_language(self.deps, query.from_user.id, lang)
        await query.answer()
        done = texts.LANGUAGE_SET if lang == "id" else texts.LANGUAGE_SET_EN
        await edit_pressed(query, self.tr.text(lang, done))

    async def status(self, update: Update, context: Context) -> None:
        """/status: this chat's own reports and their state in plain words."""
        chat = update.effective_chat
        assert chat is not None
        lang = await self._lang(update)
        reports = await reporter_service.my_reports(self.deps, chat.id)
        if not reports:
            await context.bot.send_message(
                chat_id=chat.id, text=self.tr.text(lang, texts.STATUS_NONE)
            )
            return
        lines = [self.tr.text(lang, texts.STATUS_HEADER)]
        for report in reports:
            known = report.status in texts.STATUS_WORDS
            code = report.status if known else CaseStatus.ACCEPTED
            status = self.tr.label(lang, texts.STATUS_WORDS, code)
            date = format_local(report.received_at, report.kabkota_code or "31")
            lines.append(
                self.tr.text(
                    lang, texts.STATUS_LINE, reference=report.reference, date=date, status=status
                )
            )
        await context.bot.send_message(chat_id=chat.id, text="\n".join(lines))

    async def rating(self, update: Update, _context: Context) -> None:
        """A 1-5 rating button after a case was closed (`bot.callbacks.Rating`)."""
        query = update.callback_query
        assert (
            query is not None and query.from_user is not None and update.effective_chat is not None
        )
        lang = await self._lang(update)
        rating = parse_rating(query.data or "")
        if rating is None:
            await query.answer(self.tr.text(lang, texts.BUTTON_EXPIRED))
            return
        outcome = await reporter_service.rate(
            self.deps, update.effective_chat.id, query.from_user.id, rating.reference, rating.stars
        )
        if outcome is RatingOutcome.NOT_YOURS:
            await query.answer(self.tr.text(lang, texts.BUTTON_EXPIRED))
            return
        await query.answer()
        done = texts.RATING_THANKS if outcome is RatingOutcome.THANKED else texts.RATING_ALREADY
        await edit_pressed(query, f"{'⭐' * rating.stars}\n{self.tr.text(lang, done)}")

    async def comment(self, update: Update, context: Context) -> bool:
        """Stores a rating comment if one is awaited; True when the text was taken."""
        chat, user, message = update.effective_chat, update.effective_user, update.effective_message
        assert chat is not None and user is not None and message is not None
        reference = await reporter_service.take_comment(
            self.deps, chat.id, user.id, message.text or ""
        )
        if reference is None:
            return False
        lang = await self._lang(update)
        await context.bot.send_message(
            chat_id=chat.id, text=self.tr.text(lang, texts.COMMENT_THANKS)
        )
        return True
