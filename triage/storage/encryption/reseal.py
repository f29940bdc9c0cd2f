"""Re-sealing stored values in short batches: what the migration that introduced encryption
does to plain values, and what key rotation does to values an older key sealed.

Works on a synchronous connection (Alembic's, or an async session's `run_sync`) with plain
SQL on the raw column, bypassing the column types, so each value is read and written as it
is stored. A batch picks values by primary key, so any run can stop and the next continues.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from sqlalchemy import Column, ColumnElement, MetaData, Table, and_, bindparam, func, select, update
from sqlalchemy.engine import Connection

from triage.storage.encryption.cipher import PREFIX, Keyring
from triage.storage.encryption.columns import Sealed

DEFAULT_BATCH = 500


@dataclass(frozen=True, slots=True)
class SealedColumn:
    """An encrypted column: where it is, its row key, and the context bound into values."""

    table: str
    key: str
    column: str

    @property
    def context(self) -> str:
        return f"{self.table}.{self.column}"


def sealed_columns(metadata: MetaData) -> tuple[SealedColumn, ...]:
    """Every encrypted column the tables declare, in a stable order."""
    found = []
    for table in sorted(metadata.tables.values(), key=lambda t: t.name):
        for column in table.columns:
            if isinstance(column.type, Sealed):
                (key,) = table.primary_key.columns
                found.append(SealedColumn(table.name, key.name, column.name))
    return tuple(found)


def current_prefix(keyring: Keyring) -> str:
    return f"{PREFIX}{keyring.current}:"


def _raw(spec: SealedColumn, *, target: str | None = None) -> tuple[Table, Column[str]]:
    """The table with its key and the column as plain text (no sealing on the way)."""
    table = Table(spec.table, MetaData(), Column(spec.key), Column(spec.column))
    if target is not None:
        table.append_column(Column(target))
    return table, table.c[spec.column]


def _stale(value: Column[str], keyring: Keyring) -> ColumnElement[bool]:
    """A value sealed under another key than the current one."""
    prefix = current_prefix(keyring)
    return and_(value.is_not(None), func.substr(value, 1, len(prefix)) != prefix)


def count_stale(connection: Connection, spec: SealedColumn, keyring: Keyring) -> int:
    table, value = _raw(spec)
    prefix = current_prefix(keyring)
    query = (
        select(func.count())
        .select_from(table)
        .where(value.is_not(None), func.substr(value, 1, len(prefix)) != prefix)
    )
    return int(connection.execute(query).scalar_one())


def rotate_batch(
    connection: Connection, spec: SealedColumn, keyring: Keyring, batch: int = DEFAULT_BATCH
) -> int:
    """Re-seal up to `batch` values not under the current key; how many were re-sealed.

    Each value is written back only if it is still the one read, so a value a process
    changed meanwhile (sealed under the current key already) is left alone."""
    table, value = _raw(spec)
    key = table.c[spec.key]
    query = select(key, value).where(_stale(value, keyring)).order_by(key).limit(batch)
    rows = connection.execute(query).all()
    if not rows:
        return 0
    changes = [
        {
            "row_key": row[0],
            "old": row[1],
            "new": keyring.seal(keyring.open(row[1], spec.context), spec.context),
        }
        for row in rows
    ]
    statement = (
        update(table)
        .where(key == bindparam("row_key"), value == bindparam("old"))
        .values({spec.column: bindparam("new")})
    )
    connection.execute(statement, changes)
    return len(changes)


def seal_plain_values(
    connection: Connection,
    spec: SealedColumn,
    keyring: Keyring,
    *,
    target: str | None = None,
    as_text: Callable[[object], str] = str,
    batch: int = DEFAULT_BATCH,
) -> int:
    """Seal every plain value of the column (into `target`, another column of the same row,
    when given), reading by key in batches; how many were sealed. For the migration only:
    it takes every value as plain."""
    return _rewrite_values(
        connection, spec, lambda plain: keyring.seal(as_text(plain), spec.context), target, batch
    )


def open_sealed_values(
    connection: Connection,
    spec: SealedColumn,
    keyring: Keyring,
    *,
    target: str | None = None,
    batch: int = DEFAULT_BATCH,
) -> int:
    """The reverse of `seal_plain_values`, for a downgrade: every value back to plain text."""
    return _rewrite_values(
        connection, spec, lambda sealed: keyring.open(str(sealed), spec.context), target, batch
    )


def _rewrite_values(
    connection: Connection,
    spec: SealedColumn,
    rewrite: Callable[[object], str],
    target: str | None,
    batch: int,
) -> int:
    """Every non-null value of the column rewritten (into `target` when given), by key in
    batches; how many were."""
    table, value = _raw(spec, target=target)
    key = table.c[spec.key]
    write = target or spec.column
    statement = update(table).where(key == bindparam("row_key")).values({write: bindparam("new")})
    total = 0
    for rows in _pages(connection, table, key, value, batch):
        changes = [{"row_key": row_key, "new": rewrite(old)} for row_key, old in rows]
        connection.execute(statement, changes)
        total += len(changes)
    return total


def _pages(
    connection: Connection, table: Table, key: Column[object], value: Column[str], batch: int
) -> Iterator[list[tuple[object, object]]]:
    """(key, value) of the non-null values, `batch` at a time, in key order."""
    after: object = None
    while True:
        query = select(key, value).where(value.is_not(None)).order_by(key).limit(batch)
        if after is not None:
            query = query.where(key > after)
        rows: list[tuple[object, object]] = [
            (row[0], row[1]) for row in connection.execute(query).all()
        ]
        if not rows:
            return
        yield rows
        after = rows[-1][0]
