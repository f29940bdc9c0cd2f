"""Two-way tables of counts: rows × columns with their totals. Pure."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TypeVar

Item = TypeVar("Item")


@dataclass(frozen=True, slots=True)
class CountTable:
    """Counts by row and column key; every row and column is listed, zeros included."""

    rows: tuple[str, ...]
    columns: tuple[str, ...]
    cells: tuple[tuple[int, ...], ...]

    def __post_init__(self) -> None:
        if len(self.cells) != len(self.rows) or any(
            len(row) != len(self.columns) for row in self.cells
        ):
            raise ValueError("a table needs one cell per row and column")
        if any(value < 0 for row in self.cells for value in row):
            raise ValueError("a count is never negative")

    @property
    def row_totals(self) -> tuple[int, ...]:
        return tuple(sum(row) for row in self.cells)

    @property
    def column_totals(self) -> tuple[int, ...]:
        return tuple(sum(column) for column in zip(*self.cells, strict=True)) or tuple(
            0 for _ in self.columns
        )

    @property
    def total(self) -> int:
        return sum(self.row_totals)

    def augmented(self) -> list[list[int]]:
        """The cells with each row's total as a last column and the column totals (and the
        grand total) as a last row."""
        rows = [[*row, total] for row, total in zip(self.cells, self.row_totals, strict=True)]
        return [*rows, [*self.column_totals, self.total]]


def cross_table(
    items: Iterable[Item],
    row_key: Callable[[Item], str],
    column_key: Callable[[Item], str],
    weight: Callable[[Item], int],
    rows: Sequence[str] | None = None,
    columns: Sequence[str] | None = None,
) -> CountTable:
    """Items counted (by `weight`) into row × column cells. Given `rows` or `columns` are
    kept in their order, zeros included; otherwise the keys found, sorted; a key found that
    is not among the given ones is added at the end."""
    counts: dict[tuple[str, str], int] = {}
    for item in items:
        key = (row_key(item), column_key(item))
        counts[key] = counts.get(key, 0) + weight(item)
    row_keys = _keys(rows, (r for r, _ in counts))
    column_keys = _keys(columns, (c for _, c in counts))
    cells = tuple(tuple(counts.get((r, c), 0) for c in column_keys) for r in row_keys)
    return CountTable(row_keys, column_keys, cells)


def _keys(given: Sequence[str] | None, found: Iterable[str]) -> tuple[str, ...]:
    seen = set(given or ())
    extra = sorted(set(found) - seen)
    return (*given, *extra) if given is not None else tuple(extra)
