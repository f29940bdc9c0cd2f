"""python-telegram-bot's exceptions as the outbox's failures, and what of them is stored."""

from __future__ import annotations

import datetime as dtm

import pytest
from telegram.error import (
    BadRequest,
    ChatMigrated,
    Conflict,
    Forbidden,
    InvalidToken,
    NetworkError,
    RetryAfter,
    TelegramError,
    TimedOut,
)

from bot.telegram_failures import classify, detail, retry_after_seconds
from triage.domain.delivery import Failure


@pytest.mark.parametrize(
    ("error", "failure"),
    [
        (Forbidden("Forbidden: bot was blocked by the user"), Failure.BLOCKED),
        (Forbidden("Forbidden: user is deactivated"), Failure.DEACTIVATED),
        (BadRequest("Bad Request: chat not found"), Failure.CHAT_NOT_FOUND),
        (BadRequest("Bad Request: user not found"), Failure.CHAT_NOT_FOUND),
        (Forbidden("Forbidden: bot was kicked from the group chat"), Failure.REFUSED),
        (Forbidden("Forbidden: bot can't initiate conversation with a user"), Failure.REFUSED),
        (BadRequest("Bad Request: message is too long"), Failure.REFUSED),
        (RetryAfter(7), Failure.RATE_LIMITED),
        (TimedOut(), Failure.NETWORK),
        (NetworkError("Bad Gateway"), Failure.NETWORK),
        (NetworkError("Internal Server Error (500)"), Failure.NETWORK),
        (InvalidToken("Unauthorized"), Failure.NETWORK),
        (Conflict("Conflict"), Failure.NETWORK),
        (ChatMigrated(-100123), Failure.REFUSED),
        (TelegramError("Invalid server response"), Failure.NETWORK),
    ],
)
def test_each_error_reads_as_one_failure(error: TelegramError, failure: Failure) -> None:
    assert classify(error) is failure


@pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")
def test_retry_after_in_seconds_whichever_type_telegram_gives() -> None:
    assert retry_after_seconds(RetryAfter(7)) == 7.0
    assert retry_after_seconds(RetryAfter(dtm.timedelta(seconds=2.5))) == 2.5
    assert retry_after_seconds(TimedOut()) is None


def test_the_detail_is_the_type_and_telegrams_words_cut_short() -> None:
    assert detail(Forbidden("Forbidden: bot was blocked by the user")) == (
        "Forbidden: Forbidden: bot was blocked by the user"
    )
    assert len(detail(BadRequest("Bad Request: " + "x" * 500))) == 200
