"""What every CSV import shares (workers, the directory of services): records with their line
numbers, the header's columns, fields parsed one by one, and one error per bad line. Pure."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TypeVar

from triage.i18n import N_
from triage.services.workers.problems import FieldError, Problem, problem

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class LineError:
    """Why one line of the file was refused; the header is line 1. Never holds names or phones."""

    line: int
    problem: Problem

    @property
    def message(self) -> str:
        """In English, as the CLI prints it."""
        return self.problem.english


class RefusedError(Exception):
    """The rest of the file cannot be read."""

    def __init__(self, line: int, *problems: Problem) -> None:
        super().__init__(line)
        self.errors = [LineError(line, found) for found in problems]


def records(text: str) -> Iterator[tuple[int, list[str]]]:
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
            raise RefusedError(line, refused) from None
        values = [value.strip() for value in record]
        if any(values):
            yield line, values
        line = reader.line_num + 1


@dataclass(frozen=True, slots=True)
class HeaderWords:
    """An import's catalogue messages for a refused header; each may name `{header}`, the
    columns the file must have, and all but `empty` the `{columns}` at fault."""

    empty: str
    missing: str
    unknown: str
    repeated: str


def header_columns(
    line: int,
    header: list[str],
    *,
    required: tuple[str, ...],
    allowed: tuple[str, ...],
    words: HeaderWords,
    shown: str,
) -> dict[str, int]:
    """Column name -> index; refuses a header that lacks, repeats or adds columns."""
    names = [name.lower() for name in header]
    while names and not names[-1]:
        names.pop()
    if not names:
        raise RefusedError(1, problem(words.empty, header=shown))
    found = {
        words.missing: [c for c in required if c not in names],
        words.unknown: [n or "(blank)" for n in names if n not in allowed],
        words.repeated: sorted({n for n in names if names.count(n) > 1}),
    }
    problems = [
        problem(msgid, columns=", ".join(columns), header=shown)
        for msgid, columns in found.items()
        if columns
    ]
    if problems:
        raise RefusedError(line, *problems)
    return {name: index for index, name in enumerate(names)}


def width_error(line: int, record: list[str], width: int) -> LineError | None:
    """A line with too few fields, or with values beyond the header's columns."""
    if len(record) < width or any(record[width:]):
        wrong = N_("seharusnya {expected} kolom, ada {found}")
        return LineError(line, problem(wrong, expected=width, found=len(record)))
    return None


class Fields:
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
