"""Reads the services CSV into checked rows, or line errors for every bad line. Pure.

Columns: name,type,region_codes,address,phone,whatsapp,hours,services,last_verified; the
first three are required, the others may be left out of the header or left empty.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import partial
from typing import TypeVar

from triage.domain.referrals import ServiceType
from triage.domain.regions.directory import RegionDirectory
from triage.i18n import N_
from triage.services.referrals import fields
from triage.services.workers.csv_lines import (
    Fields,
    HeaderWords,
    LineError,
    RefusedError,
    header_columns,
    records,
    width_error,
)
from triage.services.workers.fields import name_key
from triage.services.workers.problems import Problem, problem

REQUIRED = ("name", "type", "region_codes")
OPTIONAL = ("address", "phone", "whatsapp", "hours", "services", "last_verified")
COLUMNS = REQUIRED + OPTIONAL
HEADER = ",".join(COLUMNS)
ADDRESS_CHARS, HOURS_CHARS, OFFERS_CHARS = 300, 200, 500
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class ServiceRow:
    """One checked line (or the admin form's fields)."""

    line: int
    name: str
    type: ServiceType
    region_codes: tuple[str, ...]
    address: str | None = None
    phone: str | None = None
    whatsapp: str | None = None
    hours: str | None = None
    offers: str | None = None
    last_verified: date | None = None

    @property
    def key(self) -> tuple[str, str]:
        """Who is who: the same name (case and spaces aside) and type is the same service."""
        return name_key(self.name), self.type.value


def parse_service_csv(
    csv_text: str, regions: RegionDirectory, today: date
) -> tuple[list[ServiceRow], list[LineError]]:
    """Every line checked: the good rows, and one error per bad field (by line number)."""
    rows: list[ServiceRow] = []
    errors: list[LineError] = []
    lines = records(csv_text.removeprefix("\ufeff"))
    try:
        header_line, header = next(lines, (1, []))
        columns = _columns(header_line, header)
        for line, record in lines:
            row = _row(line, record, columns, regions, today, errors)
            if row is not None:
                rows.append(row)
    except RefusedError as exc:
        errors.extend(exc.errors)
    _check_duplicates(rows, errors)
    return rows, sorted(errors, key=lambda e: e.line)


HEADER_WORDS = HeaderWords(
    empty=N_("berkas ini kosong; baris 1 harus judul kolom {header}"),
    missing=N_("judul kolom kurang: {columns} (harus {header})"),
    unknown=N_("judul kolom tidak dikenal: {columns} (harus {header})"),
    repeated=N_("judul kolom berulang: {columns} (harus {header})"),
)


def _columns(line: int, header: list[str]) -> dict[str, int]:
    """Column name -> index; refuses a header that lacks, repeats or adds columns."""
    return header_columns(
        line, header, required=REQUIRED, allowed=COLUMNS, words=HEADER_WORDS, shown=HEADER
    )


def _row(
    line: int,
    record: list[str],
    columns: dict[str, int],
    regions: RegionDirectory,
    today: date,
    errors: list[LineError],
) -> ServiceRow | None:
    """The checked row, or None after adding an error for each bad field."""
    wrong_width = width_error(line, record, len(columns))
    if wrong_width is not None:
        errors.append(wrong_width)
        return None
    row, problems = parse_line(line, record, columns, regions, today)
    errors.extend(LineError(line, found) for found in problems.values())
    return row


def parse_line(
    line: int,
    record: list[str],
    columns: dict[str, int],
    regions: RegionDirectory,
    today: date,
) -> tuple[ServiceRow | None, dict[str, Problem]]:
    """One line's fields checked (also the admin form's): the row, or the problem by column."""
    found = _ColumnFields(record, columns)
    row = ServiceRow(
        line=line,
        name=found.get("name", fields.parse_name, ""),
        type=found.get("type", fields.parse_type, ServiceType.OTHER),
        region_codes=found.get(
            "region_codes", partial(fields.parse_region_codes, regions=regions), ()
        ),
        address=found.get("address", fields.TextParser("address", ADDRESS_CHARS), None),
        phone=found.get("phone", fields.parse_phone, None),
        whatsapp=found.get("whatsapp", fields.parse_phone, None),
        hours=found.get("hours", fields.TextParser("hours", HOURS_CHARS), None),
        offers=found.get("services", fields.TextParser("services", OFFERS_CHARS), None),
        last_verified=found.get(
            "last_verified", partial(fields.parse_last_verified, today=today), None
        ),
    )
    return (None if found.by_column else row), found.by_column


class _ColumnFields(Fields):
    """Fields that remember which column each problem is about."""

    def __init__(self, record: list[str], columns: dict[str, int]) -> None:
        super().__init__(record, columns)
        self.by_column: dict[str, Problem] = {}

    def get(self, column: str, parse: Callable[[str], T], default: T) -> T:
        before = len(self.problems)
        value = super().get(column, parse, default)
        if len(self.problems) > before:
            self.by_column[column] = self.problems[-1]
        return value


def _check_duplicates(rows: list[ServiceRow], errors: list[LineError]) -> None:
    """A service (name and type) may appear on one line only."""
    seen: dict[tuple[str, str], int] = {}
    for row in rows:
        first = seen.setdefault(row.key, row.line)
        if first != row.line:
            again = N_("layanan dengan nama dan type yang sama sudah ada di baris {first}")
            errors.append(LineError(row.line, problem(again, first=first)))
