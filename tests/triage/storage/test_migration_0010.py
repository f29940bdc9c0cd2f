"""Revision 0010 adds why and when an outbox message was given up; messages already
undeliverable lose their text and buttons and read as refused; downgrade drops the columns."""

from __future__ import annotations

import asyncio

from alembic import command
from sqlalchemy import inspect, text

from tests.support.deps import TEST_KEYRING
from triage.storage.db import create_engine
from triage.storage.migrate import alembic_config, upgrade_database_async

BEFORE = "0010-1"  # the revision before this one, wherever it ends up in the chain
ROWS = """INSERT INTO outbox_message
  (dedup_key, created_at, chat_id, text, reply_markup, status, attempts, next_attempt_at)
VALUES
  ('gone', '2026-11-20 01:00:00.000000', 1, 'Anak 7 tahun dipukul', '{"k": 1}',
   'undeliverable', 1, '2026-11-20 01:00:02.000000'),
  ('waiting', '2026-11-20 01:00:00.000000', 2, 'Kasus baru', NULL, 'pending', 0,
   '2026-11-20 01:00:00.000000')"""


async def _run(url: str, *statements: str) -> list[tuple[object, ...]]:
    engine = create_engine(url, keyring=TEST_KEYRING)
    try:
        async with engine.begin() as conn:
            rows: list[tuple[object, ...]] = []
            for statement in statements:
                result = await conn.execute(text(statement))
                rows = [tuple(row) for row in result] if result.returns_rows else []
            return rows
    finally:
        await engine.dispose()


async def _columns(url: str) -> set[str]:
    engine = create_engine(url, keyring=TEST_KEYRING)
    try:
        async with engine.connect() as conn:
            return await conn.run_sync(
                lambda sync: {c["name"] for c in inspect(sync).get_columns("outbox_message")}
            )
    finally:
        await engine.dispose()


async def test_undeliverable_rows_lose_their_text_and_read_as_refused(database_url: str) -> None:
    await asyncio.to_thread(command.downgrade, alembic_config(database_url, TEST_KEYRING), BEFORE)
    assert not {"failure", "failed_at"} & await _columns(database_url)
    await _run(database_url, ROWS)

    # Up to this revision only: from 0014 on, the text is stored encrypted.
    await asyncio.to_thread(command.upgrade, alembic_config(database_url, TEST_KEYRING), "0010")

    rows = await _run(
        database_url,
        "SELECT dedup_key, status, text, reply_markup IS NULL, failure, failed_at IS NOT NULL"
        " FROM outbox_message ORDER BY dedup_key",
    )
    assert rows == [
        ("gone", "undeliverable", "", True, "refused", True),
        ("waiting", "pending", "Kasus baru", True, None, False),
    ]


async def test_downgrade_drops_the_columns(database_url: str) -> None:
    await asyncio.to_thread(command.downgrade, alembic_config(database_url, TEST_KEYRING), BEFORE)
    assert not {"failure", "failed_at"} & await _columns(database_url)
    await upgrade_database_async(database_url, TEST_KEYRING)
    assert {"failure", "failed_at"} <= await _columns(database_url)
