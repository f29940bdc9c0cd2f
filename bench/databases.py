"""Fresh migrated databases for the benchmarks: a SQLite file in a temporary folder, or a
PostgreSQL database created on the server of TEST_POSTGRES_URL and dropped afterwards."""

from __future__ import annotations

import os
import tempfile
import uuid
from collections.abc import Callable
from contextlib import AbstractAsyncContextManager
from pathlib import Path

from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import create_async_engine

from tests.support.deps import TEST_KEYRING
from triage.storage.migrate import upgrade_database_async


class SqliteDatabase:
    async def __aenter__(self) -> str:
        self.folder = tempfile.TemporaryDirectory(prefix="bench-")
        url = f"sqlite+aiosqlite:///{Path(self.folder.name) / 'bench.db'}"
        await upgrade_database_async(url, TEST_KEYRING)
        return url

    async def __aexit__(self, *_: object) -> None:
        self.folder.cleanup()


class PostgresDatabase:
    def __init__(self, admin_url: str) -> None:
        self.admin_url = admin_url

    async def __aenter__(self) -> str:
        self.name = f"ls_bench_{uuid.uuid4().hex[:12]}"
        self.admin = create_async_engine(self.admin_url, isolation_level="AUTOCOMMIT")
        async with self.admin.connect() as conn:
            await conn.exec_driver_sql(f'CREATE DATABASE "{self.name}"')
        url = make_url(self.admin_url).set(database=self.name)
        rendered = url.render_as_string(hide_password=False)
        await upgrade_database_async(rendered, TEST_KEYRING)
        return rendered

    async def __aexit__(self, *_: object) -> None:
        async with self.admin.connect() as conn:
            await conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')
        await self.admin.dispose()


DatabaseMaker = Callable[[], AbstractAsyncContextManager[str]]


def databases(only: str | None = None) -> dict[str, DatabaseMaker | None]:
    """The databases to measure on, by name; None where PostgreSQL is not configured."""
    postgres = os.environ.get("TEST_POSTGRES_URL")
    made: dict[str, DatabaseMaker | None] = {
        "sqlite": SqliteDatabase,
        "postgresql": (lambda: PostgresDatabase(postgres)) if postgres else None,
    }
    return {name: maker for name, maker in made.items() if only in (None, name)}


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]
