"""Revision 0017 adds partners and the outbox's webhook channel: existing outbox rows are
Telegram's, a report without a change time gets its receipt time; downgrade drops the webhook
deliveries, the columns and the partner table, and keeps Telegram's rows."""

from __future__ import annotations

import asyncio

from alembic import command
from sqlalchemy import inspect, text

from tests.support.deps import TEST_KEYRING
from tests.triage.storage.test_migration_0002 import _run
from tests.triage.storage.test_migration_0003 import INSERT
from triage.storage.db import create_engine
from triage.storage.migrate import alembic_config, upgrade_database_async

BEFORE = "0017-1"  # the revision before this one, wherever it ends up in the chain
TELEGRAM_ROW = text(
    "INSERT INTO outbox_message (dedup_key, created_at, chat_id, text, status, attempts,"
    " next_attempt_at) VALUES ('tg', '2026-11-20 01:00:00+00:00', 5, 'x', 'pending', 0,"
    " '2026-11-20 01:00:00+00:00')"
)
PARTNER_ROW = text(
    "INSERT INTO partner (name, token_hash, scopes, regions, created_at, rate_window_calls)"
    " VALUES ('p', 'h', '[\"cases\"]', '[\"32\"]', '2026-11-20 01:00:00+00:00', 0)"
)
WEBHOOK_ROW = text(
    "INSERT INTO outbox_message (dedup_key, created_at, channel, partner_id, text, status,"
    " attempts, next_attempt_at) SELECT 'hook', '2026-11-20 01:00:00+00:00', 'webhook', id,"
    " '{}', 'pending', 0, '2026-11-20 01:00:00+00:00' FROM partner"
)


async def _shape(url: str) -> tuple[set[str], set[str]]:
    engine = create_engine(url, keyring=TEST_KEYRING)
    try:
        async with engine.connect() as conn:
            return await conn.run_sync(
                lambda sync: (
                    set(inspect(sync).get_table_names()),
                    {c["name"] for c in inspect(sync).get_columns("outbox_message")},
                )
            )
    finally:
        await engine.dispose()


async def test_upgrade_marks_old_rows_and_downgrade_keeps_telegrams(database_url: str) -> None:
    config = alembic_config(database_url, TEST_KEYRING)
    await asyncio.to_thread(command.downgrade, config, BEFORE)
    tables, columns = await _shape(database_url)
    assert "partner" not in tables and "channel" not in columns
    await _run(database_url, INSERT, params=[{"reference": "LS-PART-0001"}])
    await _run(database_url, TELEGRAM_ROW)

    await upgrade_database_async(database_url, TEST_KEYRING)

    changed = await _run(database_url, text("SELECT last_event_at = received_at FROM report"))
    channels = await _run(database_url, text("SELECT dedup_key, channel FROM outbox_message"))
    assert [tuple(row) for row in changed] == [(True,)]
    assert [tuple(row) for row in channels] == [("tg", "telegram")]

    await _run(database_url, PARTNER_ROW)
    await _run(database_url, WEBHOOK_ROW)
    await asyncio.to_thread(command.downgrade, config, BEFORE)

    tables, columns = await _shape(database_url)
    kept = await _run(database_url, text("SELECT dedup_key, chat_id FROM outbox_message"))
    assert "partner" not in tables and not {"channel", "partner_id"} & columns
    assert [tuple(row) for row in kept] == [("tg", 5)]
    await upgrade_database_async(database_url, TEST_KEYRING)
