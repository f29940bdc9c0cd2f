"""A backup holds every report: back up a database with reports, wipe it, restore it and
find them all again (SQLite through its backup API; PostgreSQL with pg_dump and pg_restore,
when those tools are installed). Bad input is refused before anything changes."""

from __future__ import annotations

import shutil
import stat
from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlmodel import col, select

from tests.support.deps import TEST_KEYRING
from tests.triage.services.cases.helpers import make_world, new_case
from triage.storage.backup import BackupError, backup_database, report_count, restore_database
from triage.storage.db import create_engine, create_session_factory, is_sqlite
from triage.storage.tables import CaseEvent, Report
from triage.storage.uow import UnitOfWorkFactory

PG_TOOLS = ("pg_dump", "pg_restore")


@pytest.fixture
def backed_up_url(database_url: str) -> str:
    """The test database, skipped on PostgreSQL without the client tools on this machine."""
    missing = [tool for tool in PG_TOOLS if shutil.which(tool) is None]
    if not is_sqlite(database_url) and missing:
        pytest.skip(f"{' and '.join(missing)} not installed (Debian: postgresql-client)")
    return database_url


async def _stored(url: str) -> tuple[list[tuple[str, str, str]], int]:
    """Every report (reference, status, story) and how many timeline events there are."""
    engine = create_engine(url, keyring=TEST_KEYRING)
    try:
        async with UnitOfWorkFactory(create_session_factory(engine))() as uow:
            query = select(Report).order_by(col(Report.reference))
            reports = [
                (r.reference, r.status, r.description)
                for r in (await uow.session.exec(query)).all()
            ]
            events = len((await uow.session.exec(select(CaseEvent))).all())
        return reports, events
    finally:
        await engine.dispose()


async def _wipe(url: str) -> None:
    if is_sqlite(url):
        database = Path(url.removeprefix("sqlite+aiosqlite:///"))
        for path in (database, *(database.with_name(database.name + s) for s in ("-wal", "-shm"))):
            path.unlink(missing_ok=True)
        return
    engine = create_engine(url, keyring=TEST_KEYRING)
    try:
        async with engine.begin() as conn:
            await conn.execute(text("DROP SCHEMA public CASCADE"))
            await conn.execute(text("CREATE SCHEMA public"))
    finally:
        await engine.dispose()


async def _with_reports(url: str, count: int, more_later: int = 0) -> Callable[[], Awaitable[None]]:
    """`count` reports now; the returned call adds `more_later` more (same workers)."""
    engine = create_engine(url, keyring=TEST_KEYRING)
    try:
        world = await make_world(UnitOfWorkFactory(create_session_factory(engine)))
        for _ in range(count):
            await new_case(world)
    finally:
        await engine.dispose()

    async def later() -> None:
        engine = create_engine(url, keyring=TEST_KEYRING)
        try:
            world.deps.uow = UnitOfWorkFactory(create_session_factory(engine))
            for _ in range(more_later):
                await new_case(world)
        finally:
            await engine.dispose()

    return later


async def test_a_wiped_database_gets_every_report_back(backed_up_url: str, tmp_path: Path) -> None:
    await _with_reports(backed_up_url, 3)
    before = await _stored(backed_up_url)
    assert len(before[0]) == 3
    target = tmp_path / "backups" / "lapor.backup"
    assert await backup_database(backed_up_url, target) == 3
    assert stat.S_IMODE(target.stat().st_mode) == 0o600  # it holds every report
    assert [p.name for p in target.parent.iterdir()] == ["lapor.backup"]  # no partial file left

    await _wipe(backed_up_url)
    assert await report_count(backed_up_url) == 0
    assert await restore_database(backed_up_url, target) == 3
    assert await _stored(backed_up_url) == before


async def test_a_database_with_reports_is_replaced_only_when_asked(
    backed_up_url: str, tmp_path: Path
) -> None:
    another = await _with_reports(backed_up_url, 1, more_later=1)
    target = tmp_path / "one.backup"
    await backup_database(backed_up_url, target)
    await another()
    with pytest.raises(BackupError, match="already holds 2 reports"):
        await restore_database(backed_up_url, target)
    assert await report_count(backed_up_url) == 2
    assert await restore_database(backed_up_url, target, replace=True) == 1


async def test_a_file_that_is_no_backup_changes_nothing(backed_up_url: str, tmp_path: Path) -> None:
    await _with_reports(backed_up_url, 1)
    before = await _stored(backed_up_url)
    wrong = tmp_path / "notes.txt"
    wrong.write_text("not a backup", encoding="utf-8")
    with pytest.raises(BackupError, match="is not a"):
        await restore_database(backed_up_url, wrong, replace=True)
    with pytest.raises(BackupError, match="no such file"):
        await restore_database(backed_up_url, tmp_path / "missing.backup", replace=True)
    assert await _stored(backed_up_url) == before


async def test_a_missing_sqlite_database_is_named(tmp_path: Path) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'nothing.db'}"
    with pytest.raises(BackupError, match="no database at"):
        await backup_database(url, tmp_path / "x.backup")
    assert not (tmp_path / "x.backup").exists()
