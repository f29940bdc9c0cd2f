"""From case facts to the dashboard's figures: groups, percentiles, tallies, rankings. No I/O."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import timedelta, tzinfo
from typing import TypeVar

from triage.domain.disclosure import enough, shown_count
from triage.domain.period import Period
from triage.domain.rules.model import SlaTargets
from triage.domain.stats import spread
from triage.services.dashboard.model import (
    CaseFacts,
    Figures,
    Measure,
    RegionRow,
    Tally,
    TimeFigure,
    WeekRow,
    WorkerRow,
)

K = TypeVar("K", bound=Hashable)


@dataclass(frozen=True, slots=True)
class OpenGroup:
    """Open cases now sharing an urgency, status, kabupaten/kota and holder."""

    urgency: str
    status: str
    kabkota_code: str | None
    worker_id: int | None
    count: int


def _target(targets: SlaTargets | None, measure: Measure) -> timedelta | None:
    if targets is None:
        return None
    return {
        Measure.ACCEPT: targets.accept,
        Measure.FIRST_CONTACT: targets.first_contact,
        Measure.CLOSURE: targets.closure,
    }[measure]


def _span(seconds: float | None) -> timedelta | None:
    return None if seconds is None else timedelta(seconds=round(seconds))


def time_figure(
    cases: Sequence[CaseFacts], measure: Measure, target: timedelta | None
) -> TimeFigure:
    # A clock set back can record a step a moment before the report: count it as no time.
    values = [max(0.0, s) for case in cases if (s := case.seconds.get(measure)) is not None]
    waiting = sum(1 for case in cases if case.is_open and case.seconds.get(measure) is None)
    result = spread(values)
    return TimeFigure(result.count, waiting, _span(result.median), _span(result.p90), target)


def figures(cases: Sequence[CaseFacts], targets: SlaTargets | None = None) -> Figures:
    """Response times against `targets` (None for a mix of urgencies) and deadline tallies."""
    times = {m: time_figure(cases, m, _target(targets, m)) for m in Measure}
    deadlines = {m: sum((c.deadlines.get(m, Tally()) for c in cases), Tally()) for m in Measure}
    return Figures(len(cases), times, deadlines)


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
        counts[key(group)] += group.count
    return dict(counts)


def _worst_first(row: RegionRow) -> tuple[bool, float, int, str]:
    """Regions with figures first, the highest share of breached deadlines leading."""
    breached = row.figures.all_deadlines.share if row.figures else None
    cases = row.figures.cases if row.figures else 0
    return (
        row.figures is None,
        -(breached if breached is not None else -1.0),
        -cases,
        row.code or "~",
    )


def region_rows(
    cases: Mapping[str | None, Sequence[CaseFacts]],
    open_now: Mapping[str | None, int],
    minimum: int,
    targets: SlaTargets | None = None,
) -> tuple[RegionRow, ...]:
    """One row per region with cases in the period or open now, ranked worst first; a region
    with fewer than `minimum` cases shows no figures and its counts as "< minimum"."""
    rows = []
    for code in set(cases) | set(open_now):
        members = cases.get(code, ())
        rows.append(
            RegionRow(
                code,
                shown_count(len(members), minimum),
                shown_count(open_now.get(code, 0), minimum),
                figures(members, targets) if enough(len(members), minimum) else None,
            )
        )
    return tuple(sorted(rows, key=_worst_first))


def worker_rows(
    cases: Mapping[int | None, Sequence[CaseFacts]],
    open_groups: Sequence[OpenGroup],
    names: Mapping[int, str],
    minimum: int,
    targets: SlaTargets | None = None,
) -> tuple[WorkerRow, ...]:
    """One row per holder, most open cases first; cases nobody holds come last."""
    open_now = open_by(open_groups, lambda g: g.worker_id)
    by_urgency: dict[int | None, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for group in open_groups:
        by_urgency[group.worker_id][group.urgency] += group.count
    rows = []
    for worker_id in set(cases) | set(open_now):
        members = cases.get(worker_id, ())
        rows.append(
            WorkerRow(
                worker_id,
                names.get(worker_id) if worker_id is not None else None,
                open_now.get(worker_id, 0),
                dict(by_urgency.get(worker_id, {})),
                shown_count(len(members), minimum),
                figures(members, targets) if enough(len(members), minimum) else None,
            )
        )
    return tuple(
        sorted(
            rows, key=lambda r: (r.worker_id is None, -r.open_now, r.name or "", r.worker_id or 0)
        )
    )


def week_rows(
    period: Period, zone: tzinfo, cases: Sequence[CaseFacts], targets: SlaTargets | None = None
) -> tuple[WeekRow, ...]:
    """Every week of the period, empty ones included, oldest first."""
    weeks = grouped(cases, lambda case: period.week_index(case.received_at, zone))
    return tuple(
        WeekRow(monday, figures(weeks.get(index, []), targets))
        for index, monday in enumerate(period.weeks())
    )
