"""Only the bot: the real Application and handlers polling the Bot API stand-in, over the test
database, with the outbox drained on request by the real OutboxSender. No admin, no scheduler.

`settle()` waits until the bot has fetched and finished every update users have sent, so a test
can assert that nothing (more) happened without sleeping.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dtm
from collections.abc import AsyncIterator, Awaitable
from dataclasses import dataclass, field
from typing import Any

from telegram import Update
from telegram.ext import ContextTypes

from bot.application import (
    ALLOWED_UPDATES,
    App,
    build_application,
    build_sender_bot,
    install_handlers,
)
from bot.flood import FloodGate
from bot.request import AiohttpRequest
from bot.sender import OutboxSender
from tests.bot.rows import T, row, rows
from tests.support.botapi_stub import BotApiStub
from tests.support.stub_types import SentMessage
from tests.support.stub_users import ChatActor
from triage.services.common.deps import TriageDeps

SETTLE_SECONDS = 10.0


@dataclass
class BotUnderTest:
    """The running bot, its stand-in, and what happened inside it."""

    stub: BotApiStub
    deps: TriageDeps
    application: App
    sender: OutboxSender
    kicks: int = 0
    failures: list[BaseException] = field(default_factory=list)
    processed: set[int] = field(default_factory=set)
    _progress: asyncio.Event = field(default_factory=asyncio.Event)

    def user(self, user_id: int, first_name: str = "Warga", **kwargs: Any) -> ChatActor:
        """A person in a private chat with the bot (see BotApiStub.private_user)."""
        return self.stub.private_user(user_id, first_name, **kwargs)

    def text(self, msgid: str, lang: str = "id", **values: str) -> str:
        """What the catalogue makes of `msgid`: the text a user should see."""
        return self.deps.translator.text(lang, msgid, **values)

    def kick(self) -> None:
        """What handlers call after writing outbox rows; counted, delivery stays explicit."""
        self.kicks += 1

    async def deliver(self) -> int:
        """Send every outbox message that is due, as the running sender would; how many."""
        sent = 0
        while attempted := await self.sender.drain_once():
            sent += attempted
        return sent

    async def settle(self, within: float = SETTLE_SECONDS) -> None:
        """Wait until every update queued so far has been handled (handlers and errors).

        Only for updates the bot polls for (ALLOWED_UPDATES): an edited message never arrives.
        """
        queued = set(range(1, self.stub.last_update_id + 1))
        async with asyncio.timeout(within):
            while not queued <= self.processed:
                self._progress.clear()
                await self._progress.wait()

    async def rows(self, table: type[T]) -> list[T]:
        """Every row of `table` once the bot is done with what users sent (see tests.bot.rows)."""
        await self.settle()
        return await rows(self.deps, table)

    async def row(self, table: type[T], key: object) -> T | None:
        """One row by primary key once the bot is done with what users sent."""
        await self.settle()
        return await row(self.deps, table, key)

    async def answer_to(self, query_id: str) -> tuple[str | None, bool]:
        """The bot's answer to one button press (text, shown as an alert)."""
        await self.settle()
        answers = [(t, alert) for q, t, alert in self.stub.answered_callbacks if q == query_id]
        assert len(answers) == 1, f"button {query_id} answered {len(answers)} times"
        return answers[0]

    def _done(self, update: object) -> None:
        if isinstance(update, Update):
            self.processed.add(update.update_id)
        self._progress.set()

    async def _record_failure(self, _update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        if context.error is not None:
            self.failures.append(context.error)


def _track(bot: BotUnderTest) -> None:
    """Note each update once the Application is done with it (the per-chat processor's hook)."""
    processor = bot.application.update_processor
    original = processor.do_process_update

    async def tracked(update: object, coroutine: Awaitable[Any]) -> None:
        try:
            await original(update, coroutine)
        finally:
            bot._done(update)

    processor.do_process_update = tracked  # type: ignore[method-assign]


@contextlib.asynccontextmanager
async def running_bot(
    stub: BotApiStub, deps: TriageDeps, flood: FloodGate | None = None, *, dedupe: bool = True
) -> AsyncIterator[BotUnderTest]:
    """The bot's Application polling `stub`, with handlers installed over `deps` (and the
    flood limit `flood`, else the default one on the real clock); `dedupe=False` as in
    webhook mode, where the inbox has deduplicated the updates."""
    requests = (AiohttpRequest(connection_pool_size=8), AiohttpRequest(connection_pool_size=1))
    urls = (stub.base_url, stub.base_file_url)
    application = build_application(stub.token, *urls, requests)
    sending = AiohttpRequest(connection_pool_size=1)
    await sending.initialize()
    sender = OutboxSender(deps, build_sender_bot(stub.token, *urls, sending))
    bot = BotUnderTest(stub, deps, application, sender)
    install_handlers(application, deps, bot.kick, flood, dedupe=dedupe)
    application.add_error_handler(bot._record_failure)
    _track(bot)
    try:
        async with application:  # initialize ... shutdown
            deps.bot_username = application.bot.username
            await _poll(application)
            try:
                yield bot
            finally:
                stub.wake_all()
                assert application.updater is not None
                await application.updater.stop()
                await application.stop()
    finally:
        for request in (*requests, sending):
            await request.shutdown()


async def _poll(application: App) -> None:
    await application.start()
    assert application.updater is not None
    await application.updater.start_polling(
        poll_interval=0, timeout=dtm.timedelta(seconds=5), allowed_updates=ALLOWED_UPDATES
    )


def shown(user: ChatActor, message_id: int) -> SentMessage:
    """The bot's message `message_id` in the user's chat as it looks now (edits applied)."""
    found = [m for m in user.messages if m.message_id == message_id]
    assert found, f"no bot message #{message_id}\n{user.transcript()}"
    return found[0]
