"""Revision 0006 on existing rows: accounts keep working (no temporary password), old audit
rows have no source address; downgrade removes the new tables and columns, keeping rows."""

from __future__ import annotations

import asyncio

from alembic import command
from sqlalchemy import inspect, text

from tests.support.deps import TEST_KEYRING
from tests.triage.storage.test_migration_0002 import _run
from triage.storage.db import create_engine
from triage.storage.migrate import alembic_config, upgrade_database_async

STAFF = text(
    "INSERT INTO staff_user (username, password_hash, role, region_codes, active, created_at)"
    " VALUES ('lama', 'x', 'admin', '[]', true, '2026-11-01 00:00:00+00:00')"
)
AUDIT = text(
    "INSERT INTO audit_log (at, actor, action, detail)"
    " VALUES ('2026-11-01 00:00:00+00:00', 'lama', 'login', '{}')"
)


async def _schema(url: str) -> tuple[set[str], set[str], set[str]]:
    engine = create_engine(url, keyring=TEST_KEYRING)
    try:
        async with engine.connect() as conn:
            return await conn.run_sync(
                lambda sync: (
                    set(inspect(sync).get_table_names()),
                    {c["name"] for c in inspect(sync).get_columns("staff_user")},
                    {c["name"] for c in inspect(sync).get_columns("audit_log")},
                )
            )
    finally:
        await engine.dispose()


async def test_existing_rows_survive_upgrade_and_downgrade(database_url: str) -> None:
    config = alembic_config(database_url, TEST_KEYRING)
    await asyncio.to_thread(command.downgrade, config, "0005")
    tables, staff_columns, audit_columns = await _schema(database_url)
    assert "staff_session" not in tables and "login_throttle" not in tables
    assert "must_change_password" not in staff_columns
    assert "source_address" not in audit_columns
    await _run(database_url, STAFF)
    await _run(database_url, AUDIT)

    await upgrade_database_async(database_url, TEST_KEYRING)

    staff = await _run(database_url, text("SELECT username, must_change_password FROM staff_user"))
    audit = await _run(database_url, text("SELECT actor, source_address FROM audit_log"))
    assert [tuple(row) for row in staff] == [("lama", False)]
    assert [tuple(row) for row in audit] == [("lama", None)]
    await asyncio.to_thread(command.downgrade, config, "0005")
    tables, staff_columns, _ = await _schema(database_url)
    assert "staff_session" not in tables and "must_change_password" not in staff_columns
    kept = await _run(database_url, text("SELECT username FROM staff_user"))
    assert [row[0] for row in kept] == ["lama"]
