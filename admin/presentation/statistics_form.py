"""The statistics page's choices, read from the query string: the dates, the rows and the
columns, month/quarter/year, reports or children. A bad field is explained beside it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from admin.presentation.period_form import BAD_DATE, FIRST_YEAR, LAST_YEAR, OUT_OF_RANGE, Problem
from triage.domain.statistics.dimensions import Dimension, Granularity, Unit
from triage.i18n import N_
from triage.services.statistics.model import (
    MAX_STATISTICS_DAYS,
    RequestProblem,
    StatisticsRequest,
    request_problem,
)

UNKNOWN_CHOICE = N_("Pilih salah satu pilihan dari daftar.")
SAME_DIMENSION = N_("Pilih dimensi kolom yang berbeda dari dimensi baris.")
WRONG_ORDER = N_("Tanggal akhir lebih awal dari tanggal mulai. Tukar keduanya.")
TOO_LONG = N_("Rentang paling panjang {days} hari (sepuluh tahun).")
DEFAULTS = {
    "rows": Dimension.PROVINCE.value,
    "columns": Dimension.HARM.value,
    "period": Granularity.YEAR.value,
    "unit": Unit.REPORTS.value,
}
CHOICES: Mapping[str, tuple[str, ...]] = {
    "rows": tuple(Dimension),
    "columns": tuple(Dimension),
    "period": tuple(Granularity),
    "unit": tuple(Unit),
}


@dataclass(frozen=True, slots=True)
class StatisticsForm:
    """What was chosen (shown again as typed), and the request when it made sense."""

    values: Mapping[str, str]  # by field name: from, to, rows, columns, period, unit
    problems: Mapping[str, Problem]
    request: StatisticsRequest | None


def _date(text: str) -> date | Problem:
    try:
        day = date.fromisoformat(text)
    except ValueError:
        return Problem(BAD_DATE, {"example": "2026-11-23"})
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        return Problem(OUT_OF_RANGE, {"first": FIRST_YEAR, "last": LAST_YEAR})
    return day


def read_statistics_form(query: Mapping[str, str], today: date) -> StatisticsForm:
    """Every field optional: this year so far, provinces × kinds of harm, counting reports."""
    defaults = {**DEFAULTS, "from": date(today.year, 1, 1).isoformat(), "to": today.isoformat()}
    values = {name: query.get(name, "").strip() or default for name, default in defaults.items()}
    problems: dict[str, Problem] = {
        name: Problem(UNKNOWN_CHOICE)
        for name, choices in CHOICES.items()
        if values[name] not in choices
    }
    days = {name: _date(values[name]) for name in ("from", "to")}
    problems.update({name: day for name, day in days.items() if isinstance(day, Problem)})
    first, last = days["from"], days["to"]
    if problems or not isinstance(first, date) or not isinstance(last, date):
        return StatisticsForm(values, problems, None)
    rows, columns = Dimension(values["rows"]), Dimension(values["columns"])
    problem = request_problem(first, last, rows, columns)
    if problem is RequestProblem.SAME_DIMENSION:
        problems["columns"] = Problem(SAME_DIMENSION)
    elif problem is RequestProblem.WRONG_ORDER:
        problems["to"] = Problem(WRONG_ORDER)
    elif problem is RequestProblem.TOO_LONG:
        problems["to"] = Problem(TOO_LONG, {"days": MAX_STATISTICS_DAYS})
    if problems:
        return StatisticsForm(values, problems, None)
    request = StatisticsRequest(
        first,
        last,
        rows,
        columns,
        granularity=Granularity(values["period"]),
        unit=Unit(values["unit"]),
    )
    return StatisticsForm(values, problems, request)
