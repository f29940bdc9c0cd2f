"""The dashboard's one-pass figures (weeks counted in SQL, every grouping gathered at once)
agree exactly with a plain computation: each case and its deadline rows read as objects,
times subtracted in Python, each group's times sorted and interpolated on their own.

Random cases over and around the period: week starts to the second, steps recorded before the
report (a clock set back), several generations of deadlines, cases with no place or holder.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import select

from tests.support.deps import default_rules, make_deps
from tests.triage.services.dashboard.seed import NOW
from triage.domain.case import OPEN_STATUSES, CaseStatus
from triage.domain.model import Urgency
from triage.domain.period import Period
from triage.domain.rules.model import SlaTargets
from triage.domain.stats import percentile
from triage.domain.timezones import WIB
from triage.services.dashboard.model import MEASURES, Dashboard, Figures, Tally, TimeFigure
from triage.services.dashboard.overview import dashboard
from triage.services.dashboard.row_groups import SQL_BITS
from triage.services.staff.accounts import StaffIdentity
from triage.storage.tables import Deadline, Report, Worker
from triage.storage.uow import UnitOfWorkFactory

ADMIN = StaffIdentity(1, "admin", "admin")
JABAR = StaffIdentity(2, "spv.jabar", "supervisor", ("32", "31.74"))
REGIONS = ["32.73", "32.04", "32.01", "31.74", "31.71", "35.78", "33.74", None]
KINDS = ("accept_breach", "contact_breach", "closure_breach")
MIN = timedelta(minutes=1)


@dataclass(frozen=True)
class Fact:
    """One case as the plain computation sees it."""

    urgency: str
    kabkota: str | None
    worker: int | None
    received: datetime
    times: tuple[float | None, ...]
    decided: tuple[int, ...]
    breached: tuple[int, ...]
    is_open: bool


def _moment(rng: random.Random, period: Period, zone: tzinfo) -> datetime:
    """Inside the period mostly, now and then just outside it or right on a week's start."""
    first = datetime.combine(period.first, time(), tzinfo=zone)
    roll = rng.random()
    if roll < 0.1:  # a week's first instant, or the instant before it
        monday = rng.choice(period.weeks())
        start = datetime.combine(monday, time(), tzinfo=zone)
        return (start - timedelta(microseconds=rng.choice((0, 1)))).astimezone(UTC)
    span = (period.last - period.first).days + 3
    return (first + timedelta(seconds=rng.uniform(-86400, span * 86400))).astimezone(UTC)


def _step(rng: random.Random, received: datetime, previous: datetime | None) -> datetime | None:
    if previous is None or rng.random() < 0.3:
        return None
    # Whole minutes after the report, now and then one before it (a clock set back).
    return received + MIN * rng.choice((-1, *range(0, 3000, 7)))


async def seed(
    uow_factory: UnitOfWorkFactory, rng: random.Random, period: Period, zone: tzinfo
) -> None:
    async with uow_factory() as uow:
        workers = [Worker(name=f"Petugas {n}", created_at=NOW, updated_at=NOW) for n in range(6)]
        uow.session.add_all(workers)
        await uow.session.flush()
        for number in range(rng.randint(150, 300)):
            received = _moment(rng, period, zone)
            accepted = _step(rng, received, received)
            contacted = _step(rng, received, accepted)
            closed = _step(rng, received, contacted)
            report = Report(
                reference=f"LS-AGREE-{number:05d}", received_at=received,
                reporter_chat_id=8_000_000_000 + number, description="acak",
                kabkota_code=rng.choice(REGIONS), urgency=rng.choice(list(Urgency)).value,
                status=rng.choice(list(CaseStatus)).value,
                assigned_worker_id=rng.choice([*(w.id for w in workers), None]),
                accepted_at=accepted, first_contact_at=contacted, closed_at=closed,
            )  # fmt: skip
            uow.session.add(report)
            await uow.session.flush()
            assert report.id is not None
            uow.session.add_all(_deadlines(rng, report.reference, report.id))
        await uow.commit()


