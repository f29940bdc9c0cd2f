"""The period and urgency fields of the dashboard and the map, read from the query string.

A date that cannot be read, a date outside 2000-2100, a range the wrong way round or longer
than two years each come back as a problem beside its field; nothing is guessed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from triage.domain.model import Urgency
from triage.domain.period import MAX_DAYS, Period, PeriodProblem, default_period, period_problem
from triage.i18n import N_

FIRST_YEAR, LAST_YEAR = 2000, 2100
BAD_DATE = N_("Tanggal tidak dikenali. Pilih dari kalender atau tulis seperti {example}.")
OUT_OF_RANGE = N_("Pilih tanggal antara tahun {first} dan {last}.")
WRONG_ORDER = N_(
    "Tanggal akhir ({last}) lebih awal dari tanggal mulai ({first}). Tukar keduanya atau "
    "pilih tanggal lain."
)
TOO_LONG = N_("Rentang paling panjang {days} hari (dua tahun). Pilih rentang yang lebih pendek.")
UNKNOWN_URGENCY = N_("Pilih salah satu dari empat tingkat urgensi.")


@dataclass(frozen=True, slots=True)
class Problem:
    """A message id and its values, translated when the page is rendered."""

    msgid: str
    values: Mapping[str, object] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class PeriodForm:
    """What was typed (shown again as typed), and the period when it made sense."""

    first: str
    last: str
    urgency: str
    problems: Mapping[str, Problem]  # by field name: "from", "to", "urgency"
    period: Period | None
    urgency_code: Urgency | None

    @property
    def valid(self) -> bool:
        return not self.problems


def _date(text: str) -> date | Problem:
    try:
        day = date.fromisoformat(text)
    except ValueError:
        return Problem(BAD_DATE, {"example": "2026-11-23"})
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        return Problem(OUT_OF_RANGE, {"first": FIRST_YEAR, "last": LAST_YEAR})
    return day


def read_period_form(query: Mapping[str, str], today: date) -> PeriodForm:
    """`from` and `to` (YYYY-MM-DD, both optional: the last 12 weeks) and `urgency`."""
    fallback = default_period(today)
    typed = {name: query.get(name, "").strip() for name in ("from", "to", "urgency")}
    days = {
        "from": _date(typed["from"]) if typed["from"] else fallback.first,
        "to": _date(typed["to"]) if typed["to"] else fallback.last,
    }
    problems = {name: value for name, value in days.items() if isinstance(value, Problem)}
    period = None
    first, last = days["from"], days["to"]
    if isinstance(first, date) and isinstance(last, date):
        problem = period_problem(first, last)
        if problem is PeriodProblem.WRONG_ORDER:
            problems["to"] = Problem(WRONG_ORDER, {"first": first, "last": last})
        elif problem is PeriodProblem.TOO_LONG:
            problems["to"] = Problem(TOO_LONG, {"days": MAX_DAYS})
        else:
            period = Period(first, last)
    urgency = typed["urgency"]
    if urgency and urgency not in Urgency.__members__:
        problems["urgency"] = Problem(UNKNOWN_URGENCY)
    return PeriodForm(
        first=typed["from"] or fallback.first.isoformat(),
        last=typed["to"] or fallback.last.isoformat(),
        urgency=urgency,
        problems=problems,
        period=period if not problems else None,
        urgency_code=Urgency(urgency) if urgency in Urgency.__members__ else None,
    )
