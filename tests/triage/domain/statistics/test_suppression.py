"""Suppression: on random tables no hidden figure can be worked back from the published ones.

The published figures of a table with its totals fix the hidden ones only through linear
equations (each row's and each column's cells add up to its total). A hidden entry is worked
back exactly when its unit vector lies in the span of those equations restricted to the
hidden entries: checked by Gaussian elimination over the rationals
(`tests/support/suppression_check.py`), independently of the graph argument `protect` uses.
"""

from __future__ import annotations

import itertools
from fractions import Fraction

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.support.suppression_check import determined, equations, published_grid, rank
from triage.domain.statistics.suppression import (
    Entry,
    Hidden,
    protect,
    protect_linked,
)
from triage.domain.statistics.tables import CountTable

Cell = tuple[int, int]

# Counts as they come: many zeros and small numbers, some large.
COUNT = st.one_of(st.integers(0, 6), st.integers(0, 6), st.integers(0, 60), st.integers(0, 900))


@st.composite
def tables(draw: st.DrawFn) -> CountTable:
    height, width = draw(st.integers(1, 7)), draw(st.integers(1, 7))
    cells = tuple(tuple(draw(COUNT) for _ in range(width)) for _ in range(height))
    rows = tuple(f"r{i}" for i in range(height))
    return CountTable(rows, tuple(f"c{j}" for j in range(width)), cells)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tables(), st.integers(1, 6))
def test_no_hidden_entry_can_be_worked_back(table: CountTable, minimum: int) -> None:
    protected = protect(table, minimum)
    grid = published_grid(protected)
    unknowns, matrix = equations(grid)
    assert determined(unknowns, matrix) == []


@settings(max_examples=300, deadline=None)
@given(tables(), st.integers(1, 6))
def test_every_small_count_is_hidden_and_every_shown_figure_is_true(
    table: CountTable, minimum: int
) -> None:
    protected = protect(table, minimum)
    truth = table.augmented()
    for i, row in enumerate(published_grid(protected)):
        for j, entry in enumerate(row):
            small = 0 < truth[i][j] < minimum
            assert (entry.hidden is Hidden.SMALL) == small
            assert entry.value in (None, truth[i][j])
            assert (entry.value is None) == (entry.hidden is not None)


@settings(max_examples=300, deadline=None)
@given(tables(), st.integers(2, 6))
def test_no_row_or_column_holds_a_single_hidden_entry(table: CountTable, minimum: int) -> None:
    grid = published_grid(protect(table, minimum))
    lines = [*grid, *zip(*grid, strict=True)]
    for line in lines:
        assert sum(entry.value is None for entry in line) != 1


def test_two_hidden_rectangles_joined_by_one_entry_are_joined_again() -> None:
    """The case rule 1 alone misses: every line holds two hidden entries, yet one is a bridge
    (a 3 shared between two blocks of small counts) and would be determined."""
    cells = (
        (1, 1, 3, 50, 50),
        (1, 1, 50, 50, 50),
        (50, 50, 50, 50, 50),
        (50, 50, 1, 1, 50),
        (50, 50, 1, 1, 50),
    )
    table = CountTable(tuple("abcde"), tuple("vwxyz"), cells)
    grid = published_grid(protect(table, 5))
    unknowns, matrix = equations(grid)
    assert determined(unknowns, matrix) == []


def test_a_table_without_small_counts_shows_everything() -> None:
    table = CountTable(("a", "b"), ("x", "y"), ((0, 7), (12, 30)))
    protected = protect(table, 5)
    assert protected.hidden_count == 0
    assert protected.total == Entry(49)


def test_a_small_total_is_hidden_too() -> None:
    table = CountTable(("a", "b"), ("x", "y"), ((0, 3), (12, 30)))
    protected = protect(table, 5)
    assert protected.row_totals[0].hidden is Hidden.SMALL
    assert protected.cells[0][1].hidden is Hidden.SMALL


@st.composite
def linked_tables(draw: st.DrawFn) -> tuple[CountTable, CountTable]:
    """The same reports split two ways: two tables with the same rows and row totals."""
    first = draw(tables())
    width = draw(st.integers(1, 6))
    cells = []
    for total in first.row_totals:
        cuts = sorted(draw(st.lists(st.integers(0, total), min_size=width - 1, max_size=width - 1)))
        bounds = [0, *cuts, total]
        cells.append(tuple(b - a for a, b in itertools.pairwise(bounds)))
    second = CountTable(first.rows, tuple(f"k{k}" for k in range(width)), tuple(cells))
    return first, second


def joint_equations(
    grids: list[list[list[Entry]]],
) -> tuple[list[tuple[int, Cell]], list[list[Fraction]]]:
    """Both tables' equations over their hidden entries, a shared row total (or the grand
    total) being one unknown."""
    unknowns: list[tuple[int, Cell]] = []
    index: dict[tuple[int, Cell], int] = {}
    for t, grid in enumerate(grids):
        width = len(grid[0])
        for i, row in enumerate(grid):
            for j, entry in enumerate(row):
                if entry.value is None:
                    key = (-1, (i, j)) if j == width - 1 else (t, (i, j))
                    if key not in index:
                        index[key] = len(unknowns)
                        unknowns.append(key)
    matrix = []
    for t, grid in enumerate(grids):
        height, width = len(grid), len(grid[0])
        lines = [
            [((i, j), 1 if j < width - 1 else -1) for j in range(width)] for i in range(height)
        ]
        lines += [
            [((i, j), 1 if i < height - 1 else -1) for i in range(height)] for j in range(width)
        ]
        for line in lines:
            row = [Fraction(0)] * len(unknowns)
            for (i, j), sign in line:
                key = (-1, (i, j)) if j == width - 1 else (t, (i, j))
                if key in index:
                    row[index[key]] += sign
            matrix.append(row)
    return unknowns, matrix


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(linked_tables(), st.integers(2, 6))
def test_linked_tables_together_give_no_hidden_entry_away(
    pair: tuple[CountTable, CountTable], minimum: int
) -> None:
    protected = protect_linked(pair, minimum)
    grids = [published_grid(p) for p in protected]
    for p in protected[1:]:
        shown = [e.value for e in (*p.row_totals, p.total)]
        assert shown == [e.value for e in (*protected[0].row_totals, protected[0].total)]
    unknowns, matrix = joint_equations(grids)
    base = rank(matrix)
    for n, cell in enumerate(unknowns):
        unit = [Fraction(int(k == n)) for k in range(len(unknowns))]
        assert rank([*matrix, unit]) > base, f"{cell} is determined"