def _deadlines(rng: random.Random, reference: str, report_id: int) -> list[Deadline]:
    rows = []
    for kind in KINDS:
        for generation in range(rng.choice((0, 1, 1, 1, 2))):
            for level in (0, 1, 2):  # only level 1 counts; 0 and 2 must be left out
                status = rng.choice(("pending", "fired", "cancelled"))
                due = NOW + timedelta(hours=rng.choice((-5, -1, 1, 5)))
                rows.append(Deadline(
                    key=f"{reference}:{kind}:g{generation}:l{level}", report_id=report_id,
                    kind=kind, due_at=due, status=status,
                ))  # fmt: skip
    return rows


async def plain_facts(uow_factory: UnitOfWorkFactory, keep: Callable[[Report], bool]) -> list[Fact]:
    open_statuses = {status.value for status in OPEN_STATUSES}
    async with uow_factory() as uow:
        reports = [r for r in (await uow.session.exec(select(Report))).all() if keep(r)]
        deadlines = (await uow.session.exec(select(Deadline))).all()
    by_case: dict[int, list[Deadline]] = defaultdict(list)
    for row in deadlines:
        if row.key.endswith(":l1") and row.kind in KINDS:
            by_case[row.report_id or 0].append(row)
    facts = []
    for report in reports:
        steps = (report.accepted_at, report.first_contact_at, report.closed_at)
        rows = by_case[report.id or 0]
        facts.append(Fact(
            report.urgency, report.kabkota_code, report.assigned_worker_id, report.received_at,
            tuple(None if at is None else (at - report.received_at).total_seconds() for at in steps),
            tuple(sum(1 for d in rows if d.kind == k and _decided(d)) for k in KINDS),
            tuple(sum(1 for d in rows if d.kind == k and _breached(d)) for k in KINDS),
            report.status in open_statuses,
        ))  # fmt: skip
    return facts


def _decided(row: Deadline) -> bool:
    return row.status != "pending" or row.due_at <= NOW


def _breached(row: Deadline) -> bool:
    return row.status == "fired" or (row.status == "pending" and row.due_at <= NOW)


def _span(seconds: float | None) -> timedelta | None:
    return None if seconds is None else timedelta(seconds=round(seconds))


def plain_figures(facts: list[Fact], targets: SlaTargets | None) -> Figures:
    wanted = (None, None, None) if targets is None else (
        targets.accept, targets.first_contact, targets.closure)  # fmt: skip
    times, deadlines = {}, {}
    for m, measure in enumerate(MEASURES):
        values = [max(f.times[m], 0.0) for f in facts if f.times[m] is not None]  # type: ignore[type-var]
        waiting = sum(1 for f in facts if f.times[m] is None and f.is_open)
        times[measure] = TimeFigure(
            len(values), waiting, _span(percentile(values, 0.5)), _span(percentile(values, 0.9)),
            wanted[m],
        )  # fmt: skip
        deadlines[measure] = Tally(
            sum(f.decided[m] for f in facts), sum(f.breached[m] for f in facts)
        )
    return Figures(len(facts), times, deadlines)


def by(facts: Iterable[Fact], key: Callable[[Fact], Hashable]) -> dict[Hashable, list[Fact]]:
    groups: dict[Hashable, list[Fact]] = defaultdict(list)
    for fact in facts:
        groups[key(fact)].append(fact)
    return groups


def assert_agree(
    result: Dashboard, facts: list[Fact], period: Period, zone: tzinfo, targets: SlaTargets | None
) -> None:
    rules = default_rules()
    assert result.overall == plain_figures(facts, targets)
    urgencies = by(facts, lambda f: f.urgency)
    for code, figures in result.by_urgency:
        assert figures == plain_figures(urgencies.get(code, []), rules.sla[Urgency(code)]), code
    provinces = by(facts, lambda f: f.kabkota and f.kabkota.split(".")[0])
    for row in result.provinces.rows:
        assert row.figures == plain_figures(provinces.get(row.code, []), targets), row.code
    kabkota = by(facts, lambda f: f.kabkota)
    for row in result.kabkota.rows:
        assert row.figures == plain_figures(kabkota.get(row.code, []), targets), row.code
    workers = by(facts, lambda f: f.worker)
    for worker in result.workers.rows:
        assert worker.figures == plain_figures(workers.get(worker.worker_id, []), targets)
    weeks = by(facts, lambda f: period.week_of(f.received.astimezone(zone).date()))
    assert [w.monday for w in result.weeks] == list(period.weeks())
    for index, week in enumerate(result.weeks):
        assert week.figures == plain_figures(weeks.get(index, []), targets), week.monday


