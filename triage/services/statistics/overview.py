"""The statistics use case: reports and children by period × region × harm × age × sex ×
relation × urgency, handling times in partner systems' buckets, workers' load, and the
referrals made by service type and status; every table in the viewer's regions, small
counts hidden with their complements.

Plain data out (`model.py`): the admin page, `lapor-sosial stats` and the partner API show
the same figures.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, time, timedelta, tzinfo
from functools import partial

from sqlalchemy import ColumnElement

from triage.domain.statistics.dimensions import (
    CaseFacts,
    Dimension,
    Granularity,
    fixed_keys,
    key_of,
    period_key,
    period_keys,
    weight,
)
from triage.domain.statistics.handling import BUCKETS, Measure
from triage.domain.statistics.harm import HarmMapping
from triage.domain.statistics.suppression import ProtectedTable, protect, protect_linked
from triage.domain.statistics.tables import CountTable, cross_table
from triage.services.cases.queries import region_scope
from triage.services.common.deps import TriageDeps
from triage.services.staff.accounts import StaffIdentity
from triage.services.statistics.grouped import case_groups
from triage.services.statistics.harm_source import load_harm_mapping
from triage.services.statistics.model import (
    Counted,
    Statistics,
    StatisticsRequest,
    StatTable,
    TableKind,
    Workload,
    WorkloadRow,
)
from triage.services.statistics.query import scope
from triage.services.statistics.referrals import (
    REFERRAL_STATUS,
    SERVICE_TYPE,
    ReferralGroup,
    referral_groups,
    referral_table,
)

MET, MISSED = "met", "missed"


async def statistics(
    deps: TriageDeps,
    viewer: StaffIdentity,
    request: StatisticsRequest,
    zone: tzinfo,
    *,
    minimum: int,
    now: datetime,
    harms: HarmMapping | None = None,
) -> Statistics:
    """Every table of the request over the viewer's regions; days counted in `zone`."""
    return await statistics_within(
        deps,
        partial(scope, viewer),
        region_scope(viewer),
        request,
        zone,
        minimum=minimum,
        now=now,
        harms=harms,
    )


async def statistics_within(
    deps: TriageDeps,
    where: Callable[[datetime, datetime], ColumnElement[bool]],
    regions: ColumnElement[bool],
    request: StatisticsRequest,
    zone: tzinfo,
    *,
    minimum: int,
    now: datetime,
    harms: HarmMapping | None = None,
) -> Statistics:
    """Every table of the request over the reports `where(start, end)` selects for the
    request's [start, end) in `zone`, and the referrals made then on reports of `regions`."""
    harms = harms or load_harm_mapping()
    start = datetime.combine(request.first, time(), tzinfo=zone)
    end = datetime.combine(request.last + timedelta(days=1), time(), tzinfo=zone)
    async with deps.uow() as uow:
        facts = await case_groups(
            uow.session,
            where(start, end),
            first=request.first,
            last=request.last,
            zone=zone,
            harms=harms,
            now=now,
            dimensions=frozenset((request.rows, request.columns)),
        )
        referrals = await referral_groups(uow.session, regions, start, end)
    return tabulate(facts, request, harms, minimum, referrals)


def tabulate(
    facts: Sequence[CaseFacts],
    request: StatisticsRequest,
    harms: HarmMapping,
    minimum: int,
    referrals: Sequence[ReferralGroup] = (),
) -> Statistics:
    """The tables from the reports' facts and the referrals' groups. No I/O.

    Tables with the same rows and row totals (the same reports split two ways: closure and
    first contact always, a whole range's counts often) are protected together, so that a
    total hidden in one is hidden in all (`protect_linked`). The referrals' table shares
    no totals with the others: it is protected alone."""
    counts = _count_tables(facts, request, harms)
    handling = _handling_tables(facts, request, harms)
    workload = _workload_table(facts, request)
    protected = _protect_all([*counts, *handling, workload], minimum)
    tables = [
        draft.published(table)
        for draft, table in zip([*counts, *handling, workload], protected, strict=True)
    ]
    return Statistics(
        request=request,
        minimum=minimum,
        counts=tuple(tables[: len(counts)]),
        handling=tuple(tables[len(counts) : -1]),
        workload=_workload(facts, tables[-1]),
        referrals=_referrals(referrals, minimum),
    )


def _referrals(groups: Sequence[ReferralGroup], minimum: int) -> StatTable:
    table = protect(referral_table(groups), minimum)
    return StatTable(
        TableKind.REFERRALS, SERVICE_TYPE, REFERRAL_STATUS, None, Counted.REFERRALS, table
    )


@dataclass(frozen=True, slots=True)
class _Draft:
    """A table before protection, with what it shows."""

    kind: TableKind
    rows: Dimension
    columns: str
    period: str | None
    counted: Counted
    table: CountTable

    def published(self, table: ProtectedTable) -> StatTable:
        return StatTable(self.kind, self.rows, self.columns, self.period, self.counted, table)


