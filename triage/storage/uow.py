"""The unit of work: one transaction per use case; leaving without commit rolls back."""

from __future__ import annotations

from types import TracebackType

from sqlalchemy import Connection
from sqlmodel.ext.asyncio.session import AsyncSession

from triage.storage.db import SessionFactory


class UnitOfWork:
    """`async with uow:` opens a session; `await uow.commit()` commits; anything else rolls back."""

    def __init__(self, session_factory: SessionFactory) -> None:
        self._session_factory = session_factory
        self._session: AsyncSession | None = None

    @property
    def session(self) -> AsyncSession:
        if self._session is None:
            raise RuntimeError("UnitOfWork used outside `async with`")
        return self._session

    async def __aenter__(self) -> UnitOfWork:
        self._session = self._session_factory()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        # close() rolls back whatever was not committed and detaches the objects without
        # expiring them, so plain values read inside the block stay readable after it.
        try:
            await self.session.close()
        finally:
            self._session = None

    async def commit(self) -> None:
        await self.session.commit()

    async def lock_for_write(self) -> None:
        """Call before reading what this unit will change (where PostgreSQL reads the rows
        FOR UPDATE). SQLite has no row locks and reads outside a transaction until the first
        write, so two units could both read the same state and both write: here the unit
        takes the database's write lock first (BEGIN IMMEDIATE); another writer waits for it
        (busy_timeout) instead of overwriting it or failing with "database is locked"."""
        if self.session.get_bind().dialect.name != "sqlite":
            return
        connection = await self.session.connection()
        if not await connection.run_sync(lambda sync: _in_sqlite_transaction(sync)):
            await connection.exec_driver_sql("BEGIN IMMEDIATE")


class UnitOfWorkFactory:
    """Makes a fresh UnitOfWork per use case."""

    def __init__(self, session_factory: SessionFactory) -> None:
        self.session_factory = session_factory

    def __call__(self) -> UnitOfWork:
        return UnitOfWork(self.session_factory)


def _in_sqlite_transaction(connection: Connection) -> bool:
    """Whether SQLite has begun a transaction on this connection (after a first write)."""
    driver = connection.connection.driver_connection
    return bool(getattr(driver, "in_transaction", False))