def in_scope(
    viewer: StaffIdentity, urgency: Urgency | None, start: datetime, end: datetime
) -> Callable[[Report], bool]:
    def keep(report: Report) -> bool:
        if not start <= report.received_at < end:
            return False
        if urgency is not None and report.urgency != urgency.value:
            return False
        if viewer.role == "admin":
            return True
        code = report.kabkota_code or ""
        return any(code == r or code.startswith(r + ".") for r in viewer.region_codes)

    return keep


CASES = [
    (seed_number, zone, period, viewer, urgency)
    for seed_number, zone, period, viewer, urgency in (
        (1, WIB, Period(date(2026, 9, 1), date(2026, 11, 22)), ADMIN, None),
        (2, WIB, Period(date(2026, 10, 7), date(2026, 11, 19)), JABAR, None),
        (3, WIB, Period(date(2026, 8, 31), date(2026, 11, 23)), ADMIN, Urgency.SEDANG),
        # Daylight saving ends inside the period: weeks are not all seven days long in UTC.
        (4, ZoneInfo("Europe/Berlin"), Period(date(2026, 10, 5), date(2026, 11, 15)), ADMIN, None),
    )
]


@pytest.mark.parametrize(("seed_number", "zone", "period", "viewer", "urgency"), CASES)
async def test_the_one_pass_figures_agree_with_a_plain_computation(
    uow_factory: UnitOfWorkFactory, seed_number: int, zone: tzinfo, period: Period,
    viewer: StaffIdentity, urgency: Urgency | None,
) -> None:  # fmt: skip
    rng = random.Random(seed_number)
    await seed(uow_factory, rng, period, zone)
    deps = make_deps(uow_factory)

    result = await dashboard(deps, viewer, period, zone, urgency=urgency, minimum=1, now=NOW)

    start, end = period.bounds(zone)
    facts = await plain_facts(uow_factory, in_scope(viewer, urgency, start, end))
    assert result.overall.cases == len(facts) > 20
    targets = deps.rules.sla[urgency] if urgency is not None else None
    assert_agree(result, facts, period, zone, targets)


async def test_a_case_with_more_deadlines_than_a_packed_count_holds_is_counted_exactly(
    uow_factory: UnitOfWorkFactory,
) -> None:
    """SQL packs a case's deadline counts in SQL_BITS bits each; a case with more first-step
    deadlines than that holds is counted by a query of its own, beside the others."""
    period = Period(date(2026, 9, 1), date(2026, 11, 22))
    await seed(uow_factory, random.Random(5), period, WIB)
    received = datetime(2026, 10, 1, 3, tzinfo=UTC)
    async with uow_factory() as uow:
        crowded = Report(
            reference="LS-AGREE-CROWDED", received_at=received, reporter_chat_id=8_100_000_000,
            description="acak", kabkota_code="32.73", urgency=Urgency.TINGGI.value,
            status=CaseStatus.ACCEPTED.value, accepted_at=received + MIN,
        )  # fmt: skip
        uow.session.add(crowded)
        await uow.session.flush()
        assert crowded.id is not None
        deadlines = [
            Deadline(
                key=f"LS-AGREE-CROWDED:{kind}:g{generation}:l1",
                report_id=crowded.id,
                kind=kind,
                due_at=NOW - timedelta(hours=1),
                status=("fired", "cancelled")[generation % 2],
            )
            for kind in ("accept_breach", "contact_breach")
            for generation in range(1 << SQL_BITS if kind == "accept_breach" else 3)
        ]
        uow.session.add_all(deadlines)
        await uow.commit()
    deps = make_deps(uow_factory)

    result = await dashboard(deps, ADMIN, period, WIB, minimum=1, now=NOW)

    start, end = period.bounds(WIB)
    facts = await plain_facts(uow_factory, in_scope(ADMIN, None, start, end))
    assert result.overall.deadlines[MEASURES[0]].decided >= 1 << SQL_BITS
    assert_agree(result, facts, period, WIB, None)
