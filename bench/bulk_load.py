"""A bulk load's upkeep put off to its end: the secondary indexes, the triggers and (on
PostgreSQL) the foreign keys of the tables being filled are set aside before the rows go in
and put back, as they were defined, once they are all in: an index built once over sorted
rows costs a fraction of a million inserts into two dozen B-trees, and no trigger or foreign
key check runs per row. For benchmark data only (the rows are made consistent by their
generator), in the load's own transaction.

The change stamp's triggers do not see the rows: it is moved once at the end, as the load's
one transaction would have moved it on PostgreSQL.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager

from sqlalchemy.ext.asyncio import AsyncConnection

BUMP = "UPDATE change_stamp SET version = version + 1 WHERE id = 1"
PG_MEMORY = "SET LOCAL maintenance_work_mem = '256MB'"  # index builds sort in memory


@asynccontextmanager
async def upkeep_deferred(conn: AsyncConnection, names: Sequence[str]) -> AsyncIterator[None]:
    """Within: the tables `names` keep only their primary keys and unique constraints."""
    if conn.dialect.name == "postgresql":
        restore = await _postgres_set_aside(conn, names)
    else:
        restore = await _sqlite_set_aside(conn, names)
    yield
    for statement in restore:
        await conn.exec_driver_sql(statement)
    await conn.exec_driver_sql(BUMP)


async def _sqlite_set_aside(conn: AsyncConnection, names: Sequence[str]) -> list[str]:
    """Drops the indexes and triggers (their SQL kept; unique constraints' own indexes have
    none) and returns the statements that make them again, indexes first."""
    marks = ", ".join("?" for _ in names)
    kept = await _rows(
        conn,
        "SELECT type, name, sql FROM sqlite_master WHERE type IN ('index', 'trigger') "
        f"AND tbl_name IN ({marks}) AND sql IS NOT NULL ORDER BY type, name",
        tuple(names),
    )
    for kind, name, _ in kept:
        await conn.exec_driver_sql(f'DROP {kind.upper()} "{name}"')
    return [sql for _, _, sql in kept]


async def _postgres_set_aside(conn: AsyncConnection, names: Sequence[str]) -> list[str]:
    """Drops the foreign keys and the full indexes no constraint owns, turns the tables' own
    triggers off, and returns the statements that put all of it back. Partial indexes stay:
    they take few of the rows, and PostgreSQL would give their condition back in another
    (equivalent) spelling."""
    tables = ", ".join(f"'{name}'::regclass" for name in names)
    indexes = await _rows(
        conn,
        "SELECT indexrelid::regclass::text, pg_get_indexdef(indexrelid) FROM pg_index "
        f"WHERE indrelid IN ({tables}) AND indpred IS NULL AND NOT EXISTS "
        "(SELECT 1 FROM pg_constraint WHERE conindid = indexrelid)",
    )
    keys = await _rows(
        conn,
        "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) "
        f"FROM pg_constraint WHERE contype = 'f' AND conrelid IN ({tables})",
    )
    for table, name, _ in keys:
        await conn.exec_driver_sql(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
    for name, _ in indexes:
        await conn.exec_driver_sql(f"DROP INDEX {name}")
    for table in names:
        await conn.exec_driver_sql(f'ALTER TABLE "{table}" DISABLE TRIGGER USER')
    return [
        PG_MEMORY,
        *(definition for _, definition in indexes),
        *(f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {rule}' for table, name, rule in keys),
        *(f'ALTER TABLE "{table}" ENABLE TRIGGER USER' for table in names),
    ]


async def _rows(
    conn: AsyncConnection, sql: str, parameters: tuple[str, ...] = ()
) -> list[tuple[str, ...]]:
    return [tuple(row) for row in await conn.exec_driver_sql(sql, parameters)]
