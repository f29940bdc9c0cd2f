"""Revision 0002 on existing rows: a band's upper bound becomes the band, typed ages stay."""

from __future__ import annotations

import asyncio
from typing import Any

from alembic import command
from sqlalchemy import text

from tests.support.deps import TEST_KEYRING
from triage.storage.db import create_engine
from triage.storage.migrate import alembic_config, upgrade_database_async

# child_age as revision 0001 stored it -> (child_age, age_band_lower, age_band_upper) after 0002
ROWS = {
    3: (3, None, None),
    5: (None, 0, 5),
    7: (7, None, None),
    12: (None, 6, 12),
    14: (14, None, None),
    17: (None, 13, 17),
    None: (None, None, None),
}
INSERT = text(
    "INSERT INTO report (reference, received_at, reporter_chat_id, language, categories,"
    " child_age, immediate_danger, perpetrator_access, injured, repeated, description,"
    " evidence, contact_consent, notify_reporter, status, urgency)"
    " VALUES (:reference, '2026-11-01 00:00:00+00:00', 1, 'id', '[]', :age, 'unknown',"
    " 'unknown', 'unknown', 'unknown', '', '[]', false, true, 'new', 'SEDANG')"
)
LINKED = text(
    "INSERT INTO assessment (report_id, created_at, urgency, score, reasons, rules_version)"
    " SELECT id, received_at, 'SEDANG', 15, '[]', '2026.1' FROM report"
)
READ = text(
    "SELECT reference, child_age, age_band_lower, age_band_upper FROM report ORDER BY reference"
)


async def _run(url: str, *statements: Any, params: list[dict[str, Any]] | None = None) -> Any:
    engine = create_engine(url, keyring=TEST_KEYRING)
    try:
        async with engine.begin() as conn:
            result = None
            for statement in statements:
                result = await conn.execute(statement, params)
            return result.all() if result is not None and result.returns_rows else None
    finally:
        await engine.dispose()


def _reference(age: int | None) -> str:
    return f"LS-AGE-{age if age is not None else 'NA':>02}"


async def test_existing_rows_are_migrated_and_downgrade_restores_them(database_url: str) -> None:
    config = alembic_config(database_url, TEST_KEYRING)
    await asyncio.to_thread(command.downgrade, config, "0001")
    rows = [{"reference": _reference(age), "age": age} for age in ROWS]
    await _run(database_url, INSERT, params=rows)
    await _run(database_url, LINKED)
    await upgrade_database_async(database_url, TEST_KEYRING)
    migrated = await _run(database_url, READ)
    assert [tuple(row) for row in migrated] == sorted(
        (_reference(age), *after) for age, after in ROWS.items()
    )
    await asyncio.to_thread(command.downgrade, config, "0001")
    restored = await _run(database_url, text("SELECT reference, child_age FROM report"))
    assert sorted(tuple(row) for row in restored) == sorted((_reference(age), age) for age in ROWS)
