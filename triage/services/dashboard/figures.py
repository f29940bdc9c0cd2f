"""From grouped case rows to the dashboard's rankings and weekly rows. No I/O.

Percentiles are the costly part, so a ranking is ordered by cheap sums (deadlines breached,
open cases) and percentiles are computed only for the rows that will be shown.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from datetime import date
from typing import Any, NamedTuple, TypeVar

from triage.domain.disclosure import enough, shown_count
from triage.domain.rules.model import SlaTargets
from triage.services.dashboard.model import Ranked, RegionRow, WeekRow, WorkerRow
from triage.services.dashboard.row_groups import EMPTY, Summarised

K = TypeVar("K", bound=Hashable)


class OpenGroup(NamedTuple):
    """Open cases now sharing an urgency, status, kabupaten/kota and holder."""

    urgency: str
    status: str
    kabkota_code: str | None
    worker_id: int | None
    cases: int


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
    cases: Mapping[str | None, Summarised],
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
        members = cases.get(code, EMPTY)
        ranked = enough(members.cases, minimum)
        share = members.all_deadlines.share if ranked else None
        key = (not ranked, -(share if share is not None else -1.0), -members.cases, code or "~")
        order.append((key, code))
    rows = []
    for code in _first(order, limit):
        members = cases.get(code, EMPTY)
        rows.append(
            RegionRow(
                code,
                shown_count(members.cases, minimum),
                shown_count(open_now.get(code, 0), minimum),
                members.figures(targets) if enough(members.cases, minimum) else None,
            )
        )
    return Ranked(tuple(rows), len(order))


def worker_rows(
    cases: Mapping[int | None, Summarised],
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
        members = cases.get(worker, EMPTY)
        rows.append(
            WorkerRow(
                worker,
                names.get(worker) if worker is not None else None,
                open_now.get(worker, 0),
                dict(by_urgency.get(worker, {})),
                shown_count(members.cases, minimum),
                members.figures(targets) if enough(members.cases, minimum) else None,
            )
        )
    return Ranked(tuple(rows), len(order))


def week_rows(
    mondays: Sequence[date], weeks: Mapping[int, Summarised], targets: SlaTargets | None = None
) -> tuple[WeekRow, ...]:
    """Every week of the period (its Mondays, oldest first), empty ones included."""
    return tuple(
        WeekRow(monday, weeks.get(index, EMPTY).figures(targets))
        for index, monday in enumerate(mondays)
    )
