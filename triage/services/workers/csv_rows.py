"""Reads the workers CSV into checked rows, or line errors for every bad line. Pure."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from typing import Any

from triage.domain.regions.directory import RegionDirectory
from triage.i18n import N_
from triage.services.workers import fields
from triage.services.workers.csv_lines import (
    Fields,
    HeaderWords,
    LineError,
    RefusedError,
    header_columns,
    records,
    width_error,
)
from triage.services.workers.problems import problem

COLUMNS = ("name", "telegram_user_id", "role", "region_codes", "on_duty", "phone")
OPTIONAL_COLUMNS = ("duty_hours",)
HEADER = ",".join(COLUMNS)


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
    lines = records(csv_text.removeprefix("\ufeff"))
    try:
        header_line, header = next(lines, (1, []))
        columns = _columns(header_line, header)
        for line, record in lines:
            row = _row(line, record, columns, regions, errors)
            if row is not None:
                rows.append(row)
    except RefusedError as exc:
        errors.extend(exc.errors)
    _check_duplicates(rows, errors)
    return rows, sorted(errors, key=lambda e: e.line)


HEADER_WORDS = HeaderWords(
    empty=N_("berkas ini kosong; baris 1 harus judul kolom {header} (dan boleh duty_hours)"),
    missing=N_("judul kolom kurang: {columns} (harus {header}, dan boleh duty_hours)"),
    unknown=N_("judul kolom tidak dikenal: {columns} (harus {header}, dan boleh duty_hours)"),
    repeated=N_("judul kolom berulang: {columns} (harus {header}, dan boleh duty_hours)"),
)


def _columns(line: int, header: list[str]) -> dict[str, int]:
    """Column name -> index; refuses a header that lacks, repeats or adds columns."""
    return header_columns(
        line,
        header,
        required=COLUMNS,
        allowed=COLUMNS + OPTIONAL_COLUMNS,
        words=HEADER_WORDS,
        shown=HEADER,
    )


def _row(
    line: int,
    record: list[str],
    columns: dict[str, int],
    regions: RegionDirectory,
    errors: list[LineError],
) -> WorkerRow | None:
    """The checked row, or None after adding an error for each bad field."""
    wrong_width = width_error(line, record, len(columns))
    if wrong_width is not None:
        errors.append(wrong_width)
        return None
    found = Fields(record, columns)
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
