"""Small counts hidden, and enough other cells with them that none can be worked back. Pure.

A published two-way table shows its cells, each row's total, each column's total and the
grand total. Every row (and every column) is an equation: its cells add up to its total,
and the totals add up to the grand total. A count from 1 to `minimum - 1` is hidden
("< 5", primary suppression); then more entries are hidden (complementary suppression)
until no hidden entry can be solved for from the published ones:

1. every row and column of the table with its totals holds no hidden entry, or at least two;
2. no hidden entry is a *bridge* of the graph whose nodes are the rows and columns (totals
   included) and whose edges are the hidden entries. The hidden values are fixed by the
   equations exactly up to adding a circulation on that graph, so an entry on a cycle can
   change while every published figure stays the same, and an entry on no cycle (a bridge)
   is determined. Rule 1 alone misses two hidden rectangles joined by a single entry.

Each step hides the smallest count that helps, a non-zero one before a zero (a hidden zero
next to a small count narrows its range), a cell before a total; the steps repeat until
both rules hold. `tests/triage/domain/statistics/test_suppression.py` checks on random
tables, by solving the equations, that no hidden entry is determined.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from triage.domain.statistics.tables import CountTable

Cell = tuple[int, int]  # (row, column) of the augmented table: totals last


class Hidden(StrEnum):
    SMALL = "small"  # 1 .. minimum - 1, shown as "< minimum"
    COMPLEMENT = "complement"  # hidden so that a small count cannot be worked back


@dataclass(frozen=True, slots=True)
class Entry:
    """A published figure: `value` is None when hidden, and `hidden` says why."""

    value: int | None
    hidden: Hidden | None = None


@dataclass(frozen=True, slots=True)
class ProtectedTable:
    """A table as it may be published: cells, row totals, column totals, grand total."""

    rows: tuple[str, ...]
    columns: tuple[str, ...]
    cells: tuple[tuple[Entry, ...], ...]
    row_totals: tuple[Entry, ...]
    column_totals: tuple[Entry, ...]
    total: Entry
    minimum: int

    @property
    def hidden_count(self) -> int:
        entries = [*(e for row in self.cells for e in row), *self.row_totals]
        return sum(e.hidden is not None for e in [*entries, *self.column_totals, self.total])


def protect(
    table: CountTable, minimum: int, *, margins: frozenset[int] = frozenset()
) -> ProtectedTable:
    """The table with small counts and their complements hidden; `margins` are row totals
    (by index; the number of rows stands for the grand total) to hide as well."""
    if minimum < 1:
        raise ValueError(f"the minimum is at least 1, got {minimum}")
    grid = table.augmented()
    small = {
        (i, j) for i, row in enumerate(grid) for j, value in enumerate(row) if 0 < value < minimum
    }
    last_column = len(table.columns)
    hidden = hidden_entries(grid, small | {(i, last_column) for i in margins})

    def entry(i: int, j: int) -> Entry:
        if (i, j) in small:
            return Entry(None, Hidden.SMALL)
        return Entry(None, Hidden.COMPLEMENT) if (i, j) in hidden else Entry(grid[i][j])

    last_row, last_column = len(table.rows), len(table.columns)
    return ProtectedTable(
        rows=table.rows,
        columns=table.columns,
        cells=tuple(tuple(entry(i, j) for j in range(last_column)) for i in range(last_row)),
        row_totals=tuple(entry(i, last_column) for i in range(last_row)),
        column_totals=tuple(entry(last_row, j) for j in range(last_column)),
        total=entry(last_row, last_column),
        minimum=minimum,
    )


def protect_linked(tables: Sequence[CountTable], minimum: int) -> tuple[ProtectedTable, ...]:
    """Tables that share their rows and row totals (the same reports split two ways): each
    protected, with the same row totals (and grand total) hidden in all of them, so that a
    total hidden in one is not published by another."""
    if len({(t.rows, t.row_totals) for t in tables}) > 1:
        raise ValueError("linked tables share their rows and row totals")
    margins: frozenset[int] = frozenset()
    while True:
        protected = tuple(protect(t, minimum, margins=margins) for t in tables)
        hidden = frozenset(
            i
            for p in protected
            for i, entry in enumerate((*p.row_totals, p.total))
            if entry.hidden is not None
        )
        if hidden == margins:
            return protected
        margins = hidden


def hidden_entries(grid: list[list[int]], primary: Iterable[Cell]) -> set[Cell]:
    """Every entry of the augmented `grid` to hide, starting from `primary`."""
    hidden = set(primary)
    height, width = len(grid), len(grid[0])
    lines = [[(i, j) for j in range(width)] for i in range(height)]
    lines += [[(i, j) for i in range(height)] for j in range(width)]
    while _alone_in_line(grid, lines, hidden) or _bridged(grid, hidden):
        pass
    return hidden


def _preference(grid: list[list[int]], cell: Cell) -> tuple[bool, bool, int, int, int]:
    """Hide non-zero before zero, cells before totals, small before large."""
    i, j = cell
    value = grid[i][j]
    is_total = i == len(grid) - 1 or j == len(grid[0]) - 1
    return (value == 0, is_total, value, i, j)


def _alone_in_line(grid: list[list[int]], lines: list[list[Cell]], hidden: set[Cell]) -> bool:
    """Hides a second entry in each row or column that holds exactly one hidden entry, in
    sweeps until none does; False when there was none to begin with."""
    changed = False
    again = True
    while again:
        again = False
        for line in lines:
            if sum(cell in hidden for cell in line) == 1:
                choices = [cell for cell in line if cell not in hidden]
                hidden.add(min(choices, key=lambda cell: _preference(grid, cell)))
                changed = again = True
    return changed


def _bridged(grid: list[list[int]], hidden: set[Cell]) -> bool:
    """Puts the first bridge on a cycle by hiding one entry between its two sides; False
    when no hidden entry is a bridge."""
    for bridge in _bridges(hidden):
        side = _reachable(("r", bridge[0]), hidden - {bridge})
        rows_in = {n for kind, n in side if kind == "r"}
        columns_in = {n for kind, n in side if kind == "c"}
        choices = [
            (r, c)
            for r in range(len(grid))
            for c in range(len(grid[0]))
            if (r in rows_in) != (c in columns_in) and (r, c) not in hidden
        ]
        if choices:
            hidden.add(min(choices, key=lambda cell: _preference(grid, cell)))
            return True
    return False


Node = tuple[str, int]


def _neighbours(hidden: set[Cell]) -> dict[Node, list[tuple[Node, Cell]]]:
    graph: dict[Node, list[tuple[Node, Cell]]] = {}
    for i, j in hidden:
        graph.setdefault(("r", i), []).append((("c", j), (i, j)))
        graph.setdefault(("c", j), []).append((("r", i), (i, j)))
    return graph


def _reachable(start: Node, hidden: set[Cell]) -> set[Node]:
    graph = _neighbours(hidden)
    seen, todo = {start}, [start]
    while todo:
        for node, _cell in graph.get(todo.pop(), []):
            if node not in seen:
                seen.add(node)
                todo.append(node)
    return seen


def _bridges(hidden: set[Cell]) -> list[Cell]:
    """The hidden entries on no cycle (Tarjan's low-link, without recursion), sorted."""
    graph = _neighbours(hidden)
    order: dict[Node, int] = {}
    low: dict[Node, int] = {}
    found: list[Cell] = []
    for root in sorted(graph):
        if root in order:
            continue
        order[root] = low[root] = len(order)
        stack: list[tuple[Node, Cell | None, int]] = [(root, None, 0)]
        while stack:
            node, via, index = stack[-1]
            edges = graph[node]
            if index < len(edges):
                stack[-1] = (node, via, index + 1)
                nxt, cell = edges[index]
                if cell == via:
                    continue
                if nxt in order:
                    low[node] = min(low[node], order[nxt])
                else:
                    order[nxt] = low[nxt] = len(order)
                    stack.append((nxt, cell, 0))
                continue
            stack.pop()
            if stack:
                parent = stack[-1][0]
                low[parent] = min(low[parent], low[node])
                if via is not None and low[node] > order[parent]:
                    found.append(via)
    return sorted(found)
