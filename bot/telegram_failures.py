"""Reads python-telegram-bot's exceptions as the outbox's failures (`triage.domain.delivery`)."""

from __future__ import annotations

import warnings
from datetime import timedelta

from telegram.error import BadRequest, ChatMigrated, Forbidden, RetryAfter, TelegramError
from telegram.warnings import PTBDeprecationWarning

from triage.domain.delivery import Failure

# Telegram's descriptions ("Forbidden: bot was blocked by the user"), lower-cased.
_FORBIDDEN = (("blocked by the user", "blocked"), ("user is deactivated", "deactivated"))
_BAD_REQUEST = (("chat not found", "chat_not_found"), ("user not found", "chat_not_found"))


def classify(exc: TelegramError) -> Failure:
    """BadRequest is a NetworkError in python-telegram-bot, so refusals are read first; every
    other error (timeouts, 5xx, an invalid token, a conflict) may pass: NETWORK."""
    if isinstance(exc, RetryAfter):
        return Failure.RATE_LIMITED
    if isinstance(exc, ChatMigrated):  # a group became a supergroup: the old id never works
        return Failure.REFUSED
    if isinstance(exc, Forbidden):
        return _known(exc.message, _FORBIDDEN)
    if isinstance(exc, BadRequest):
        return _known(exc.message, _BAD_REQUEST)
    return Failure.NETWORK


def retry_after_seconds(exc: TelegramError) -> float | None:
    if not isinstance(exc, RetryAfter):
        return None
    with warnings.catch_warnings():  # an int today, a timedelta in a later major version
        warnings.simplefilter("ignore", PTBDeprecationWarning)
        wait = exc.retry_after
    return wait.total_seconds() if isinstance(wait, timedelta) else float(wait)


def detail(exc: TelegramError) -> str:
    """The exception's type and Telegram's description, short: it names no user or text."""
    return f"{type(exc).__name__}: {exc.message}"[:200]


def _known(description: str, known: tuple[tuple[str, str], ...]) -> Failure:
    text = description.lower()
    return next((Failure(value) for phrase, value in known if phrase in text), Failure.REFUSED)
