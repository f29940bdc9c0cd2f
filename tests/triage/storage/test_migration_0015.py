"""Revision 0015 on existing rows: existing reports have no intake update (NULL), and
downgrade drops `report.intake_update_id` and `draft.last_update_id`, keeping the rows."""

from __future__ import annotations

import asyncio

from alembic import command
from sqlalchemy import inspect, text

from tests.support.deps import TEST_KEYRING
from tests.triage.storage.test_migration_0002 import _run
from tests.triage.storage.test_migration_0003 import INSERT
from triage.storage.db import create_engine
from triage.storage.migrate import alembic_config, upgrade_database_async

REFERENCES = ["LS-UPD-0001", "LS-UPD-0002"]


async def _columns(url: str) -> tuple[set[str], set[str]]:
    engine = create_engine(url, keyring=TEST_KEYRING)
    try:
        async with engine.connect() as conn:
            return await conn.run_sync(
                lambda sync: (
                    {column["name"] for column in inspect(sync).get_columns("report")},
                    {column["name"] for column in inspect(sync).get_columns("draft")},
                )
            )
    finally:
        await engine.dispose()


async def test_existing_reports_have_no_intake_update_and_downgrade_drops_both(
    database_url: str,
) -> None:
    config = alembic_config(database_url)
    await asyncio.to_thread(command.downgrade, config, "0014")
    report, draft = await _columns(database_url)
    assert "intake_update_id" not in report and "last_update_id" not in draft
    await _run(database_url, INSERT, params=[{"reference": r} for r in REFERENCES])
    await upgrade_database_async(database_url)
    report, draft = await _columns(database_url)
    assert "intake_update_id" in report and "last_update_id" in draft
    rows = await _run(database_url, text("SELECT reference, intake_update_id FROM report"))
    assert sorted(tuple(row) for row in rows) == [(r, None) for r in REFERENCES]
    await asyncio.to_thread(command.downgrade, config, "0014")
    report, draft = await _columns(database_url)
    assert "intake_update_id" not in report and "last_update_id" not in draft
    kept = await _run(database_url, text("SELECT reference FROM report"))
    assert sorted(row[0] for row in kept) == REFERENCES
