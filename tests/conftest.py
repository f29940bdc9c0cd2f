"""Shared fixtures: a migrated database on SQLite and, when TEST_POSTGRES_URL is set, PostgreSQL."""

from __future__ import annotations

import asyncio
import contextlib
import os
import shutil
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import create_async_engine

from tests.support.deps import TEST_KEYRING, make_deps
from triage.services.common.deps import TriageDeps
from triage.storage.db import create_engine, create_session_factory
from triage.storage.migrate import upgrade_database
from triage.storage.uow import UnitOfWorkFactory

POSTGRES_URL = os.environ.get("TEST_POSTGRES_URL")


def _database_params() -> list[object]:
    marks = [] if POSTGRES_URL else [pytest.mark.skip(reason="TEST_POSTGRES_URL is not set")]
    return ["sqlite", pytest.param("postgres", marks=[pytest.mark.postgres, *marks])]


async def _create_pg_database(name: str, template: str | None = None) -> str:
    assert POSTGRES_URL
    admin = create_async_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    copy = f' TEMPLATE "{template}"' if template else ""
    try:
        async with admin.connect() as conn:
            await conn.exec_driver_sql(f'CREATE DATABASE "{name}"{copy}')
    finally:
        await admin.dispose()
    return make_url(POSTGRES_URL).set(database=name).render_as_string(hide_password=False)


async def _drop_pg_database(name: str) -> None:
    assert POSTGRES_URL
    admin = create_async_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    try:
        async with admin.connect() as conn:
            await conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await admin.dispose()


@pytest.fixture(scope="session")
def migrated_sqlite_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One SQLite file migrated once per run; each test gets a copy (migrating every test's
    database from scratch was most of the suite's time)."""
    path = tmp_path_factory.mktemp("template") / "migrated.db"
    upgrade_database(f"sqlite+aiosqlite:///{path}")
    assert not path.with_name("migrated.db-wal").exists(), "the template must be checkpointed"
    return path


@pytest.fixture(scope="session")
def migrated_pg_template() -> Iterator[str]:
    """One PostgreSQL database migrated once per run, the template of each test's database."""
    name = f"ls_template_{uuid.uuid4().hex[:12]}"
    url = asyncio.run(_create_pg_database(name))
    try:
        upgrade_database(url)
        yield name
    finally:
        asyncio.run(_drop_pg_database(name))


@pytest.fixture(params=_database_params())
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A freshly migrated, empty database: a SQLite file, or a new PostgreSQL database; both
    copies of a template migrated once per run."""
    if request.param == "sqlite":
        path = tmp_path / "test.db"
        shutil.copyfile(request.getfixturevalue("migrated_sqlite_file"), path)
        path.chmod(0o600)
        yield f"sqlite+aiosqlite:///{path}"
        return
    template = request.getfixturevalue("migrated_pg_template")
    name = f"ls_test_{uuid.uuid4().hex[:12]}"
    url = asyncio.run(_create_pg_database(name, template))
    try:
        yield url
    finally:
        asyncio.run(_drop_pg_database(name))


@contextlib.asynccontextmanager
async def _units_of_work(database_url: str) -> AsyncIterator[UnitOfWorkFactory]:
    """Units of work over an engine of their own, disposed of at the end."""
    engine = create_engine(database_url, keyring=TEST_KEYRING)
    try:
        yield UnitOfWorkFactory(create_session_factory(engine))
    finally:
        await engine.dispose()


@pytest.fixture
async def uow_factory(database_url: str) -> AsyncIterator[UnitOfWorkFactory]:
    async with _units_of_work(database_url) as uow:
        yield uow


@pytest.fixture
async def other_uow_factory(database_url: str) -> AsyncIterator[UnitOfWorkFactory]:
    """A second app instance on the same database as `uow_factory`: its own engine and
    connections."""
    async with _units_of_work(database_url) as uow:
        yield uow


@pytest.fixture
def deps(uow_factory: UnitOfWorkFactory) -> TriageDeps:
    """The real rules, regions and catalogues over the test database."""
    return make_deps(uow_factory)
