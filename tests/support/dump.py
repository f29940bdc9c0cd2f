"""A whole database as an attacker with a copy would read it: SQLite's file bytes (with its
write-ahead log) and its SQL dump; PostgreSQL's `pg_dump` in plain SQL."""

from __future__ import annotations

import asyncio
import sqlite3
import subprocess
from pathlib import Path

from sqlalchemy.engine import make_url

from triage.storage.backup import _libpq_environment, _pg_tool
from triage.storage.db import is_sqlite


async def database_dump(database_url: str) -> str:
    return await asyncio.to_thread(_dump, database_url)


def _dump(database_url: str) -> str:
    url = make_url(database_url)
    if not is_sqlite(database_url):
        arguments = [_pg_tool("pg_dump"), "--format=plain", "--no-owner", "--no-privileges"]
        result = subprocess.run(
            arguments, env=_libpq_environment(url), capture_output=True, check=True
        )
        return result.stdout.decode("utf-8", errors="replace")
    path = Path(url.database or "")
    files = [path, path.with_name(path.name + "-wal")]
    raw = "".join(f.read_bytes().decode("utf-8", errors="replace") for f in files if f.exists())
    connection = sqlite3.connect(path)
    try:
        return raw + "\n".join(connection.iterdump())
    finally:
        connection.close()
