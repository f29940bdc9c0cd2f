"""Backups of the whole database, and restoring one: SQLite through its online backup API
(safe while the service runs), PostgreSQL with pg_dump and pg_restore in their custom format.

`backup_database` and `restore_database` run the blocking work in a thread. A backup is written beside its target and
renamed into place only when complete, readable by this user only (it holds every report).
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from sqlalchemy import inspect, text
from sqlalchemy.engine import URL, make_url

from triage.storage.db import PRIVATE_FILE, create_engine, create_private_file, is_sqlite

SQLITE_HEADER = b"SQLite format 3\x00"
PG_CUSTOM_HEADER = b"PGDMP"


class BackupError(Exception):
    """A backup or restore that cannot be done; the message says why and what to do."""


async def backup_database(database_url: str, target: Path) -> int:
    """Write a backup of the database to `target`; returns how many reports the database
    held as the backup began."""
    if is_sqlite(database_url):
        _sqlite_file(database_url, must_exist=True)
    reports = await report_count(database_url)
    await asyncio.to_thread(create_backup, database_url, target)
    return reports


async def restore_database(database_url: str, source: Path, *, replace: bool = False) -> int:
    """Put the backup's data in the database; returns how many reports it then holds.

    Refused before anything changes when `source` is not a backup of this database's kind,
    or when the database already holds reports and `replace` is not given (they would be
    lost)."""
    sqlite = is_sqlite(database_url)
    check_backup_kind(source, sqlite=sqlite)
    present = await report_count(database_url)
    if present and not replace:
        raise BackupError(
            f"the database already holds {present} reports; restoring replaces them all. "
            "Restore into an empty database, or add --replace if that is what you want."
        )
    await asyncio.to_thread(restore_backup, database_url, source)
    return await report_count(database_url)


def create_backup(database_url: str, target: Path) -> None:
    """The blocking part of `backup_database`: write the copy, then rename it into place."""
    partial = target.with_name(target.name + ".part")
    _private_new_file(partial)
    try:
        if is_sqlite(database_url):
            _sqlite_backup(_sqlite_file(database_url, must_exist=True), partial)
        else:
            _pg_dump(make_url(database_url), partial)
        os.replace(partial, target)
    finally:
        with contextlib.suppress(FileNotFoundError):
            partial.unlink()


def restore_backup(database_url: str, source: Path) -> None:
    """The blocking part of `restore_database` (which checks first)."""
    if is_sqlite(database_url):
        _sqlite_restore(source, _sqlite_file(database_url, must_exist=False))
    else:
        _pg_restore(make_url(database_url), source)


async def report_count(database_url: str) -> int:
    """How many reports the database holds (0 without a `report` table)."""
    engine = create_engine(database_url)
    try:
        async with engine.connect() as conn:
            if not await conn.run_sync(lambda sync: inspect(sync).has_table("report")):
                return 0
            return int((await conn.execute(text("SELECT count(*) FROM report"))).scalar_one())
    finally:
        await engine.dispose()


def check_backup_kind(source: Path, *, sqlite: bool) -> None:
    """Raises BackupError unless `source` starts as a backup for this kind of database."""
    if not source.is_file():
        raise BackupError(f"no such file: {source}")
    header = SQLITE_HEADER if sqlite else PG_CUSTOM_HEADER
    with source.open("rb") as file:
        if file.read(len(header)) != header:
            kind = "a SQLite backup" if sqlite else "a PostgreSQL backup (pg_dump custom format)"
            raise BackupError(f"{source} is not {kind}; nothing was changed")


def _private_new_file(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with contextlib.suppress(FileNotFoundError):
        path.unlink()
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE))


# SQLite


def _sqlite_file(database_url: str, *, must_exist: bool) -> Path:
    database = make_url(database_url).database
    if not database or database == ":memory:" or database.startswith("file:"):
        raise BackupError("DATABASE_URL names no SQLite file to back up or restore")
    path = Path(database)
    if must_exist and not path.is_file():
        raise BackupError(f"no database at {path}: check DATABASE_URL")
    return path


def _read_only(path: Path) -> str:
    return path.resolve().as_uri() + "?mode=ro"


def _sqlite_backup(database: Path, target: Path) -> None:
    """A consistent copy even while the service writes (the backup API copies a snapshot)."""
    source = sqlite3.connect(_read_only(database), uri=True)
    copy = sqlite3.connect(target)
    try:
        source.backup(copy)
        copy.execute("PRAGMA journal_mode=DELETE")  # one self-contained file, no -wal beside it
        if copy.execute("PRAGMA integrity_check").fetchone() != ("ok",):
            raise BackupError("the copy failed its integrity check; the database may be damaged")
    finally:
        copy.close()
        source.close()


def _sqlite_restore(source: Path, database: Path) -> None:
    create_private_file(database)
    backup = sqlite3.connect(_read_only(source), uri=True)
    live = sqlite3.connect(database)
    try:
        if backup.execute("PRAGMA integrity_check").fetchone() != ("ok",):
            raise BackupError(f"{source} failed its integrity check; nothing was changed")
        backup.backup(live)
        live.execute("PRAGMA journal_mode=WAL")
    finally:
        live.close()
        backup.close()


# PostgreSQL


def _libpq_environment(url: URL) -> dict[str, str]:
    """The connection as libpq's variables: the password never appears on a command line."""
    env = {
        "PGHOST": url.host,
        "PGPORT": str(url.port) if url.port else None,
        "PGUSER": url.username,
        "PGPASSWORD": url.password if isinstance(url.password, str) else None,
        "PGDATABASE": url.database,
    }
    ssl = url.query.get("sslmode") or url.query.get("ssl")
    if isinstance(ssl, str):
        env["PGSSLMODE"] = {"true": "require", "false": "disable"}.get(ssl.lower(), ssl)
    return {**os.environ, **{key: value for key, value in env.items() if value}}


def _pg_tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise BackupError(
            f"{name} is not installed: install the PostgreSQL client tools of the server's "
            "major version or newer (Debian: apt-get install postgresql-client)"
        )
    return found


def _run(arguments: list[str], url: URL) -> None:
    result = subprocess.run(  # noqa: S603 - our own arguments, no shell
        arguments, env=_libpq_environment(url), capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        said = " ".join(result.stderr.split())[-600:] or f"exit status {result.returncode}"
        raise BackupError(f"{Path(arguments[0]).name} failed: {said}")


def _pg_dump(url: URL, target: Path) -> None:
    _run(
        [_pg_tool("pg_dump"), "--format=custom", "--no-owner", "--no-privileges",
         f"--file={target}"],
        url,
    )  # fmt: skip
    _run([_pg_tool("pg_restore"), "--list", str(target)], url)  # readable back


def _pg_restore(url: URL, source: Path) -> None:
    """Every table dropped and recreated from the backup, in one transaction: a failure
    leaves the database as it was."""
    _run(
        [_pg_tool("pg_restore"), "--clean", "--if-exists", "--no-owner", "--no-privileges",
         "--single-transaction", "--exit-on-error", f"--dbname={url.database}", str(source)],
        url,
    )  # fmt: skip
