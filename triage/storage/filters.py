"""SQL filters that mirror domain rules, so queries select what the rule accepts. SQLAlchemy only.

`region_filter` is `triage.domain.roster.codes_cover` as SQL: a kabupaten/kota code is
covered by itself or by its province. Prefixes are compared with `substr`, not `LIKE`: no
wildcard (`%`, `_`) in a code can widen the match, and the comparison is case-sensitive on
SQLite too (its `LIKE` is not).

`json_list_contains` asks whether a JSON list of codes holds a code, in each database's own
terms (there is no portable spelling); `json_list_contains_any` whether it holds any of
several, in one test whatever their number.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from sqlalchemy import Boolean, ColumnElement, Dialect, String, false, func, literal, or_
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Mapped
from sqlalchemy.sql import coercions, roles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.type_api import TypeEngine
from sqlalchemy.sql.visitors import InternalTraversal
from sqlalchemy.types import TypeDecorator


def region_filter(
    column: Mapped[str | None] | ColumnElement[str | None], codes: Iterable[str]
) -> ColumnElement[bool]:
    """Rows whose region code is one of `codes` or lies in a province among `codes`.

    Province codes are the dotless ones: "32" covers "32.73", which starts with "32.".
    A code with a dot covers exactly itself. NULL is covered by nothing.
    """
    wanted = sorted(set(codes))
    if not wanted:
        return false()
    prefixes = [f"{code}." for code in wanted if "." not in code]
    return or_(
        column.in_(wanted),
        *(func.substr(column, 1, len(prefix), type_=String) == prefix for prefix in prefixes),
    )


class JsonListContains(ColumnElement[bool]):
    """`value` is an element of the JSON list of codes stored in `column`.

    SQLite stores JSON as its text, where a code is an element exactly when its quoted form
    appears (a code holds no quote or backslash, so it cannot hide inside another element):
    one `instr` per row, cheap enough to count the table. PostgreSQL compares as jsonb,
    which its GIN index answers.
    """

    type = Boolean()
    inherit_cache = True
    _traverse_internals = [  # noqa: RUF012 (SQLAlchemy reads it as a class attribute)
        ("column", InternalTraversal.dp_clauseelement),
        ("value", InternalTraversal.dp_clauseelement),
    ]

    def __init__(self, column: ColumnElement[Any], value: str) -> None:
        self.column = column
        self.value = literal(value, String)


@compiles(JsonListContains, "sqlite")
def _contains_sqlite(element: JsonListContains, compiler: SQLCompiler, **kw: Any) -> str:
    column = compiler.process(element.column, **kw)
    value = compiler.process(element.value, **kw)
    return f"(instr({column}, json_quote({value})) > 0)"


@compiles(JsonListContains, "postgresql")
def _contains_postgresql(element: JsonListContains, compiler: SQLCompiler, **kw: Any) -> str:
    column = compiler.process(element.column, **kw)
    value = compiler.process(element.value, **kw)
    return f"(CAST({column} AS JSONB) @> jsonb_build_array(CAST({value} AS TEXT)))"


def json_list_contains(
    column: Mapped[list[str]] | ColumnElement[Any], value: str
) -> ColumnElement[bool]:
    """Rows whose JSON list of codes (such as `report.categories`) holds the code `value`."""
    if not value or any(ch in value for ch in '"\\') or not value.isprintable():
        raise ValueError("a code to look for is plain text without quotes or backslashes")
    return JsonListContains(coercions.expect(roles.ExpressionElementRole, column), value)


class CodeList(TypeDecorator[list[str]]):
    """A list of codes as one bound value: PostgreSQL's text[], SQLite's JSON text."""

    impl = String
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        if dialect.name == "postgresql":
            return dialect.type_descriptor(ARRAY(String))
        return dialect.type_descriptor(String())

    def process_bind_param(self, value: list[str] | None, dialect: Dialect) -> Any:
        if value is None or dialect.name == "postgresql":
            return value
        return json.dumps(value)


class JsonListContainsAny(ColumnElement[bool]):
    """The JSON list of codes stored in `column` holds at least one of `values`.

    The codes are one bound value, so the statement is the same for any number of them.
    PostgreSQL: jsonb's `?|`, one cast per row; an OR of a containment test per code cast
    the column once per code and row (150 ms over 1,066 workers and 200 codes, against 3).
    SQLite: the list's elements against the codes', by `json_each`.
    """

    type = Boolean()
    inherit_cache = True
    _traverse_internals = [  # noqa: RUF012 (SQLAlchemy reads it as a class attribute)
        ("column", InternalTraversal.dp_clauseelement),
        ("values", InternalTraversal.dp_clauseelement),
    ]

    def __init__(self, column: ColumnElement[Any], values: list[str]) -> None:
        self.column = column
        self.values = literal(values, CodeList())


@compiles(JsonListContainsAny, "sqlite")
def _contains_any_sqlite(element: JsonListContainsAny, compiler: SQLCompiler, **kw: Any) -> str:
    column = compiler.process(element.column, **kw)
    values = compiler.process(element.values, **kw)
    wanted = f"SELECT value FROM json_each({values})"  # noqa: S608 (compiled: a bound value)
    return f"EXISTS (SELECT 1 FROM json_each({column}) AS held WHERE held.value IN ({wanted}))"  # noqa: S608


@compiles(JsonListContainsAny, "postgresql")
def _contains_any_postgresql(element: JsonListContainsAny, compiler: SQLCompiler, **kw: Any) -> str:
    column = compiler.process(element.column, **kw)
    values = compiler.process(element.values, **kw)
    return f"(CAST({column} AS JSONB) ?| CAST({values} AS TEXT[]))"


def json_list_contains_any(
    column: Mapped[list[str]] | ColumnElement[Any], values: Iterable[str]
) -> ColumnElement[bool]:
    """Rows whose JSON list of codes holds at least one of `values` (none: no row)."""
    wanted = sorted(set(values))
    if not wanted:
        return false()
    return JsonListContainsAny(coercions.expect(roles.ExpressionElementRole, column), wanted)
