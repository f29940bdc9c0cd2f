"""Revision 0013 on existing rows: every existing case starts not anonymised (the next
retention run decides), and downgrade drops the column and its indexes, keeping the rows."""

from __future__ import annotations

import asyncio

from alembic import command
from sqlalchemy import inspect, text

from tests.support.deps import TEST_KEYRING
from tests.triage.storage.test_migration_0002 import _run
from tests.triage.storage.test_migration_0003 import INSERT
from triage.storage.db import create_engine
from triage.storage.migrate import alembic_config, upgrade_database_async

REFERENCES = ["LS-RET-0001", "LS-RET-0002"]
RETENTION_INDEXES = {"ix_report_retention", "ix_report_phone_retention"}


async def _schema(url: str) -> tuple[set[str], set[str]]:
    engine = create_engine(url, keyring=TEST_KEYRING)
    try:
        async with engine.connect() as conn:
            return await conn.run_sync(
                lambda sync: (
                    {column["name"] for column in inspect(sync).get_columns("report")},
                    {index["name"] or "" for index in inspect(sync).get_indexes("report")},
                )
            )
    finally:
        await engine.dispose()


async def test_existing_cases_start_not_anonymised_and_downgrade_drops_it(
    database_url: str,
) -> None:
    config = alembic_config(database_url, TEST_KEYRING)
    await asyncio.to_thread(command.downgrade, config, "0009")
    columns, indexes = await _schema(database_url)
    assert "anonymised_at" not in columns and not indexes & RETENTION_INDEXES
    await _run(database_url, INSERT, params=[{"reference": r} for r in REFERENCES])
    await upgrade_database_async(database_url, TEST_KEYRING)
    columns, indexes = await _schema(database_url)
    assert "anonymised_at" in columns and indexes >= RETENTION_INDEXES
    rows = await _run(database_url, text("SELECT reference, anonymised_at FROM report"))
    assert sorted(tuple(row) for row in rows) == [(r, None) for r in REFERENCES]
    await asyncio.to_thread(command.downgrade, config, "0009")
    columns, indexes = await _schema(database_url)
    assert "anonymised_at" not in columns and not indexes & RETENTION_INDEXES
    kept = await _run(database_url, text("SELECT reference FROM report"))
    assert sorted(row[0] for row in kept) == REFERENCES
