"""The dashboard's charts and tables, made once per kept dashboard and language.

The service gives the same `Dashboard` object again while its figures are valid
(`triage/services/dashboard/kept.py`); its charts, tables and the page's figures section
depend only on it, the page's words (language, zone, region names) and, for the section, the
link to every row, so a repeated view reuses them instead of drawing and rendering them again. A new dashboard (the data or the clock moved on) is another object;
if its figures are those of one already drawn in the same words (a change elsewhere: any
commit touching a case moves the stamp every kept dashboard depends on), that drawing is
taken over, else its charts are made anew. Reuse goes by the figures' value, never by the
viewer: a drawing is only ever shown for figures equal to those it was drawn from. Bounded:
the least recently used goes first.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from markupsafe import Markup

from admin.presentation.dashboard import DashboardWords
from admin.presentation.dashboard_charts import Chart, all_charts, open_statuses
from admin.presentation.dashboard_tables import TableView, region_table, worker_table
from triage.services.common.bounded import BoundedLru
from triage.services.dashboard.kept import DEFAULT_ENTRIES
from triage.services.dashboard.model import Dashboard

SECTION_VARIANTS = 4  # links to every row kept per drawing (the URL is the viewer's to vary)


@dataclass(frozen=True, slots=True)
class ShownDashboard:
    charts: dict[str, Chart]
    statuses: list[str]
    tables: dict[str, TableView]
    sections: BoundedLru[Markup] = field(default_factory=lambda: BoundedLru(SECTION_VARIANTS))

    def section(self, all_rows_url: str | None, render: Callable[[], Markup]) -> Markup:
        """The figures' section of the page, rendered by `render` from this drawing and the
        link to every row (`all_rows_url`, None when every row is shown) alone."""
        return self.sections.get_or_make(all_rows_url, render)


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
        self._kept: BoundedLru[tuple[Dashboard, ShownDashboard]] = BoundedLru(entries)

    def get(self, result: Dashboard, words: DashboardWords) -> ShownDashboard:
        key = (id(result), words)
        entry = self._kept.get(key)
        if entry is None or entry[0] is not result:
            drawn = self._take_over(result, words) or shown(result, words)
            entry = self._kept.put(key, (result, drawn))
        return entry[1]

    def _take_over(self, result: Dashboard, words: DashboardWords) -> ShownDashboard | None:
        """The drawing of equal figures in the same words, moved to `result` (the dashboard it
        was drawn for is stale: the service never gives it again)."""
        for key, (kept, drawn) in self._kept.items():
            if key == (id(kept), words) and kept == result:
                self._kept.pop(key)
                return drawn
        return None

    def clear(self) -> None:
        """Forget every drawing (the benchmark's first view after a change of figures)."""
        self._kept.clear()
