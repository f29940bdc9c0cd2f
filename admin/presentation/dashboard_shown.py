"""The dashboard's charts and tables, made once per kept dashboard and language.

The service gives the same `Dashboard` object again while its figures are valid
(`triage/services/dashboard/kept.py`); its charts and tables depend only on it and the page's
words (language, zone, region names), so a repeated view reuses them instead of drawing every
chart and table again. A new dashboard (the data or the clock moved on) is another object, so
its charts are made anew. Bounded: the least recently used goes first.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass

from admin.presentation.dashboard import DashboardWords
from admin.presentation.dashboard_charts import Chart, all_charts, open_statuses
from admin.presentation.dashboard_tables import TableView, region_table, worker_table
from triage.services.dashboard.kept import DEFAULT_ENTRIES
from triage.services.dashboard.model import Dashboard


@dataclass(frozen=True, slots=True)
class ShownDashboard:
    charts: dict[str, Chart]
    statuses: list[str]
    tables: dict[str, TableView]


def shown(result: Dashboard, words: DashboardWords) -> ShownDashboard:
    """The charts, open statuses and tables of one dashboard in the page's words."""
    return ShownDashboard(
        charts=all_charts(result, words),
        statuses=open_statuses(result),
        tables={
            "provinces": region_table(words, result.provinces),
            "kabkota": region_table(words, result.kabkota),
            "workers": worker_table(words, result.workers),
        },
    )


class ShownDashboards:
    """At most `entries` shown dashboards, by the very `Dashboard` object (held, so its id is
    not reused while kept) and the words."""

    def __init__(self, entries: int = DEFAULT_ENTRIES) -> None:
        self._entries = entries
        self._kept: OrderedDict[tuple[int, DashboardWords], tuple[Dashboard, ShownDashboard]]
        self._kept = OrderedDict()

    def get(self, result: Dashboard, words: DashboardWords) -> ShownDashboard:
        key = (id(result), words)
        entry = self._kept.get(key)
        if entry is None or entry[0] is not result:
            entry = self._kept[key] = (result, shown(result, words))
            while len(self._kept) > self._entries:
                self._kept.popitem(last=False)
        self._kept.move_to_end(key)
        return entry[1]
