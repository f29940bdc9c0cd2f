"""The workers CSV without a database: reading the file, line numbers, the header."""

from __future__ import annotations

from tests.triage.services.workers.helpers import HEADER
from triage.domain.regions.directory import RegionDirectory
from triage.services.workers.csv_rows import parse_worker_csv


def test_line_numbers_count_physical_lines(regions: RegionDirectory) -> None:
    text = f'{HEADER}\r"Two\rlines",,worker,31.74,true,\r\rAni,,worker,31.74,maybe,\r'

    rows, errors = parse_worker_csv(text, regions)

    assert [row.line for row in rows] == [2]
    assert [error.line for error in errors] == [5]


def test_a_broken_file_is_reported_at_its_line(regions: RegionDirectory) -> None:
    huge = "x" * 200_000  # longer than the csv module's field limit
    text = f"{HEADER}\nAni,,worker,31.74,true,\n{huge},,worker,31.74,true,\nBo,,worker,31,true,\n"

    rows, errors = parse_worker_csv(text, regions)

    assert len(rows) == 1
    assert [e.line for e in errors] == [3]
    assert errors[0].message.startswith("the file is not valid CSV")


def test_header_only_is_an_empty_import(regions: RegionDirectory) -> None:
    assert parse_worker_csv(HEADER + "\n", regions) == ([], [])
    assert [e.message for e in parse_worker_csv("   \n", regions)[1]] == [
        f"the file is empty; line 1 must be the header {HEADER} (and optionally duty_hours)"
    ]
