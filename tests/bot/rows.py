"""Reading stored rows in the bot's handler tests (what a handler left behind)."""

from __future__ import annotations

from typing import TypeVar

from sqlalchemy import inspect
from sqlmodel import SQLModel, select

from triage.services.common.deps import TriageDeps

T = TypeVar("T", bound=SQLModel)


async def rows(deps: TriageDeps, table: type[T]) -> list[T]:
    """Every row of `table` in primary-key order, read fresh."""
    async with deps.uow() as unit:
        query = select(table).order_by(*inspect(table).primary_key)
        return list((await unit.session.exec(query)).all())


async def row(deps: TriageDeps, table: type[T], key: object) -> T | None:
    """One row by primary key, read fresh (None if there is none)."""
    async with deps.uow() as unit:
        return await unit.session.get(table, key)
