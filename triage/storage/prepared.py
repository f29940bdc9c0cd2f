"""Statements built once, at import, for the paths every update takes (the inbox, the
questionnaire's answer): executed with their values as parameters, SQLAlchemy reuses the
statement's cache key and compiled form, where one built per call costs its construction
and a new cache key each time (a large share of intake's CPU, docs/performance.md)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import BindParameter, bindparam


def typed(name: str, column: Any) -> BindParameter[Any]:
    """A parameter `name` of `column`'s type, so the column's own conversion applies (dates,
    sealed columns). Named apart from the columns a statement sets, which SQLAlchemy reserves."""
    return bindparam(name, type_=column.type)
