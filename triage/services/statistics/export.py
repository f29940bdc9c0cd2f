"""The statistics as JSON-ready data and as CSV rows: what `lapor-sosial stats` prints and
the partner API serves. A hidden figure is never written: a small count is "< minimum",
a complementary one "x", and `hidden` says which."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from triage.domain.statistics.suppression import Entry, Hidden, ProtectedTable
from triage.services.statistics.model import Statistics, StatTable

TOTAL = "total"
COMPLEMENT_MARK = "x"
CSV_HEADER = (
    "table", "counted", "period", "row_dimension", "row", "column_dimension", "column", "value",
    "hidden",
)  # fmt: skip


def shown(entry: Entry, minimum: int) -> str:
    """A figure as text: the count, "< minimum" or "x"."""
    if entry.hidden is Hidden.SMALL:
        return f"< {minimum}"
    if entry.hidden is Hidden.COMPLEMENT:
        return COMPLEMENT_MARK
    return str(entry.value)


def _entry(entry: Entry) -> dict[str, Any]:
    return {"value": entry.value, "hidden": entry.hidden.value if entry.hidden else None}


def table_data(table: ProtectedTable) -> dict[str, Any]:
    return {
        "rows": list(table.rows),
        "columns": list(table.columns),
        "cells": [[_entry(e) for e in row] for row in table.cells],
        "row_totals": [_entry(e) for e in table.row_totals],
        "column_totals": [_entry(e) for e in table.column_totals],
        "total": _entry(table.total),
    }


def _stat_table(table: StatTable) -> dict[str, Any]:
    return {
        "table": table.kind.value,
        "counted": table.counted.value,
        "period": table.period,
        "row_dimension": str(table.rows),
        "column_dimension": table.columns,
        **table_data(table.table),
    }


def as_json(result: Statistics) -> dict[str, Any]:
    """Plain data: the request, the threshold, and every table (the referrals' too)."""
    request = result.request
    workload = result.workload
    return {
        "from": request.first.isoformat(),
        "to": request.last.isoformat(),
        "granularity": request.granularity.value,
        "minimum": result.minimum,
        "counts": [_stat_table(t) for t in result.counts],
        "handling": [_stat_table(t) for t in result.handling],
        "referrals": _stat_table(result.referrals),
        "workload": {
            **_stat_table(workload.cases),
            "workers": [[row.workers for row in line] for line in workload.rows],
            "per_worker": [
                [None if row.per_worker is None else round(row.per_worker, 2) for row in line]
                for line in workload.rows
            ],
        },
    }


def csv_rows(result: Statistics) -> Iterator[tuple[str, ...]]:
    """One line per figure of every table (totals as row or column "total"), header first."""
    yield CSV_HEADER
    for table in (*result.counts, *result.handling, result.workload.cases, result.referrals):
        yield from _table_rows(table, result.minimum)


def _table_rows(table: StatTable, minimum: int) -> Iterator[tuple[str, ...]]:
    grid = table.table
    head = (table.kind.value, table.counted.value, table.period or "")
    rows = [*grid.rows, TOTAL]
    columns = [*grid.columns, TOTAL]
    entries = [[*cells, total] for cells, total in zip(grid.cells, grid.row_totals, strict=True)]
    entries.append([*grid.column_totals, grid.total])
    for row, line in zip(rows, entries, strict=True):
        for column, entry in zip(columns, line, strict=True):
            hidden = entry.hidden.value if entry.hidden else ""
            yield (
                *head,
                str(table.rows),
                row,
                table.columns,
                column,
                shown(entry, minimum),
                hidden,
            )
