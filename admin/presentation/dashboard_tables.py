"""The dashboard's ranking tables as plain strings, built in Python (hundreds of rows render
fast as text; template macros per cell do not)."""

from __future__ import annotations

from dataclasses import dataclass

from admin.presentation.dashboard import DashboardWords
from triage.services.dashboard.model import MEASURES, Figures, Ranked, RegionRow, Tally, WorkerRow


@dataclass(frozen=True, slots=True)
class Breached:
    share: str  # "40%", or a dash when no deadline is decided yet
    detail: str | None  # "4 dari 10"


@dataclass(frozen=True, slots=True)
class TableRow:
    """One ranking row: a name, its counts, then either its figures or why there are none."""

    name: str
    muted: bool
    counts: tuple[str, ...]
    urgent: int  # open DARURAT cases (workers only; 0 elsewhere)
    breached: Breached | None
    times: tuple[str, ...]  # median and p90 of each measure; empty when `breached` is None


@dataclass(frozen=True, slots=True)
class TableView:
    rows: tuple[TableRow, ...]
    total: int  # rows in the whole ranking (more than shown when it was cut)


def breached(words: DashboardWords, tally: Tally) -> Breached:
    if tally.share is None:
        return Breached(words.percent(None), None)
    return Breached(words.percent(tally.share), words.tally_detail(tally))


def _figure_parts(
    words: DashboardWords, figures: Figures | None
) -> tuple[Breached | None, tuple[str, ...]]:
    if figures is None:
        return None, ()
    times = tuple(
        words.short_duration(value)
        for measure in MEASURES
        for value in (figures.times[measure].median, figures.times[measure].p90)
    )
    return breached(words, figures.all_deadlines), times


def region_table(words: DashboardWords, ranked: Ranked[RegionRow]) -> TableView:
    rows = []
    for row in ranked.rows:
        share, times = _figure_parts(words, row.figures)
        counts = (words.count(row.cases), words.count(row.open_now))
        rows.append(TableRow(words.region(row.code), row.code is None, counts, 0, share, times))
    return TableView(tuple(rows), ranked.total)


def worker_table(words: DashboardWords, ranked: Ranked[WorkerRow]) -> TableView:
    rows = []
    for row in ranked.rows:
        share, times = _figure_parts(words, row.figures)
        counts = (words.number(row.open_now), words.count(row.cases))
        urgent = row.open_by_urgency.get("DARURAT", 0)
        name = words.worker(row.name)
        rows.append(TableRow(name, row.worker_id is None, counts, urgent, share, times))
    return TableView(tuple(rows), ranked.total)
