"""PostgreSQL's pooled connections: pinged before use only after sitting idle, so a busy
process pays no ping per transaction; a connection that died while idle is replaced before
use, and one that died while in recent use fails once, after which the pool is renewed."""

from __future__ import annotations

import pytest
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

from triage.storage.db import create_engine, ping_when_idle


def _postgres_only(database_url: str) -> None:
    if make_url(database_url).get_backend_name() != "postgresql":
        pytest.skip("SQLite has no connection to lose")


async def _backend(engine: AsyncEngine) -> int:
    async with engine.connect() as connection:
        return int((await connection.exec_driver_sql("SELECT pg_backend_pid()")).scalar_one())


async def _terminate(database_url: str, pid: int) -> None:
    other = create_async_engine(database_url)
    try:
        async with other.connect() as connection:
            await connection.exec_driver_sql(f"SELECT pg_terminate_backend({pid})")
    finally:
        await other.dispose()


async def test_an_idle_connection_that_died_is_replaced_before_use(database_url: str) -> None:
    _postgres_only(database_url)
    engine = create_async_engine(database_url)
    ping_when_idle(engine, idle_seconds=0.0)  # every connection back in the pool counts as idle
    try:
        dead = await _backend(engine)
        await _terminate(database_url, dead)
        assert await _backend(engine) != dead  # no error: pinged, found dead, replaced
    finally:
        await engine.dispose()


async def test_a_connection_in_recent_use_is_not_pinged_and_one_failure_renews_the_pool(
    database_url: str,
) -> None:
    _postgres_only(database_url)
    engine = create_engine(database_url)
    try:
        async with engine.connect() as first, engine.connect() as second:
            pids = [
                int((await c.exec_driver_sql("SELECT pg_backend_pid()")).scalar_one())
                for c in (first, second)
            ]
        for pid in pids:
            await _terminate(database_url, pid)
        with pytest.raises(DBAPIError) as failed:  # not pinged: it fails its statement
            await _backend(engine)
        assert failed.value.connection_invalidated
        assert await _backend(engine) not in pids  # the other pooled one was renewed too
    finally:
        await engine.dispose()
