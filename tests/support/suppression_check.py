"""Whether a published table's hidden figures can be worked back from its published ones.

The published figures of a table with its totals fix the hidden ones only through linear
equations (each row's and each column's cells add up to its total). A hidden entry is worked
back exactly when its unit vector lies in the span of those equations restricted to the
hidden entries: found by Gaussian elimination over the rationals, independently of the graph
argument `triage.domain.statistics.suppression.protect` uses. The suppression's own tests
and the partner API's use it.
"""

from __future__ import annotations

from fractions import Fraction

from triage.domain.statistics.suppression import Entry, ProtectedTable

Cell = tuple[int, int]


def published_grid(table: ProtectedTable) -> list[list[Entry]]:
    rows = [[*row, total] for row, total in zip(table.cells, table.row_totals, strict=True)]
    return [*rows, [*table.column_totals, table.total]]


def equations(grid: list[list[Entry]]) -> tuple[list[Cell], list[list[Fraction]]]:
    """The hidden entries, and each row's and column's equation over them (with the known
    part moved to the right-hand side, which does not matter for what is determined)."""
    height, width = len(grid), len(grid[0])
    unknowns = [(i, j) for i in range(height) for j in range(width) if grid[i][j].value is None]
    index = {cell: n for n, cell in enumerate(unknowns)}
    lines = [[((i, j), 1 if j < width - 1 else -1) for j in range(width)] for i in range(height)]
    lines += [[((i, j), 1 if i < height - 1 else -1) for i in range(height)] for j in range(width)]
    matrix = []
    for line in lines:
        row = [Fraction(0)] * len(unknowns)
        for cell, sign in line:
            if cell in index:
                row[index[cell]] += sign
        matrix.append(row)
    return unknowns, matrix


def rank(matrix: list[list[Fraction]]) -> int:
    rows = [row[:] for row in matrix if any(row)]
    found = 0
    width = len(rows[0]) if rows else 0
    for column in range(width):
        pivot = next((r for r in range(found, len(rows)) if rows[r][column] != 0), None)
        if pivot is None:
            continue
        rows[found], rows[pivot] = rows[pivot], rows[found]
        for r in range(len(rows)):
            if r != found and rows[r][column] != 0:
                factor = rows[r][column] / rows[found][column]
                rows[r] = [a - factor * b for a, b in zip(rows[r], rows[found], strict=True)]
        found += 1
    return found


def determined(unknowns: list[Cell], matrix: list[list[Fraction]]) -> list[Cell]:
    """The hidden entries whose value the equations fix."""
    base = rank(matrix)
    fixed = []
    for n, cell in enumerate(unknowns):
        unit = [Fraction(int(k == n)) for k in range(len(unknowns))]
        if rank([*matrix, unit]) == base:
            fixed.append(cell)
    return fixed
