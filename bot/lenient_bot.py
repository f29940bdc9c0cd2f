"""The Application's Bot, which does not let a callback query that can no longer be answered
fail the handler that answers it.

Telegram lets a button press be answered once and only for a short while; an update taken
up again after a crash or a slow start (the webhook's inbox) carries a query that is too old.
The answer only stops the button's spinner: what the press does must still happen."""

from __future__ import annotations

import logging
from typing import Any

from telegram.error import BadRequest
from telegram.ext import ExtBot

log = logging.getLogger(__name__)
_UNANSWERABLE = ("query is too old", "query id is invalid")


class LenientBot(ExtBot[Any]):
    async def answer_callback_query(self, *args: Any, **kwargs: Any) -> bool:
        try:
            return await super().answer_callback_query(*args, **kwargs)
        except BadRequest as exc:
            if not any(words in exc.message.lower() for words in _UNANSWERABLE):
                raise
            log.info("a button press too old to answer; handled all the same")
            return False
