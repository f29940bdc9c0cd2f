"""Keyset (seek) pagination: ORDER BY a list of keys and continue strictly after a row.

A page is "the next N rows after the last row shown", found by comparing the sort keys, so
the database reads from an index position instead of counting past every earlier row
(OFFSET). The last key must be unique (an id) so that ties cannot skip or repeat rows.
SQLAlchemy only.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, and_, or_


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


def _not_before(key: SortKey, value: object, backwards: bool) -> ColumnElement[bool]:
    later_is_smaller = key.descending != backwards
    return key.expression <= value if later_is_smaller else key.expression >= value


def after(
    keys: Sequence[SortKey], values: Sequence[object], *, backwards: bool = False
) -> ColumnElement[bool]:
    """Rows strictly after `values` in the order of `keys` (before them when `backwards`).

    (k1 > v1) OR (k1 = v1 AND k2 > v2) OR ...; each key in its own direction. The leading
    `k1 >= v1` is implied by the rest; it is spelled out so that planners see a range on the
    index's first column.
    """
    if len(keys) != len(values) or not keys:
        raise ValueError("a seek needs one value per sort key")
    branches = []
    for position, key in enumerate(keys):
        equal = [k.expression == v for k, v in zip(keys[:position], values[:position], strict=True)]
        branches.append(and_(*equal, _beyond(key, values[position], backwards)))
    return and_(_not_before(keys[0], values[0], backwards), or_(*branches))
