"""The SQLite database and its folder are created readable by their owner only."""

from __future__ import annotations

import stat
from pathlib import Path

from sqlalchemy import text

from tests.support.deps import TEST_KEYRING
from triage.storage.db import create_engine


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


async def write_something(database: Path) -> None:
    engine = create_engine(f"sqlite+aiosqlite:///{database}", keyring=TEST_KEYRING)
    try:
        async with engine.begin() as connection:
            await connection.execute(text("CREATE TABLE IF NOT EXISTS t (x INTEGER)"))
            await connection.execute(text("INSERT INTO t VALUES (1)"))
            files = sorted(p.name for p in database.parent.iterdir())
            assert files == ["lapor.db", "lapor.db-shm", "lapor.db-wal"]  # WAL is in use
            for file in database.parent.iterdir():
                assert mode(file) == 0o600, file.name
    finally:
        await engine.dispose()


async def test_a_new_database_and_its_folder_are_private(tmp_path: Path) -> None:
    database = tmp_path / "var" / "lapor.db"

    await write_something(database)

    assert mode(database.parent) == 0o700
    assert mode(database) == 0o600


async def test_a_database_left_readable_by_others_is_tightened(tmp_path: Path) -> None:
    database = tmp_path / "lapor.db"
    database.touch(mode=0o644)
    database.chmod(0o644)

    await write_something(database)

    assert mode(database) == 0o600
