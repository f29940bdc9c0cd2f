"""How the dashboard and the map say things: durations, shares, hidden small counts, regions,
weeks, urgencies and statuses, in the page's language."""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from zoneinfo import ZoneInfo

from babel.dates import format_date
from babel.numbers import get_decimal_symbol, get_group_symbol

from admin.presentation.case import CaseWords
from admin.presentation.labels import MEASURE_LABELS
from admin.presentation.period_form import Problem
from admin.presentation.reports import STATUS_LABELS, URGENCY_LABELS
from triage.domain.disclosure import ShownCount
from triage.domain.period import Period
from triage.i18n import N_, Translator
from triage.services.dashboard.model import Measure, Tally

NO_DATA = "—"
FEWER_THAN = N_("< {minimum}")
UNKNOWN_PLACE = N_("Lokasi belum diketahui")
NOBODY = N_("Belum dipegang petugas")
TALLY_DETAIL = N_("{breached} dari {decided}")
SHORT_MINUTES = N_("{value} menit")
SHORT_HOURS = N_("{value} jam")
SHORT_DAYS = N_("{value} hari")
HOUR, TWO_DAYS = timedelta(hours=1), timedelta(days=2)
MEASURE_SHORT = {
    Measure.ACCEPT: N_("Diterima"),
    Measure.FIRST_CONTACT: N_("Kontak pertama"),
    Measure.CLOSURE: N_("Ditutup"),
}
DEADLINE_SHORT = {
    Measure.ACCEPT: N_("Batas terima"),
    Measure.FIRST_CONTACT: N_("Batas kontak"),
    Measure.CLOSURE: N_("Batas tutup"),
}


@functools.cache
def _symbols(lang: str) -> dict[int, str]:
    """str.translate table from Python's "," and "." to the locale's group and decimal marks."""
    return str.maketrans({",": get_group_symbol(locale=lang), ".": get_decimal_symbol(locale=lang)})


@dataclass(frozen=True, slots=True)
class DashboardWords:
    """Used by the dashboard's and the map's templates and chart builders."""

    lang: str
    translator: Translator
    zone: ZoneInfo
    region_name: Callable[[str], str | None]

    def _(self, msgid: str, **values: object) -> str:
        return self.translator.text(self.lang, msgid, **values)

    def problem(self, problem: Problem | None) -> str | None:
        return None if problem is None else self._(problem.msgid, **problem.values)

    def duration(self, span: timedelta | None) -> str:
        """ "12 menit", "3 jam 5 menit", "2 hari 3 jam"; a dash when there is none."""
        if span is None:
            return NO_DATA
        return CaseWords(self.lang, self.translator, self.zone, self.region_name).duration(span)

    def short_duration(self, span: timedelta | None) -> str:
        """One unit, for dense tables: "33 menit", "19,7 jam", "4,5 hari"."""
        if span is None:
            return NO_DATA
        if span < HOUR:
            return self._(SHORT_MINUTES, value=self.number(int(span.total_seconds() // 60)))
        unit, msgid = (HOUR, SHORT_HOURS) if span < TWO_DAYS else (timedelta(days=1), SHORT_DAYS)
        return self._(msgid, value=self.tenths(span / unit))

    def number(self, value: int) -> str:
        """1.234 in Indonesian, 1,234 in English (the locale's symbols, read once)."""
        return f"{value:,}".translate(_symbols(self.lang))

    def tenths(self, value: float) -> str:
        """One decimal, none when it is zero: 19,7 and 20 in Indonesian."""
        text = f"{value:,.1f}".removesuffix(".0")
        return text.translate(_symbols(self.lang))

    def percent(self, share: float | None) -> str:
        return NO_DATA if share is None else f"{round(share * 100)}%"

    def tally_detail(self, tally: Tally) -> str:
        """ "4 dari 10": breached deadlines of those whose outcome is known."""
        breached, decided = self.number(tally.breached), self.number(tally.decided)
        return self._(TALLY_DETAIL, breached=breached, decided=decided)

    def count(self, shown: ShownCount) -> str:
        """A count, or "< 5" when it is too small to show."""
        if shown.value is None:
            return self._(FEWER_THAN, minimum=shown.minimum)
        return self.number(shown.value)

    def region(self, code: str | None) -> str:
        if code is None:
            return self._(UNKNOWN_PLACE)
        return self.region_name(code) or code

    def worker(self, name: str | None) -> str:
        return name if name is not None else self._(NOBODY)

    def urgency(self, code: str) -> str:
        return self.translator.label(self.lang, URGENCY_LABELS, code)

    def status(self, code: str) -> str:
        return self.translator.label(self.lang, STATUS_LABELS, code)

    def measure(self, measure: Measure) -> str:
        return self.translator.label(self.lang, MEASURE_LABELS, measure)

    def measure_short(self, measure: Measure) -> str:
        return self.translator.label(self.lang, MEASURE_SHORT, measure)

    def deadline_short(self, measure: Measure) -> str:
        return self.translator.label(self.lang, DEADLINE_SHORT, measure)

    def day(self, day: date) -> str:
        return format_date(day, "d MMM yyyy", locale=self.lang)

    def week(self, monday: date) -> str:
        """The week's Monday, short: "2 Nov"."""
        return format_date(monday, "d MMM", locale=self.lang)

    def period(self, period: Period) -> str:
        return f"{self.day(period.first)} – {self.day(period.last)}"
