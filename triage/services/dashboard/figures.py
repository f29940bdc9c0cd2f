"""From case facts to the dashboard's figures: groups, percentiles, tallies, rankings. No I/O.

Percentiles are the costly part, so a ranking is ordered by cheap sums (deadlines breached,
open cases) and percentiles are computed only for the rows that will be shown.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from datetime import timedelta, tzinfo
from typing import Any, NamedTuple, TypeVar

from triage.domain.disclosure import enough, shown_count
from triage.domain.period import Period
from triage.domain.rules.model import SlaTargets
from triage.domain.stats import spread
from triage.services.dashboard.model import (
    MEASURES,
    CaseFacts,
    Figures,
    Ranked,
    RegionRow,
    Tally,
    TimeFigure,
    WeekRow,
    WorkerRow,
)

K = TypeVar("K", bound=Hashable)


class OpenGroup(NamedTuple):
    """Open cases now sharing an urgency, status, kabupaten/kota and holder."""

    urgency: str
    status: str
    kabkota_code: str | None
    worker_id: int | None
    cases: int


def _targets(targets: SlaTargets | None) -> tuple[timedelta | None, ...]:
    if targets is None:
        return (None, None, None)
    return (targets.accept, targets.first_contact, targets.closure)


def _span(seconds: float | None) -> timedelta | None:
    return None if seconds is None else timedelta(seconds=round(seconds))


def _time_figure(values: list[float], waiting: int, target: timedelta | None) -> TimeFigure:
    result = spread(values)
    return TimeFigure(result.count, waiting, _span(result.median), _span(result.p90), target)


def all_deadlines(cases: Sequence[CaseFacts]) -> Tally:
    return Tally(sum(sum(c.decided) for c in cases), sum(sum(c.breached) for c in cases))


def figures(cases: Sequence[CaseFacts], targets: SlaTargets | None = None) -> Figures:
    """Response times against `targets` (None for a mix of urgencies) and deadline tallies.

    One pass over the cases gathers all three measures (a dashboard makes a hundred of these
    over thousands of cases per request).
    """
    values: tuple[list[float], ...] = ([], [], [])
    waiting, decided, breached = [0, 0, 0], [0, 0, 0], [0, 0, 0]
    for case in cases:
        for i in (0, 1, 2):
            seconds = case.seconds[i]
            if seconds is not None:
                # A clock set back can record a step a moment before the report: no time.
                values[i].append(seconds if seconds > 0 else 0.0)
            elif case.is_open:
                waiting[i] += 1
            decided[i] += case.decided[i]
            breached[i] += case.breached[i]
    wanted = _targets(targets)
    return Figures(
        len(cases),
        {m: _time_figure(values[i], waiting[i], wanted[i]) for i, m in enumerate(MEASURES)},
        {m: Tally(decided[i], breached[i]) for i, m in enumerate(MEASURES)},
    )


def grouped(cases: Iterable[CaseFacts], key: Callable[[CaseFacts], K]) -> dict[K, list[CaseFacts]]:
    groups: dict[K, list[CaseFacts]] = defaultdict(list)
    for case in cases:
        groups[key(case)].append(case)
    return dict(groups)


def province_of(kabkota_code: str | None) -> str | None:
    return None if kabkota_code is None else kabkota_code.split(".", 1)[0]


def open_by(groups: Iterable[OpenGroup], key: Callable[[OpenGroup], K]) -> dict[K, int]:
    counts: dict[K, int] = defaultdict(int)
    for group in groups:
        counts[key(group)] += group.cases
    return dict(counts)


def _first(rows: list[tuple[Any, K]], limit: int | None) -> list[K]:
    """The keys of the first `limit` rows (all when None), ordered by each row's sort key."""
    rows.sort(key=lambda row: row[0])
    return [key for _, key in (rows if limit is None else rows[:limit])]


def region_rows(
    cases: Mapping[str | None, Sequence[CaseFacts]],
    open_now: Mapping[str | None, int],
    minimum: int,
    targets: SlaTargets | None = None,
    limit: int | None = None,
) -> Ranked[RegionRow]:
    """Regions with cases in the period or open now, the highest share of deadlines breached
    first; those with fewer than `minimum` cases come last, by code, with no figures and
    their counts shown as "< minimum". At most `limit` rows (None: all)."""
    order: list[tuple[Any, str | None]] = []
    for code in set(cases) | set(open_now):
        members = cases.get(code, ())
        share = all_deadlines(members).share if enough(len(members), minimum) else None
        ranked = enough(len(members), minimum)
        key = (not ranked, -(share if share is not None else -1.0), -len(members), code or "~")
        order.append((key, code))
    rows = []
    for code in _first(order, limit):
        members = cases.get(code, ())
        rows.append(
            RegionRow(
                code,
                shown_count(len(members), minimum),
                shown_count(open_now.get(code, 0), minimum),
                figures(members, targets) if enough(len(members), minimum) else None,
            )
        )
    return Ranked(tuple(rows), len(order))


def worker_rows(
    cases: Mapping[int | None, Sequence[CaseFacts]],
    open_groups: Sequence[OpenGroup],
    names: Mapping[int, str],
    minimum: int,
    targets: SlaTargets | None = None,
    limit: int | None = None,
) -> Ranked[WorkerRow]:
    """Holders with the most open cases first; cases nobody holds come last."""
    open_now = open_by(open_groups, lambda g: g.worker_id)
    by_urgency: dict[int | None, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for group in open_groups:
        by_urgency[group.worker_id][group.urgency] += group.cases
    order: list[tuple[Any, int | None]] = []
    for worker in set(cases) | set(open_now):
        name = names.get(worker, "") if worker is not None else ""
        order.append(((worker is None, -open_now.get(worker, 0), name, worker or 0), worker))
    rows = []
    for worker in _first(order, limit):
        members = cases.get(worker, ())
        rows.append(
            WorkerRow(
                worker,
                names.get(worker) if worker is not None else None,
                open_now.get(worker, 0),
                dict(by_urgency.get(worker, {})),
                shown_count(len(members), minimum),
                figures(members, targets) if enough(len(members), minimum) else None,
            )
        )
    return Ranked(tuple(rows), len(order))


def week_rows(
    period: Period, zone: tzinfo, cases: Sequence[CaseFacts], targets: SlaTargets | None = None
) -> tuple[WeekRow, ...]:
    """Every week of the period, empty ones included, oldest first."""
    weeks = grouped(cases, lambda case: period.week_of(case.received_at.astimezone(zone).date()))
    return tuple(
        WeekRow(monday, figures(weeks.get(index, []), targets))
        for index, monday in enumerate(period.weeks())
    )
