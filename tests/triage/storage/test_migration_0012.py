"""Revision 0012 on existing rows: an invite made before expiry existed gets 72 hours from
when it was made; a worker without one gets none; downgrade removes the columns, keeping rows."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from alembic import command
from sqlalchemy import inspect, text
from sqlmodel import col, select

from tests.support.deps import TEST_KEYRING
from tests.triage.storage.test_migration_0002 import _run
from triage.storage.db import create_engine, create_session_factory
from triage.storage.migrate import alembic_config, upgrade_database_async
from triage.storage.tables import Worker
from triage.storage.uow import UnitOfWorkFactory

BEFORE = "0012-1"  # the revision before this one, wherever it ends up in the chain
MADE = datetime(2026, 11, 1, 8, 0, tzinfo=UTC)
WORKERS = text(
    "INSERT INTO worker (name, role, region_codes, on_duty, invite_code_hash, active,"
    " created_at, updated_at) VALUES"
    " ('Invited', 'worker', '[]', true, 'hash', true, :made, :made),"
    " ('Plain', 'worker', '[]', true, NULL, true, :made, :made)"
)


async def _worker_columns(url: str) -> set[str]:
    engine = create_engine(url, keyring=TEST_KEYRING)
    try:
        async with engine.connect() as conn:
            return await conn.run_sync(
                lambda sync: {c["name"] for c in inspect(sync).get_columns("worker")}
            )
    finally:
        await engine.dispose()


async def _expiries(url: str) -> dict[str, datetime | None]:
    engine = create_engine(url, keyring=TEST_KEYRING)
    try:
        async with UnitOfWorkFactory(create_session_factory(engine))() as uow:
            rows = (await uow.session.exec(select(Worker).order_by(col(Worker.id)))).all()
            return {row.name: row.invite_expires_at for row in rows}
    finally:
        await engine.dispose()


async def test_open_invites_get_the_default_lifetime(database_url: str) -> None:
    config = alembic_config(database_url, TEST_KEYRING)
    await asyncio.to_thread(command.downgrade, config, BEFORE)
    assert "invite_expires_at" not in await _worker_columns(database_url)
    await _run(database_url, WORKERS, params=[{"made": MADE}])

    await upgrade_database_async(database_url, TEST_KEYRING)

    assert await _expiries(database_url) == {"Invited": MADE + timedelta(hours=72), "Plain": None}
    await asyncio.to_thread(command.downgrade, config, BEFORE)
    columns = await _worker_columns(database_url)
    assert not {"invite_expires_at", "ended_telegram_user_id"} & columns
    kept = await _run(database_url, text("SELECT name FROM worker ORDER BY id"))
    assert [row[0] for row in kept] == ["Invited", "Plain"]
