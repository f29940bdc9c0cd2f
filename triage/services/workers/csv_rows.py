"""Reads the workers CSV into checked rows, or line errors for every bad line. Pure."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from typing import Any, TypeVar

from triage.domain.regions.directory import RegionDirectory
from triage.i18n import N_
from triage.services.workers import fields
from triage.services.workers.problems import FieldError, Problem, problem

COLUMNS = ("name", "telegram_user_id", "role", "region_codes", "on_duty", "phone")
OPTIONAL_COLUMNS = ("duty_hours",)
T = TypeVar("T")
HEADER = ",".join(COLUMNS)


@dataclass(frozen=True, slots=True)
class LineError:
    """Why one line of the file was refused; the header is line 1. Never holds names or phones."""

    line: int
    problem: Problem

    @property
    def message(self) -> str:
        """In English, as the CLI prints it."""
        return self.problem.english


@dataclass(frozen=True, slots=True)
class WorkerRow:
    """One checked line. `duty_hours_given` is False when the file has no duty_hours column."""

    line: int
    name: str
    telegram_user_id: int | None
    role: str
    region_codes: tuple[str, ...]
    on_duty: bool
    phone: str | None
    duty_hours: dict[str, Any] | None
    duty_hours_given: bool


def parse_worker_csv(
    csv_text: str, regions: RegionDirectory
) -> tuple[list[WorkerRow], list[LineError]]:
    """Every line checked: the good rows, and one error per bad field (by line number)."""
    rows: list[WorkerRow] = []
    errors: list[LineError] = []
    records = _records(csv_text.removeprefix("\ufeff"))
    try:
        header_line, header = next(records, (1, []))
        columns = _columns(header_line, header)
        for line, record in records:
            row = _row(line, record, columns, regions, errors)
            if row is not None:
                rows.append(row)
    except _RefusedError as exc:
        errors.extend(exc.errors)
    _check_duplicates(rows, errors)
    return rows, sorted(errors, key=lambda e: e.line)


class _RefusedError(Exception):
    """The rest of the file cannot be read."""

    def __init__(self, line: int, *problems: Problem) -> None:
        super().__init__(line)
        self.errors = [LineError(line, found) for found in problems]


def _records(text: str) -> Iterator[tuple[int, list[str]]]:
    """(first line number, stripped fields) of each record that is not blank."""
    reader = csv.reader(io.StringIO(text, newline=""), skipinitialspace=True)
    line = 1
    while True:
        try:
            record = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            refused = problem(
                N_("berkas ini bukan CSV yang sah mulai dari sini: {detail}"), detail=exc
            )
            raise _RefusedError(line, refused) from None
        values = [value.strip() for value in record]
        if any(values):
            yield line, values
        line = reader.line_num + 1


def _columns(line: int, header: list[str]) -> dict[str, int]:
    """Column name -> index; refuses a header that lacks, repeats or adds columns."""
    names = [name.lower() for name in header]
    while names and not names[-1]:
        names.pop()
    if not names:
        empty = N_("berkas ini kosong; baris 1 harus judul kolom {header} (dan boleh duty_hours)")
        raise _RefusedError(1, problem(empty, header=HEADER))
    found = {
        N_("judul kolom kurang: {columns} (harus {header}, dan boleh duty_hours)"): [
            c for c in COLUMNS if c not in names
        ],
        N_("judul kolom tidak dikenal: {columns} (harus {header}, dan boleh duty_hours)"): [
            n or "(blank)" for n in names if n not in COLUMNS + OPTIONAL_COLUMNS
        ],
        N_("judul kolom berulang: {columns} (harus {header}, dan boleh duty_hours)"): sorted(
            {n for n in names if names.count(n) > 1}
        ),
    }
    problems = [
        problem(msgid, columns=", ".join(columns), header=HEADER)
        for msgid, columns in found.items()
        if columns
    ]
    if problems:
        raise _RefusedError(line, *problems)
    return {name: index for index, name in enumerate(names)}


class _Fields:
    """The fields of one line, parsed one by one; each bad field adds a problem."""

    def __init__(self, record: list[str], columns: dict[str, int]) -> None:
        self.record = record
        self.columns = columns
        self.problems: list[Problem] = []

    def get(self, column: str, parse: Callable[[str], T], default: T) -> T:
        if column not in self.columns:
            return default
        try:
            return parse(self.record[self.columns[column]])
        except FieldError as exc:
            self.problems.append(exc.problem)
            return default


def _row(
    line: int,
    record: list[str],
    columns: dict[str, int],
    regions: RegionDirectory,
    errors: list[LineError],
) -> WorkerRow | None:
    """The checked row, or None after adding an error for each bad field."""
    width = len(columns)
    if len(record) < width or any(record[width:]):
        wrong = N_("seharusnya {expected} kolom, ada {found}")
        errors.append(LineError(line, problem(wrong, expected=width, found=len(record))))
        return None
    found = _Fields(record, columns)
    row = WorkerRow(
        line=line,
        name=found.get("name", fields.parse_name, ""),
        telegram_user_id=found.get("telegram_user_id", fields.parse_telegram_id, None),
        role=found.get("role", fields.parse_role, ""),
        region_codes=found.get(
            "region_codes", partial(fields.parse_region_codes, regions=regions), ()
        ),
        on_duty=found.get("on_duty", fields.parse_on_duty, False),
        phone=found.get("phone", fields.parse_phone, None),
        duty_hours=found.get("duty_hours", fields.parse_duty_hours, None),
        duty_hours_given="duty_hours" in columns,
    )
    errors.extend(LineError(line, problem) for problem in found.problems)
    return None if found.problems else row


def _check_duplicates(rows: list[WorkerRow], errors: list[LineError]) -> None:
    """A Telegram id, or a name without one, may appear on one line only."""
    seen_ids: dict[int, int] = {}
    seen_names: dict[str, int] = {}
    for row in rows:
        if row.telegram_user_id is not None:
            first = seen_ids.setdefault(row.telegram_user_id, row.line)
            again = problem(
                N_("telegram_user_id {id} sudah ada di baris {first}"),
                id=row.telegram_user_id,
                first=first,
            )
        else:
            first = seen_names.setdefault(fields.name_key(row.name), row.line)
            same_name = N_("nama yang sama tanpa telegram_user_id sudah ada di baris {first}")
            again = problem(same_name, first=first)
        if first != row.line:
            errors.append(LineError(row.line, again))
