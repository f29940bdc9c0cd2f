"""Keyset (seek) pagination: ORDER BY a list of keys and continue strictly after a row.

A page is "the next N rows after the last row shown", found by comparing the sort keys, so
the database reads from an index position instead of counting past every earlier row
(OFFSET). The last key must be unique (an id) so that ties cannot skip or repeat rows.
SQLAlchemy only.

Everything past a row is read as stretches that follow one another in order
(`seek_branches`: the rest of the row's group on the last key, then on the key before,
...): each is an equality prefix and one range, which both databases answer with a plain
index range scan however deep the row lies in its group. One OR of them all would leave
PostgreSQL scanning the whole group up to the row.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, and_


@dataclass(frozen=True, slots=True)
class SortKey:
    """One ORDER BY term; its values must never be NULL (coalesce a nullable column).

    `fixed`: a constant for every row of the query (a part of a longer order, see
    `triage.services.cases.queue_sql`): compared in seeks, left out of ORDER BY.
    """

    expression: ColumnElement[Any]
    descending: bool = False
    fixed: bool = False


def order_by(keys: Sequence[SortKey], *, backwards: bool = False) -> list[ColumnElement[Any]]:
    """The ORDER BY terms; `backwards` reverses every key (the same index, read in reverse)."""
    return [
        key.expression.desc() if key.descending != backwards else key.expression.asc()
        for key in keys
        if not key.fixed
    ]


def _beyond(key: SortKey, value: object, backwards: bool) -> ColumnElement[bool]:
    later_is_smaller = key.descending != backwards
    return key.expression < value if later_is_smaller else key.expression > value


@dataclass(frozen=True, slots=True)
class Branch:
    """One stretch past a row: its condition, and the keys left to order it by (those it
    holds equal are constant within it, and left out so planners see the index order)."""

    where: ColumnElement[bool]
    keys: tuple[SortKey, ...]


def seek_branches(
    keys: Sequence[SortKey], values: Sequence[object], *, backwards: bool = False
) -> list[Branch]:
    """The rows after `values` (before them when `backwards`) as stretches to read in turn:
    those equal on every key but the last and beyond on it, then those equal on every key
    but the last two and beyond on that one, ... then those beyond on the first key."""
    if len(keys) != len(values) or not keys:
        raise ValueError("a seek needs one value per sort key")
    branches = []
    for position in range(len(keys) - 1, -1, -1):
        equal = [k.expression == v for k, v in zip(keys[:position], values[:position], strict=True)]
        beyond = _beyond(keys[position], values[position], backwards)
        branches.append(Branch(and_(*equal, beyond), tuple(keys[position:])))
    return branches
