"""The period's case rows gathered into every grouping of the dashboard in one pass. No I/O.

A row is a case's codes and times only (see `CaseRow`). Each grouping keeps, per key, the
counts that are summed (cases, cases still waiting for each step, deadlines decided and
breached per measure) packed into one integer, and the times of each step; provinces and the
whole come from kabupaten/kota and urgencies by adding those up, not from the rows again.
Times are sorted only for the groups whose figures are shown, and for the parts of a whole
(whose own sort then merges sorted runs). SQLite has no percentiles in SQL: this is its path;
PostgreSQL summarises in SQL (`summaries.py`) and gives the same figures.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any, NamedTuple, Protocol, TypeVar

from triage.domain.rules.model import SlaTargets
from triage.domain.stats import Spread, spread
from triage.services.dashboard.model import MEASURES, Figures, Tally, TimeFigure

K = TypeVar("K", bound=Hashable)

# The packed counts: ten fields of 40 bits (a group of up to a trillion cases).
_BITS = 40
_MASK = (1 << _BITS) - 1
_CASES, _WAITING, _DECIDED, _BREACHED = 0, 1, 4, 7  # first field of each; three per measure
ONE_CASE = 1 << (_CASES * _BITS)


def _unit(field_index: int) -> int:
    return 1 << (field_index * _BITS)


class CaseRow(NamedTuple):
    """One case received in the period, as the dashboard's query returns it.

    Times are seconds from arrival to each step (None: not done). `deadlines` are its
    first-step breach deadlines, counted by SQL: decided and breached for accept, first
    contact and closure, `SQL_BITS` bits each in the order of `Deadlines` (0 when it has none,
    as a case from before the deadlines were kept; `CROWDED` when a count might not fit).
    """

    id: int
    urgency: str
    kabkota_code: str | None
    worker_id: int | None
    week: int  # index of the period's week holding its arrival
    is_open: bool
    accept: float | None
    first_contact: float | None
    closure: float | None
    deadlines: int


# A case's six deadline counts as SQL packs them into one 64-bit integer: a count fits while
# the case has fewer than 2 ** SQL_BITS first-step deadlines, else SQL gives CROWDED instead.
SQL_BITS = 10
CROWDED = -1

Deadlines = tuple[int, int, int, int, int, int]


@dataclass(slots=True)
class Group:
    """The cases of one urgency, region, worker or week, or all of them: their packed counts,
    and the seconds each step took, one list per measure (floats only: nothing the cyclic
    garbage collector must walk, however many cases there are)."""

    counts: int = 0  # packed, see _BITS
    times: tuple[list[float], list[float], list[float]] = field(
        default_factory=lambda: ([], [], [])
    )

    def _field(self, index: int) -> int:
        return (self.counts >> (index * _BITS)) & _MASK

    @property
    def cases(self) -> int:
        return self._field(_CASES)

    def tally(self, measure: int) -> Tally:
        return Tally(self._field(_DECIDED + measure), self._field(_BREACHED + measure))

    @property
    def all_deadlines(self) -> Tally:
        return Tally(
            sum(self._field(_DECIDED + m) for m in range(3)),
            sum(self._field(_BREACHED + m) for m in range(3)),
        )

    def absorb(self, other: Group) -> None:
        """Adds `other` in. Its times are sorted first (in place, their order means nothing):
        sorting runs already sorted merely merges them, and `other` is shown sorted anyway."""
        self.counts += other.counts
        for mine, theirs in zip(self.times, other.times, strict=True):
            theirs.sort()
            mine.extend(theirs)

    def figures(self, targets: SlaTargets | None = None) -> Figures:
        """Response times against `targets` (None for a mix of urgencies) and deadline tallies."""
        wanted = target_times(targets)
        return Figures(
            self.cases,
            {
                measure: _time_figure(self.times[m], self._field(_WAITING + m), wanted[m])
                for m, measure in enumerate(MEASURES)
            },
            {measure: self.tally(m) for m, measure in enumerate(MEASURES)},
        )


def _new(groups: dict[Any, Group], key: Any) -> Group:
    group = groups[key] = Group()
    return group


EMPTY = Group()  # read only: for keys with no case in the period


def target_times(targets: SlaTargets | None) -> tuple[timedelta | None, ...]:
    """The targets in MEASURES' order (None each for a mix of urgencies)."""
    if targets is None:
        return (None, None, None)
    return (targets.accept, targets.first_contact, targets.closure)


def time_figure(result: Spread, waiting: int, target: timedelta | None) -> TimeFigure:
    """A measure's figure, its median and 90th percentile in whole seconds."""
    return TimeFigure(result.count, waiting, _span(result.median), _span(result.p90), target)


