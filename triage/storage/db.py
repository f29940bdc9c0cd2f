"""Async engine and session factory for SQLite (WAL, busy timeout) and PostgreSQL."""

from __future__ import annotations

import contextlib
import os
import time
from pathlib import Path
from typing import Any

from sqlalchemy import event, exc
from sqlalchemy.dialects.sqlite.base import SQLiteCompiler
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker, create_async_engine
from sqlmodel.ext.asyncio.session import AsyncSession

from triage.storage.encryption.cipher import Keyring
from triage.storage.encryption.columns import attach_keyring

SQLITE_BUSY_TIMEOUT_MS = 5000
PRIVATE_FOLDER = 0o700
PRIVATE_FILE = 0o600
SQLITE_SIDE_FILES = ("-wal", "-shm", "-journal")
IDLE_PING_SECONDS = 10.0  # a PostgreSQL connection idle in the pool this long is pinged first
_RETURNED_AT = "lapor_returned_at"


def is_sqlite(url: str) -> bool:
    return make_url(url).get_backend_name() == "sqlite"


def create_engine(url: str, *, echo: bool = False, keyring: Keyring | None = None) -> AsyncEngine:
    """Build the engine; for a SQLite file, create it private and turn on WAL and foreign keys.

    `keyring` seals and opens the encrypted columns; without one, touching them raises."""
    engine = _create_engine(url, echo)
    if keyring is not None:
        attach_keyring(engine, keyring)
    return engine


def _create_engine(url: str, echo: bool) -> AsyncEngine:
    if not is_sqlite(url):
        engine = create_async_engine(url, echo=echo)
        ping_when_idle(engine)
        return engine
    database = make_url(url).database
    if database and database != ":memory:" and not database.startswith("file:"):
        create_private_file(Path(database))
    engine = create_async_engine(
        url, echo=echo, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000}
    )
    event.listen(engine.sync_engine, "connect", _sqlite_pragmas)
    engine.sync_engine.dialect.statement_compiler = SQLiteWithIndexHints
    return engine


def ping_when_idle(engine: AsyncEngine, idle_seconds: float = IDLE_PING_SECONDS) -> None:
    """Ping a pooled connection before use only when it sat idle for `idle_seconds`.

    `pool_pre_ping` pinged at every checkout: on asyncpg BEGIN, a ping and ROLLBACK, three
    round trips before each transaction, a third of an intake update's. A connection that is
    busy cannot have gone stale unnoticed for long; one that broke while in use fails its
    statement, and SQLAlchemy then renews every connection the pool held before the failure,
    so one unit of work fails per outage (the webhook answers 500, a handler is tried again).
    One idle for a while (a restart, a firewall's idle timeout) is pinged and replaced here.
    """
    pool, dialect = engine.sync_engine.pool, engine.sync_engine.dialect

    def returned(_dbapi: Any, record: Any) -> None:
        record.info[_RETURNED_AT] = time.monotonic()

    def checkout(dbapi: Any, record: Any, _proxy: Any) -> None:
        since = record.info.pop(_RETURNED_AT, None)
        if since is None or time.monotonic() - since < idle_seconds:
            return  # new, or back from recent use
        try:
            dialect.do_ping(dbapi)
        except dialect.loaded_dbapi.Error as error:
            if not dialect.is_disconnect(error, dbapi, None):
                raise
            raise exc.InvalidatePoolError() from error  # the pool connects anew, as pre-ping

    event.listen(pool, "checkin", returned)
    event.listen(pool, "checkout", checkout)


class SQLiteWithIndexHints(SQLiteCompiler):
    """SQLite's compiler, keeping a table hint (`select.with_hint(table, "INDEXED BY name",
    dialect_name="sqlite")`) after the table's name, where SQLite reads it; SQLAlchemy's own
    drops it. SQLite fails a query whose named index cannot serve it, rather than scan."""

    def get_from_hint_text(self, table: Any, text: str | None) -> str | None:
        return text


def create_private_file(path: Path) -> None:
    """The database file, readable by this user only (SQLite gives its -wal and -shm files the
    same mode); a missing folder is made private too. Files an older start left readable by
    others are tightened, when they are ours to change."""
    path.parent.mkdir(mode=PRIVATE_FOLDER, parents=True, exist_ok=True)
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT, PRIVATE_FILE))
    for file in (path, *(path.with_name(path.name + s) for s in SQLITE_SIDE_FILES)):
        with contextlib.suppress(FileNotFoundError, PermissionError):
            if file.stat().st_mode & 0o077:
                file.chmod(PRIVATE_FILE)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


SessionFactory = async_sessionmaker[AsyncSession]


def create_session_factory(engine: AsyncEngine) -> SessionFactory:
    return async_sessionmaker(engine, class_=AsyncSession, expire_on_commit=False)


def dialect_name(session: AsyncSession) -> str:
    """ "sqlite" or "postgresql"."""
    return session.get_bind().dialect.name
