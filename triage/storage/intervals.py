"""Seconds between two timestamps as SQL, on SQLite and PostgreSQL. SQLAlchemy only.

SQLite stores datetimes as text ("2026-11-23 01:00:00.000000", UTC), which `julianday`
reads; PostgreSQL subtracts them into an interval and takes its epoch. Either way a row
comes back as one float, so reading thousands of response times parses no datetimes.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, Float
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Mapped
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import FunctionElement

SECONDS_PER_DAY = 86400.0


class seconds_between(FunctionElement[float]):  # named like the SQL function it stands for
    """`end - start` in seconds (NULL when either is NULL)."""

    type = Float()
    inherit_cache = True

    def __init__(
        self, start: ColumnElement[Any] | Mapped[Any], end: ColumnElement[Any] | Mapped[Any]
    ) -> None:
        super().__init__(start, end)


def _arguments(element: seconds_between, compiler: SQLCompiler, **kw: Any) -> tuple[str, str]:
    start, end = list(element.clauses)
    return compiler.process(start, **kw), compiler.process(end, **kw)


@compiles(seconds_between)
def _postgresql(element: seconds_between, compiler: SQLCompiler, **kw: Any) -> str:
    start, end = _arguments(element, compiler, **kw)
    # EXTRACT gives a numeric (a Decimal in Python): a double is what a float column wants.
    return f"CAST(EXTRACT(EPOCH FROM ({end} - {start})) AS DOUBLE PRECISION)"


@compiles(seconds_between, "sqlite")
def _sqlite(element: seconds_between, compiler: SQLCompiler, **kw: Any) -> str:
    start, end = _arguments(element, compiler, **kw)
    return f"((julianday({end}) - julianday({start})) * {SECONDS_PER_DAY})"
