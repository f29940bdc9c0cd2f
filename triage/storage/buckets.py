"""Which week of a period a timestamp falls in, as SQL, on SQLite and PostgreSQL. SQLAlchemy only.

The weeks are given by their first instants (each Monday's local midnight, in UTC). When
they are exactly seven days apart (a zone without daylight saving, as Indonesia's are) the
week is whole weeks elapsed since the first one, counted in whole seconds so that a report
at the very instant a week starts falls in that week on both databases; otherwise a CASE
over the starts.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Integer, case, literal
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Mapped
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import FunctionElement
from sqlmodel.sql.sqltypes import UTCDateTime

WEEK = timedelta(days=7)
WEEK_SECONDS = int(WEEK.total_seconds())


class weeks_since(FunctionElement[int]):  # named like the SQL function it stands for
    """Whole weeks from `origin` to `at` (at >= origin)."""

    type = Integer()
    inherit_cache = True

    def __init__(
        self, origin: ColumnElement[Any] | Mapped[Any], at: ColumnElement[Any] | Mapped[Any]
    ) -> None:
        super().__init__(origin, at)


def _arguments(element: weeks_since, compiler: SQLCompiler, **kw: Any) -> tuple[str, str]:
    origin, at = list(element.clauses)
    return compiler.process(origin, **kw), compiler.process(at, **kw)


@compiles(weeks_since)
def _postgresql(element: weeks_since, compiler: SQLCompiler, **kw: Any) -> str:
    origin, at = _arguments(element, compiler, **kw)
    return f"CAST(floor(EXTRACT(EPOCH FROM ({at} - {origin})) / {WEEK_SECONDS}) AS INTEGER)"


@compiles(weeks_since, "sqlite")
def _sqlite(element: weeks_since, compiler: SQLCompiler, **kw: Any) -> str:
    origin, at = _arguments(element, compiler, **kw)
    # Whole seconds, cut from the stored text ("2026-11-23 01:00:00.999999": SQLite's date
    # functions would round that to the next second), and an integer division: exact, and a
    # floor since `at >= origin`.
    seconds = "CAST(strftime('%s', substr({}, 1, 19)) AS INTEGER)"
    return f"(({seconds.format(at)} - {seconds.format(origin)}) / {WEEK_SECONDS})"


def week_index(at: ColumnElement[Any] | Mapped[Any], starts: Sequence[datetime]) -> Any:
    """The index in `starts` (ascending, UTC) of the week holding `at`, which lies at or
    after the first start."""
    if not starts:
        raise ValueError("a period has at least one week")
    origin = starts[0]
    if all(start == origin + WEEK * n for n, start in enumerate(starts)):
        return weeks_since(literal(origin, UTCDateTime()), at)
    return span_index(at, starts)


def span_index(at: ColumnElement[Any] | Mapped[Any], starts: Sequence[datetime]) -> Any:
    """The index in `starts` (ascending, UTC) of the span holding `at` (weeks, months …; each
    span runs to the next start, the last one on), `at` lying at or after the first start."""
    later = [(at < literal(start, UTCDateTime()), n) for n, start in enumerate(starts[1:])]
    return case(*later, else_=len(starts) - 1) if later else literal(0, Integer())