def _span(seconds: float | None) -> timedelta | None:
    return None if seconds is None else timedelta(seconds=round(seconds))


def _time_figure(values: list[float], waiting: int, target: timedelta | None) -> TimeFigure:
    return time_figure(spread(values), waiting, target)


class Summarised(Protocol):
    """A group as the rankings read it: gathered here, or summarised by the database."""

    @property
    def cases(self) -> int: ...

    @property
    def all_deadlines(self) -> Tally: ...

    def figures(self, targets: SlaTargets | None = None) -> Figures: ...


@dataclass(frozen=True, slots=True)
class RowGroups:
    """Every grouping the dashboard shows, each key with its group."""

    overall: Summarised
    urgencies: Mapping[str, Summarised]
    provinces: Mapping[str | None, Summarised]
    kabkota: Mapping[str | None, Summarised]
    workers: Mapping[int | None, Summarised]
    weeks: Mapping[int, Summarised]


_WAITING_UNITS = (_unit(_WAITING), _unit(_WAITING + 1), _unit(_WAITING + 2))
_DEADLINE_UNITS = tuple(
    unit for m in range(3) for unit in (_unit(_DECIDED + m), _unit(_BREACHED + m))
)  # in the order of Deadlines


def packed_deadlines(deadlines: Deadlines) -> int:
    """A case's deadline tallies as its contribution to the packed counts."""
    accept_decided, accept_breached, contact_decided, contact_breached, *closure = deadlines
    units = _DEADLINE_UNITS
    return (
        accept_decided * units[0]
        + accept_breached * units[1]
        + contact_decided * units[2]
        + contact_breached * units[3]
        + closure[0] * units[4]
        + closure[1] * units[5]
    )


def widened(counts: int) -> int:
    """A case's deadline counts packed by SQL (`SQL_BITS` each) as its contribution to the
    packed counts here."""
    mask = (1 << SQL_BITS) - 1
    return sum(((counts >> (SQL_BITS * n)) & mask) * unit for n, unit in enumerate(_DEADLINE_UNITS))


def gather(rows: Iterable[CaseRow], crowded: Mapping[int, int]) -> RowGroups:
    """All groupings of the rows, in one pass over them. `crowded`: the deadline tallies of
    the cases whose row has CROWDED instead, by id, packed (`packed_deadlines`)."""
    # Keyed by urgency, kabupaten/kota code, worker id and week index.
    urgencies: dict[Any, Group] = {}
    kabkota: dict[Any, Group] = {}
    workers: dict[Any, Group] = {}
    weeks: dict[Any, Group] = {}
    waiting_accept, waiting_contact, waiting_closure = _WAITING_UNITS
    wide = {CROWDED: 0}  # SQL's packed counts widened: a few distinct values recur
    for row in rows:
        case_id, urgency, kabkota_code, worker, week, is_open, accept, contact, closure, sql = row
        counts = wide.get(sql)
        if counts is None:
            counts = wide[sql] = widened(sql)
        counts += ONE_CASE + (crowded[case_id] if sql == CROWDED else 0)
        if is_open:
            counts += (
                (waiting_accept if accept is None else 0)
                + (waiting_contact if contact is None else 0)
                + (waiting_closure if closure is None else 0)
            )
        # A clock set back can record a step a moment before the report: no time.
        if accept is not None and accept <= 0:
            accept = 0.0
        if contact is not None and contact <= 0:
            contact = 0.0
        if closure is not None and closure <= 0:
            closure = 0.0
        for group in (
            urgencies.get(urgency) or _new(urgencies, urgency),
            kabkota.get(kabkota_code) or _new(kabkota, kabkota_code),
            workers.get(worker) or _new(workers, worker),
            weeks.get(week) or _new(weeks, week),
        ):
            group.counts += counts
            accepts, contacts, closures = group.times
            if accept is not None:
                accepts.append(accept)
            if contact is not None:
                contacts.append(contact)
            if closure is not None:
                closures.append(closure)
    return RowGroups(
        overall=_rolled_up(urgencies.values()),
        urgencies=urgencies,
        provinces=_provinces(kabkota),
        kabkota=kabkota,
        workers=workers,
        weeks=weeks,
    )


def province_of(kabkota_code: str | None) -> str | None:
    return None if kabkota_code is None else kabkota_code.split(".", 1)[0]


def _rolled_up(groups: Iterable[Group]) -> Group:
    whole = Group()
    for group in groups:
        whole.absorb(group)
    return whole


def _provinces(kabkota: Mapping[str | None, Group]) -> dict[str | None, Group]:
    members: dict[str | None, list[Group]] = {}
    for code, group in kabkota.items():
        members.setdefault(province_of(code), []).append(group)
    return {code: _rolled_up(groups) for code, groups in members.items()}
