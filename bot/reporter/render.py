"""Turns questionnaire prompts into Telegram text and keyboards, in the reporter's language."""

from __future__ import annotations

from dataclasses import dataclass

from telegram import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    KeyboardButton,
    ReplyKeyboardMarkup,
)

from bot.callbacks import intake_data
from triage.domain.intake.catalog import Option
from triage.domain.intake.prompt import Prompt
from triage.i18n import N_, Translator

Markup = InlineKeyboardMarkup | ReplyKeyboardMarkup
SEND_LOCATION = N_("📍 Kirim lokasi saya")
SHARE_CONTACT = N_("📱 Bagikan nomor saya")


@dataclass(frozen=True, slots=True)
class Rendered:
    text: str
    markup: Markup | None
    reply_keyboard: bool = False


def option_label(tr: Translator, lang: str, option: Option) -> str:
    return option.label if option.literal else tr.text(lang, option.label)


def prompt_text(tr: Translator, lang: str, prompt: Prompt) -> str:
    text = tr.text(lang, prompt.question, **prompt.values)
    if not prompt.lines:
        return text
    lines = [
        f"• {tr.text(lang, line.label)}: {tr.text(lang, line.value) if line.translate else line.value}"
        for line in prompt.lines
    ]
    return "\n".join([*lines, "", text])


def render_prompt(tr: Translator, lang: str, prompt: Prompt) -> Rendered:
    text = prompt_text(tr, lang, prompt)
    if prompt.request_location or prompt.request_contact:
        return Rendered(text, _reply_keyboard(tr, lang, prompt), reply_keyboard=True)
    if not prompt.options:
        return Rendered(text, None)
    return Rendered(text, _inline_keyboard(tr, lang, prompt))


def _inline_keyboard(tr: Translator, lang: str, prompt: Prompt) -> InlineKeyboardMarkup:
    buttons = [
        InlineKeyboardButton(
            text=("✓ " if o.value in prompt.selected else "") + option_label(tr, lang, o),
            callback_data=intake_data(prompt.version, o.value),
        )
        for o in prompt.options
    ]
    return InlineKeyboardMarkup(_rows(buttons, prompt.columns))


def _rows(buttons: list[InlineKeyboardButton], columns: int) -> list[list[InlineKeyboardButton]]:
    """Long labels get a row of their own so nothing is cut off on a narrow phone."""
    rows: list[list[InlineKeyboardButton]] = []
    for button in buttons:
        fits = columns > 1 and len(button.text) <= 22
        if rows and fits and len(rows[-1]) < columns and len(rows[-1][0].text) <= 22:
            rows[-1].append(button)
        else:
            rows.append([button])
    return rows


def _reply_keyboard(tr: Translator, lang: str, prompt: Prompt) -> ReplyKeyboardMarkup:
    special = KeyboardButton(
        text=tr.text(lang, SEND_LOCATION if prompt.request_location else SHARE_CONTACT),
        request_location=prompt.request_location,
        request_contact=prompt.request_contact,
    )
    rows = [[special], *([KeyboardButton(option_label(tr, lang, o))] for o in prompt.options)]
    return ReplyKeyboardMarkup(
        rows, resize_keyboard=True, one_time_keyboard=True, is_persistent=False
    )


def reply_keyboard_value(tr: Translator, lang: str, prompt: Prompt, text: str) -> str | None:
    """The option a reply-keyboard button stands for, when the reporter pressed one."""
    for option in prompt.options:
        if option_label(tr, lang, option) == text.strip():
            return option.value
    return None
