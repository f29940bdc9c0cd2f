"""The dashboard's charts, built from its figures; each one's numbers are in a table beside it."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta

from markupsafe import Markup

from admin.presentation.charts.bars import Bar, BarGroup, Reference, bar_chart
from admin.presentation.charts.patterns import Fill
from admin.presentation.charts.weekly import Column, Series, column_chart, line_chart
from admin.presentation.dashboard import DashboardWords
from admin.presentation.reports import STATUS_LABELS
from triage.domain.case import OPEN_STATUSES
from triage.i18n import N_
from triage.services.dashboard.model import Dashboard, Measure, TimeFigure

SEE_TABLE = N_("Angka lengkapnya ada di tabel di sebelah grafik ini.")
OPEN_BY_URGENCY = N_("Kasus terbuka menurut urgensi")
OPEN_BY_STATUS = N_("Kasus terbuka menurut status")
TIMES_TITLE = N_("{measure}: median dan persentil ke-90 dibanding target")
BREACHES_TITLE = N_("Batas waktu yang terlewati menurut urgensi")
RECEIVED_TITLE = N_("Laporan masuk per minggu")
WEEKLY_BREACHES_TITLE = N_("Batas waktu yang terlewati per minggu")
MEDIAN, P90, TARGET = N_("Median"), N_("Persentil ke-90"), N_("Target")
NOT_YET = N_("belum ada")
FILLS = {Measure.ACCEPT: Fill.SOLID, Measure.FIRST_CONTACT: Fill.HATCH, Measure.CLOSURE: Fill.DOTS}
LINES = {
    Measure.ACCEPT: (None, "circle"),
    Measure.FIRST_CONTACT: ("7 4", "square"),
    Measure.CLOSURE: ("2 3", "triangle"),
}
MAX_PERCENT = 400.0  # of the target; longer bars end in an arrow


def _count_bars(
    words: DashboardWords, prefix: str, title: str, items: Sequence[tuple[str, int]]
) -> Markup:
    groups = [BarGroup(label, (Bar(value, words.number(value)),)) for label, value in items]
    top = max((value for _, value in items), default=0)
    return bar_chart(prefix, words._(title), words._(SEE_TABLE), groups, scale_max=max(top, 1))


def open_by_urgency(result: Dashboard, words: DashboardWords) -> Markup:
    items = [
        (words.urgency(urgency), sum(result.open_now.get(urgency, {}).values()))
        for urgency, _ in result.by_urgency
    ]
    return _count_bars(words, "chart-open-urgency", OPEN_BY_URGENCY, items)


def open_statuses(result: Dashboard) -> list[str]:
    """The open statuses in their order along a case's progress (as stored codes)."""
    return [status.value for status in OPEN_STATUSES if status in STATUS_LABELS]


def open_by_status(result: Dashboard, words: DashboardWords) -> Markup:
    items = [
        (words.status(status), sum(row.get(status, 0) for row in result.open_now.values()))
        for status in open_statuses(result)
    ]
    return _count_bars(words, "chart-open-status", OPEN_BY_STATUS, items)


def _percent_of_target(value: timedelta | None, target: timedelta | None) -> float | None:
    if value is None or target is None or not target:
        return None
    return 100 * value / target


def _time_bar(
    words: DashboardWords, figure: TimeFigure, value: timedelta | None, fill: Fill
) -> Bar:
    label = words.duration(value) if value is not None else words._(NOT_YET)
    return Bar(_percent_of_target(value, figure.target), label, fill)


def response_times(result: Dashboard, words: DashboardWords, measure: Measure) -> Markup:
    """Median (solid) and 90th percentile (hatched) per urgency, as a share of its target."""
    groups, longest = [], 100.0
    for urgency, figures in result.by_urgency:
        figure = figures.times[measure]
        median = _time_bar(words, figure, figure.median, Fill.SOLID)
        p90 = _time_bar(words, figure, figure.p90, Fill.HATCH)
        longest = max([longest, *(b.value for b in (median, p90) if b.value is not None)])
        groups.append(BarGroup(words.urgency(urgency), (median, p90)))
    scale = min(MAX_PERCENT, max(200.0, math.ceil(longest / 100) * 100))
    return bar_chart(
        f"chart-times-{measure.value}",
        words._(TIMES_TITLE, measure=words.measure(measure)),
        words._(SEE_TABLE),
        groups,
        scale_max=scale,
        reference=Reference(100.0, words._(TARGET)),
        legend=[(Fill.SOLID, words._(MEDIAN)), (Fill.HATCH, words._(P90))],
    )


def breaches(result: Dashboard, words: DashboardWords) -> Markup:
    """Per urgency, the share of each kind of deadline breached."""
    groups = []
    for urgency, figures in result.by_urgency:
        bars = tuple(
            Bar(
                None if (share := tally.share) is None else 100 * share,
                words.percent(tally.share),
                FILLS[measure],
            )
            for measure, tally in figures.deadlines.items()
        )
        groups.append(BarGroup(words.urgency(urgency), bars))
    legend = [(FILLS[m], words.deadline_short(m)) for m in Measure]
    return bar_chart(
        "chart-breaches", words._(BREACHES_TITLE), words._(SEE_TABLE), groups,
        scale_max=100.0, legend=legend,
    )  # fmt: skip


def weekly_received(result: Dashboard, words: DashboardWords) -> Markup:
    columns = [
        Column(words.week(week.monday), week.figures.cases, words.number(week.figures.cases))
        for week in result.weeks
    ]
    return column_chart(
        "chart-weekly-received", words._(RECEIVED_TITLE), words._(SEE_TABLE), columns
    )


def weekly_breaches(result: Dashboard, words: DashboardWords) -> Markup:
    series = [
        Series(
            words.deadline_short(measure),
            tuple(
                None if (s := week.figures.deadlines[measure].share) is None else 100 * s
                for week in result.weeks
            ),
            dash=LINES[measure][0],
            marker=LINES[measure][1],
        )
        for measure in Measure
    ]
    ticks = [(value, words.percent(value / 100)) for value in (0.0, 50.0, 100.0)]
    return line_chart(
        "chart-weekly-breaches", words._(WEEKLY_BREACHES_TITLE), words._(SEE_TABLE),
        [words.week(week.monday) for week in result.weeks], series, y_max=100.0, y_ticks=ticks,
    )  # fmt: skip


@dataclass(frozen=True, slots=True)
class Chart:
    """A chart and its visible title (the SVG carries the same title for screen readers)."""

    title: str
    svg: Markup


def all_charts(result: Dashboard, words: DashboardWords) -> dict[str, Chart]:
    times = {
        f"times_{m.value}": Chart(
            words._(TIMES_TITLE, measure=words.measure(m)), response_times(result, words, m)
        )
        for m in Measure
    }
    return {
        "open_urgency": Chart(words._(OPEN_BY_URGENCY), open_by_urgency(result, words)),
        "open_status": Chart(words._(OPEN_BY_STATUS), open_by_status(result, words)),
        **times,
        "breaches": Chart(words._(BREACHES_TITLE), breaches(result, words)),
        "weekly_received": Chart(words._(RECEIVED_TITLE), weekly_received(result, words)),
        "weekly_breaches": Chart(words._(WEEKLY_BREACHES_TITLE), weekly_breaches(result, words)),
    }
