"""Revision 0008 on existing rows: the computed ranks are filled for every report already
stored; downgrade drops them and their indexes and keeps the rows. On both databases."""

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
    " VALUES (:reference, '2026-11-01 00:00:00+00:00', 1, 'id', '[\"napza\"]', 'unknown',"
    " 'unknown', 'unknown', 'unknown', '', '[]', false, true, :status, :urgency)"
)
ROWS = [
    {"reference": "LS-RANK-0001", "status": "new", "urgency": "TINGGI"},
    {"reference": "LS-RANK-0002", "status": "closed", "urgency": "DARURAT"},
    {"reference": "LS-RANK-0003", "status": "referred", "urgency": "RENDAH"},
]
RANKS = text("SELECT reference, urgency_rank, status_rank, queue_rank FROM report ORDER BY 1")


async def _schema(url: str) -> tuple[set[str], set[str]]:
    engine = create_engine(url, keyring=TEST_KEYRING)
    try:
        async with engine.connect() as conn:
            return await conn.run_sync(
                lambda sync: (
                    {c["name"] for c in inspect(sync).get_columns("report")},
                    {i["name"] or "" for i in inspect(sync).get_indexes("report")},
                )
            )
    finally:
        await engine.dispose()


async def test_existing_rows_get_their_ranks_and_downgrade_drops_them(database_url: str) -> None:
    config = alembic_config(database_url, TEST_KEYRING)
    await asyncio.to_thread(command.downgrade, config, "0007")
    columns, indexes = await _schema(database_url)
    assert "queue_rank" not in columns and "ix_report_queue_rank" not in indexes
    await _run(database_url, INSERT, params=ROWS)

    await upgrade_database_async(database_url, TEST_KEYRING)

    ranked = await _run(database_url, RANKS)
    assert [tuple(row) for row in ranked] == [
        ("LS-RANK-0001", 1, 0, 1), ("LS-RANK-0002", 0, 6, 10), ("LS-RANK-0003", 3, 5, 3),
    ]  # fmt: skip
    columns, indexes = await _schema(database_url)
    assert {"ix_report_queue_rank", "ix_report_kabkota_queue", "ix_report_worker_newest"} <= indexes
    await asyncio.to_thread(command.downgrade, config, "0007")
    columns, indexes = await _schema(database_url)
    assert not {"urgency_rank", "status_rank", "queue_rank"} & columns
    assert not {name for name in indexes if name.startswith("ix_report_") and "rank" in name}
    kept = await _run(database_url, text("SELECT reference FROM report ORDER BY 1"))
    assert [row[0] for row in kept] == [row["reference"] for row in ROWS]
