"""Revision 0007 adds the dashboard's two covering indexes (one partial) and drops them on
downgrade; the dashboard's queries use them."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from alembic import command
from sqlalchemy import and_, inspect

from tests.support.deps import TEST_KEYRING
from triage.services.dashboard.queries import _cases, deadline_tallies, in_period
from triage.storage.db import create_engine, is_sqlite
from triage.storage.migrate import alembic_config, upgrade_database_async

NEW = {"ix_report_period", "ix_deadline_first_step"}
START, END = datetime(2026, 9, 1, tzinfo=UTC), datetime(2026, 12, 1, tzinfo=UTC)
WEEK_STARTS = [START + timedelta(weeks=n) for n in range(13)]


async def _indexes(url: str) -> set[str]:
    engine = create_engine(url, keyring=TEST_KEYRING)
    try:
        async with engine.connect() as conn:
            return await conn.run_sync(
                lambda sync: {
                    index["name"]
                    for table in ("report", "deadline")
                    for index in inspect(sync).get_indexes(table)
                }
            )
    finally:
        await engine.dispose()


async def test_upgrade_adds_the_indexes_and_downgrade_drops_them(database_url: str) -> None:
    assert await _indexes(database_url) >= NEW
    await asyncio.to_thread(command.downgrade, alembic_config(database_url, TEST_KEYRING), "0006")
    assert not NEW & await _indexes(database_url)
    await upgrade_database_async(database_url, TEST_KEYRING)
    assert await _indexes(database_url) >= NEW


async def test_sqlite_answers_the_dashboard_from_the_indexes_alone(tmp_path: object) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path}/plan.db"
    assert is_sqlite(url)
    await upgrade_database_async(url, TEST_KEYRING)
    engine = create_engine(url, keyring=TEST_KEYRING)
    period = in_period(START, END)
    plans = []
    try:
        async with engine.connect() as conn:
            for query in (_cases(period, WEEK_STARTS, END), deadline_tallies(and_(period), END)):
                sql = str(query.compile(engine.sync_engine, compile_kwargs={"literal_binds": True}))
                rows = (await conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}")).all()
                plans.append(" | ".join(row[-1] for row in rows))
    finally:
        await engine.dispose()
    assert "COVERING INDEX ix_report_period" in plans[0]
    assert "COVERING INDEX ix_deadline_first_step" in plans[0]  # each case's tallies
    assert "COVERING INDEX ix_deadline_first_step" in plans[1]
