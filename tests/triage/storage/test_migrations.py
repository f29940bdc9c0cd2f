"""The migrations build exactly the schema the tables declare, on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import text

from tests.support.deps import TEST_KEYRING
from triage.storage import tables
from triage.storage.db import create_engine
from triage.storage.migrate import alembic_config, upgrade_database_async


def _for_this_database(dialect: str) -> Callable[..., bool]:
    """Leave out what the tables declare for another database only (`Index.ddl_if`)."""

    def include(obj: object, name: str | None, type_: str, reflected: bool, other: object) -> bool:
        only = getattr(obj, "_ddl_if", None)
        return only is None or only.dialect in (None, dialect)

    return include


async def test_migrated_schema_matches_tables(database_url: str) -> None:
    engine = create_engine(database_url, keyring=TEST_KEYRING)
    opts = {"compare_type": True, "include_object": _for_this_database(engine.dialect.name)}
    try:
        async with engine.connect() as conn:
            diff = await conn.run_sync(
                lambda sync: compare_metadata(
                    MigrationContext.configure(sync, opts=opts), tables.SQLModel.metadata
                )
            )
    finally:
        await engine.dispose()
    assert diff == []


async def test_upgrade_twice_is_harmless(database_url: str) -> None:
    await upgrade_database_async(database_url, TEST_KEYRING)
    engine = create_engine(database_url, keyring=TEST_KEYRING)
    try:
        async with engine.connect() as conn:
            version = (await conn.execute(text("SELECT version_num FROM alembic_version"))).scalar()
    finally:
        await engine.dispose()
    assert version == _head(database_url)


def _head(database_url: str) -> str:
    """The one head of the migration scripts (a second head would be a broken chain)."""
    heads = ScriptDirectory.from_config(alembic_config(database_url, TEST_KEYRING)).get_heads()
    assert len(heads) == 1, heads
    return heads[0]


async def test_sqlite_runs_in_wal_mode(tmp_path: object) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path}/wal.db"
    await upgrade_database_async(url, TEST_KEYRING)
    engine = create_engine(url, keyring=TEST_KEYRING)
    try:
        async with engine.connect() as conn:
            mode = (await conn.execute(text("PRAGMA journal_mode"))).scalar()
            timeout = (await conn.execute(text("PRAGMA busy_timeout"))).scalar()
    finally:
        await engine.dispose()
    assert mode == "wal"
    assert timeout == 5000
