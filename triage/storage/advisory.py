"""PostgreSQL session-level advisory locks on one dedicated connection per process.

A session lock lives as long as the connection that took it: when the process dies (even by
kill -9) the server sees the socket close and releases every lock it held, so another
process can take over within its next try. Locks use the two-key form (namespace, key);
advisory locks are scoped to the current database.

One connection serves every lock of the process (the sender's election, the per-chat locks,
the process's presence), so only `try` forms are used (a blocking wait would stall the
others) and queries on it are serialised. Session locks are re-entrant within a session:
callers serialise within the process first (the per-chat asyncio locks do).

Behind PgBouncer this connection needs session pooling (or a direct connection).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterable

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

log = logging.getLogger(__name__)

INT32 = 2**31


def int32_key(value: int) -> int:
    """Fold a 64-bit value (a Telegram chat id) into the signed 32-bit key PostgreSQL takes;
    two values folding together only serialise each other."""
    folded = (value ^ (value >> 32)) & 0xFFFFFFFF
    return folded - 2**32 if folded >= INT32 else folded


class LockConnectionLost(Exception):
    """The dedicated connection broke: every lock it held is gone."""


class SessionLocks:
    """Advisory locks on a connection of their own (outside the unit of work's pool use)."""

    def __init__(self, engine: AsyncEngine) -> None:
        self.engine = engine
        self._conn: AsyncConnection | None = None
        self._use = asyncio.Lock()
        self.generation = 0  # counts (re)connections: a new one holds no lock yet

    async def _connection(self) -> AsyncConnection:
        if self._conn is None:
            conn = await self.engine.connect()
            await conn.execution_options(isolation_level="AUTOCOMMIT")
            self._conn = conn
            self.generation += 1
        return self._conn

    async def _scalar(self, sql: str, **params: object) -> object:
        async with self._use:
            try:
                conn = await self._connection()
                return (await conn.execute(text(sql), params)).scalar()
            except Exception as exc:
                await self._drop()
                raise LockConnectionLost(type(exc).__name__) from exc

    async def _drop(self) -> None:
        conn, self._conn = self._conn, None
        if conn is not None:
            try:
                await conn.invalidate()
                await conn.close()
            except Exception as exc:  # already broken: nothing more to release
                log.debug("lock connection close: %s", type(exc).__name__)

    async def try_lock(self, namespace: int, key: int) -> bool:
        got = await self._scalar("SELECT pg_try_advisory_lock(:ns, :key)", ns=namespace, key=key)
        return bool(got)

    async def unlock(self, namespace: int, key: int) -> None:
        await self._scalar("SELECT pg_advisory_unlock(:ns, :key)", ns=namespace, key=key)

    async def ping(self, generation: int) -> bool:
        """True while the connection of `generation` is still the one open and answers."""
        if self._conn is None or self.generation != generation:
            return False
        try:
            await self._scalar("SELECT 1")
        except LockConnectionLost:
            return False
        return self.generation == generation

    async def held_keys(self, namespace: int, keys: Iterable[int] | None = None) -> set[int]:
        """The keys of `namespace` some session of this database holds now (non-negative
        keys only: pg_locks shows a key as an unsigned oid)."""
        found = await self._scalar(
            "SELECT coalesce(array_agg(objid::bigint), '{}') FROM pg_locks"
            " WHERE locktype = 'advisory' AND granted AND objsubid = 2 AND classid = :ns"
            " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())",
            ns=namespace,
        )
        held = {int(k) for k in found or []}  # type: ignore[attr-defined]
        return held if keys is None else held & set(keys)

    async def close(self) -> None:
        async with self._use:
            await self._drop()