def _protect_all(drafts: Sequence[_Draft], minimum: int) -> list[ProtectedTable]:
    groups: dict[tuple[tuple[str, ...], tuple[int, ...]], list[int]] = {}
    for n, draft in enumerate(drafts):
        groups.setdefault((draft.table.rows, draft.table.row_totals), []).append(n)
    protected: dict[int, ProtectedTable] = {}
    for members in groups.values():
        linked = protect_linked([drafts[n].table for n in members], minimum)
        protected.update(zip(members, linked, strict=True))
    return [protected[n] for n in range(len(drafts))]


def _keys(
    dimension: Dimension, request: StatisticsRequest, harms: HarmMapping
) -> tuple[str, ...] | None:
    if dimension is Dimension.PERIOD:
        return period_keys(request.first, request.last, request.granularity)
    return fixed_keys(dimension, harms.order)


def _key(dimension: Dimension, granularity: Granularity) -> Callable[[CaseFacts], str]:
    return lambda facts: key_of(facts, dimension, granularity)


def _count_tables(
    facts: Sequence[CaseFacts], request: StatisticsRequest, harms: HarmMapping
) -> list[_Draft]:
    """One table per period (month, quarter or year), or a single one when the period is
    itself the rows or the columns."""
    by_period = Dimension.PERIOD in (request.rows, request.columns)
    groups: list[tuple[str | None, list[CaseFacts]]]
    if by_period:
        groups = [(None, list(facts))]
    else:
        members: dict[str, list[CaseFacts]] = {}
        for f in facts:
            members.setdefault(period_key(f.received, request.granularity), []).append(f)
        keys = period_keys(request.first, request.last, request.granularity)
        groups = [(key, members.get(key, [])) for key in keys]
    counted = Counted(request.unit.value)
    return [
        _Draft(
            TableKind.COUNTS,
            request.rows,
            request.columns.value,
            period,
            counted,
            cross_table(
                members,
                _key(request.rows, request.granularity),
                _key(request.columns, request.granularity),
                lambda f: weight(f, request.unit),
                _keys(request.rows, request, harms),
                _keys(request.columns, request, harms),
            ),
        )
        for period, members in groups
    ]


def _handling_tables(
    facts: Sequence[CaseFacts], request: StatisticsRequest, harms: HarmMapping
) -> list[_Draft]:
    """The request's rows × handling-time buckets (reports), and × deadlines met or missed
    (first-step SLA deadlines whose outcome is known), over the whole range."""
    rows = _key(request.rows, request.granularity)
    row_keys = _keys(request.rows, request, harms)
    tables = [
        _Draft(
            TableKind(measure.value),
            request.rows,
            measure.value,
            None,
            Counted.REPORTS,
            cross_table(facts, rows, _bucket_of(measure), _reports, row_keys, BUCKETS[measure]),
        )
        for measure in (Measure.CLOSURE, Measure.FIRST_CONTACT)
    ]
    outcomes = [
        (f, outcome, n)
        for f in facts
        for outcome, n in (
            (MET, f.deadlines_met),
            (MISSED, f.deadlines_decided - f.deadlines_met),
        )
    ]
    deadlines = cross_table(
        outcomes, lambda o: rows(o[0]), lambda o: o[1], lambda o: o[2], row_keys, (MET, MISSED)
    )
    tables.append(
        _Draft(TableKind.DEADLINES, request.rows, "deadlines", None, Counted.DEADLINES, deadlines)
    )
    return tables


def _bucket_of(measure: Measure) -> Callable[[CaseFacts], str]:
    def key(facts: CaseFacts) -> str:
        return facts.closure if measure is Measure.CLOSURE else facts.contact

    return key


def _reports(facts: CaseFacts) -> int:
    return facts.reports


def _held(facts: Sequence[CaseFacts]) -> list[CaseFacts]:
    return [f for f in facts if f.worker_id is not None]


def _month(facts: CaseFacts) -> str:
    return period_key(facts.received, Granularity.MONTH)


def _region(facts: CaseFacts) -> str:
    return key_of(facts, Dimension.KABKOTA, Granularity.MONTH)


def _workload_table(facts: Sequence[CaseFacts], request: StatisticsRequest) -> _Draft:
    """Cases held by a worker per kabupaten/kota and month."""
    months = period_keys(request.first, request.last, Granularity.MONTH)
    table = cross_table(_held(facts), _region, _month, _reports, None, months)
    return _Draft(
        TableKind.WORKLOAD, Dimension.KABKOTA, Dimension.PERIOD.value, None, Counted.REPORTS, table
    )


def _workload(facts: Sequence[CaseFacts], table: StatTable) -> Workload:
    """The protected cases with the workers holding them and cases per worker."""
    workers: dict[tuple[str, str], set[int]] = {}
    for f in _held(facts):
        workers.setdefault((_region(f), _month(f)), set()).add(f.worker_id or 0)
    cases = table.table
    rows = tuple(
        tuple(
            _workload_row(cases, i, j, len(workers.get((row, column), ())))
            for j, column in enumerate(cases.columns)
        )
        for i, row in enumerate(cases.rows)
    )
    return Workload(table, rows)


def _workload_row(cases: ProtectedTable, i: int, j: int, workers: int) -> WorkloadRow:
    entry = cases.cells[i][j]
    if entry.value is None:
        return WorkloadRow(entry, None, None)
    return WorkloadRow(entry, workers, entry.value / workers if workers else None)
