"""Benchmark data loaded fast: rows straight to the driver (SQLite `executemany`, PostgreSQL
`COPY`), each value converted once by its column's type, with the tables' upkeep put off to
the end of the load.

The upkeep: the secondary indexes, the triggers and (on PostgreSQL) the foreign keys of the
tables being filled are set aside before the rows go in and put back, as they were defined,
once they are all in: an index built once over sorted rows costs a fraction of a million
inserts into two dozen B-trees, and no trigger or foreign key check runs per row. For
benchmark data only (the rows are made consistent by their generator), in the load's own
transaction. The change stamp's triggers do not see the rows: it is moved once at the end,
as the load's one transaction would have moved it on PostgreSQL.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, KeysView, Sequence
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Table
from sqlalchemy.engine import Dialect
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine
from sqlmodel.sql.sqltypes import UTCDateTime

from triage.storage.encryption.columns import Sealed

CHUNK = 20_000
SEALED_KEPT = 1_000
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


Row = tuple[Any, ...]


def _converter(
    table: Table, names: list[str], defaults: dict[str, Any], dialect: Dialect
) -> Callable[[dict[str, Any]], Row]:
    """A row as the driver takes it: each value (or its column's default) through its
    column's bind processing, as an INSERT through SQLAlchemy would do; a sealed column's
    values sealed once each (the placeholders repeat; the column, not the row, is bound into
    a sealed value)."""
    steps: list[tuple[str, Callable[[Any], Any] | None, Any]] = []
    for name in names:
        kind = table.c[name].type
        process: Callable[[Any], Any] | None = kind._cached_bind_processor(dialect)
        if isinstance(kind, UTCDateTime):  # the generator's moments are all in UTC already
            # SQLite: the same text, without SQLAlchemy's two steps per value; PostgreSQL:
            # asyncpg takes them as they are.
            process = _sqlite_time if dialect.name == "sqlite" else None
        elif isinstance(kind, Sealed) and process is not None:
            process = _once_each(process)
        steps.append((name, process, defaults.get(name)))

    def convert(row: dict[str, Any]) -> Row:
        get = row.get
        return tuple(
            [get(name, default) if step is None else step(get(name, default))
             for name, step, default in steps]
        )  # fmt: skip

    return convert


def _sqlite_time(value: datetime | None) -> str | None:
    """As UTCDateTime and SQLite's DateTime store a moment: UTC, microseconds always shown."""
    if value is None:
        return None
    if value.tzinfo is not UTC:
        value = value.astimezone(UTC)
    return value.isoformat(" ", "microseconds")[:26]  # without the "+00:00"


def _once_each(process: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """The first SEALED_KEPT distinct values sealed once each (placeholders repeat; stories
    written for each row do not, and are sealed each time)."""
    done: dict[str, Any] = {}

    def sealed(value: Any) -> Any:
        key = repr(value)
        found = done.get(key)
        if found is None:
            found = process(value)
            if len(done) < SEALED_KEPT:
                done[key] = found
        return found

    return sealed


def _defaults(table: Table, given: set[str]) -> dict[str, Any]:
    """The Python-side defaults an INSERT through SQLAlchemy would add for missing columns."""
    found = {}
    for column in table.c:
        default = column.default
        if column.name in given or default is None or not hasattr(default, "arg"):
            continue
        value = default.arg
        found[column.name] = value(None) if callable(value) else value
    return found


class BulkWriter:
    """Writes rows of one shape per table straight to the driver."""

    def __init__(self, conn: AsyncConnection) -> None:
        self.conn = conn
        self.shapes: dict[str, tuple[list[str], Callable[[dict[str, Any]], Row]]] = {}
        self.keys: dict[str, KeysView[str]] = {}

    async def write(self, model: Any, rows: list[dict[str, Any]]) -> None:
        if not rows:
            return
        table: Table = model.__table__
        if table.name not in self.shapes:  # defaults taken once: the load is one moment
            defaults = _defaults(table, set(rows[0]))
            names = list(defaults | rows[0])
            self.shapes[table.name] = (
                names, _converter(table, names, defaults, self.conn.dialect)
            )  # fmt: skip
            self.keys[table.name] = rows[0].keys()
        keys = self.keys[table.name]
        if any(row.keys() != keys for row in rows):  # a missing value would pass as NULL
            raise ValueError(f"rows of {table.name} with other columns than the first")
        names, convert = self.shapes[table.name]
        records = [convert(row) for row in rows]
        if self.conn.dialect.name == "postgresql":
            raw = await self.conn.get_raw_connection()
            driver: Any = raw.driver_connection
            await driver.copy_records_to_table(table.name, records=records, columns=names)
            return
        marks = ", ".join("?" for _ in names)
        columns = ", ".join(f'"{name}"' for name in names)
        await self.conn.exec_driver_sql(
            f'INSERT INTO "{table.name}" ({columns}) VALUES ({marks})', records
        )

    async def finish(self) -> None:
        """On PostgreSQL, COPY leaves the id sequences behind the ids it was given."""
        if self.conn.dialect.name != "postgresql":
            return
        for table, (names, _) in self.shapes.items():
            if "id" in names:
                await self.conn.exec_driver_sql(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                    f"(SELECT max(id) FROM {table}))"
                )


async def load_tables(
    engine: AsyncEngine, batches: Sequence[tuple[Any, list[dict[str, Any]]]]
) -> None:
    """Each model's rows, in this order, in one transaction with the upkeep deferred."""
    names = list(dict.fromkeys(model.__table__.name for model, _ in batches))
    async with engine.begin() as conn, upkeep_deferred(conn, names):
        bulk = BulkWriter(conn)
        for model, rows in batches:
            for at in range(0, len(rows), CHUNK):
                await bulk.write(model, rows[at : at + CHUNK])
        await bulk.finish()
