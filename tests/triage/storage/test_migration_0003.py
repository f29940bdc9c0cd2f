"""Revision 0003 on existing rows: the child's sex is new, so existing reports keep NULL
(unknown); downgrade drops the column and keeps the rows."""

from __future__ import annotations

import asyncio

from alembic import command
from sqlalchemy import inspect, text

from tests.support.deps import TEST_KEYRING
from tests.triage.storage.test_migration_0002 import _run
from triage.storage.db import create_engine
from triage.storage.migrate import alembic_config, upgrade_database_async

INSERT = text(
    "INSERT INTO report (reference, received_at, reporter_chat_id, language, categories,"
    " immediate_danger, perpetrator_access, injured, repeated, description, evidence,"
    " contact_consent, notify_reporter, status, urgency)"
    " VALUES (:reference, '2026-11-01 00:00:00+00:00', 1, 'id', '[]', 'unknown', 'unknown',"
    " 'unknown', 'unknown', '', '[]', false, true, 'new', 'SEDANG')"
)
REFERENCES = ["LS-SEX-0001", "LS-SEX-0002"]


async def _columns(url: str) -> set[str]:
    engine = create_engine(url, keyring=TEST_KEYRING)
    try:
        async with engine.connect() as conn:
            return await conn.run_sync(
                lambda sync: {column["name"] for column in inspect(sync).get_columns("report")}
            )
    finally:
        await engine.dispose()


async def test_existing_rows_get_an_unknown_sex_and_downgrade_drops_it(database_url: str) -> None:
    config = alembic_config(database_url, TEST_KEYRING)
    await asyncio.to_thread(command.downgrade, config, "0002")
    assert "child_sex" not in await _columns(database_url)
    await _run(database_url, INSERT, params=[{"reference": r} for r in REFERENCES])
    await upgrade_database_async(database_url, TEST_KEYRING)
    rows = await _run(database_url, text("SELECT reference, child_sex FROM report"))
    assert sorted(tuple(row) for row in rows) == [(r, None) for r in REFERENCES]
    await asyncio.to_thread(command.downgrade, config, "0002")
    assert "child_sex" not in await _columns(database_url)
    kept = await _run(database_url, text("SELECT reference FROM report"))
    assert sorted(row[0] for row in kept) == REFERENCES
