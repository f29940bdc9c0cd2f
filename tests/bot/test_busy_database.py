"""A busy database while an update taken by webhook is processed: another connection holds
SQLite's write lock past the busy timeout. The update is tried again within its chat's turn
(`BUSY_RETRY_SECONDS` in bot/webhook.py): the reporter gets the bot's answer and never the
apology, and the inbox row ends processed, not failed."""

from __future__ import annotations

import asyncio
import sqlite3
import threading
import time
from typing import Any

import pytest
from sqlalchemy.engine import make_url
from sqlmodel import select
from telegram import Update
from telegram.ext import ContextTypes, TypeHandler

from bot.flood import FloodGate, FloodLimit
from bot.webhook import InboxReceiver
from tests.bot.harness import running_bot
from tests.support.botapi_stub import BotApiStub
from triage.services.common.deps import TriageDeps
from triage.storage.db import SQLITE_BUSY_TIMEOUT_MS
from triage.storage.tables import InboxUpdate

pytestmark = pytest.mark.slow
REPORTER = 1001
HOLD_SECONDS = SQLITE_BUSY_TIMEOUT_MS / 1000 + 1.5  # the first try times out, a later one not
APOLOGY = "Maaf, ada gangguan"


def _start(update_id: int) -> dict[str, Any]:
    person = {"id": REPORTER, "is_bot": False, "first_name": "Warga"}
    message = {
        "message_id": 1, "date": int(time.time()), "text": "/start", "from": person,
        "chat": {"id": REPORTER, "type": "private", "first_name": "Warga"},
        "entities": [{"type": "bot_command", "offset": 0, "length": 6}],
    }  # fmt: skip
    return {"update_id": update_id, "message": message}


def _lock_in_a_thread(path: str) -> threading.Event:
    """Another connection takes the write lock, holds it HOLD_SECONDS, then lets go."""
    held = threading.Event()

    def hold() -> None:
        connection = sqlite3.connect(path, timeout=30, isolation_level=None)
        connection.execute("BEGIN IMMEDIATE")
        held.set()
        time.sleep(HOLD_SECONDS)
        connection.execute("ROLLBACK")
        connection.close()

    threading.Thread(target=hold, daemon=True).start()
    return held


async def test_an_update_meeting_a_locked_database_is_answered_once_it_is_free(
    database_url: str, deps: TriageDeps
) -> None:
    if not database_url.startswith("sqlite"):
        pytest.skip("SQLite's write lock; PostgreSQL locks rows")
    path = make_url(database_url).database
    assert path is not None
    locks: list[threading.Event] = []

    async def lock_first_time(_update: Update, _context: ContextTypes.DEFAULT_TYPE) -> None:
        if not locks:  # before the handlers' first try only
            locks.append(_lock_in_a_thread(path))
            await asyncio.to_thread(locks[0].wait, 5)

    async with BotApiStub() as stub:
        stub.private_user(REPORTER, "Warga", started=True)
        flood = FloodGate(FloodLimit(100, 1.0))
        async with running_bot(stub, deps, flood, dedupe=False) as bot:
            bot.application.add_handler(TypeHandler(Update, lock_first_time), group=-1000)
            receiver = InboxReceiver(deps, bot.application)
            receiver.open()
            await receiver.receive(_start(7001))
            assert await receiver.close(HOLD_SECONDS + 20)

    texts = [str(p.get("text", "")) for m, p in stub.calls if p.get("chat_id") == REPORTER]
    assert locks and bot.failures, "the database was never busy: the test proves nothing"
    assert texts and not any(APOLOGY in text for text in texts), texts
    async with deps.uow() as uow:
        row = (await uow.session.exec(select(InboxUpdate))).one()
    assert row.status == "processed"
