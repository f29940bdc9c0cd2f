"""Daily digests at 07:00 local time across WIB/WITA/WIT, and stale-case reminders."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlmodel import col, select

from tests.triage.services.sla.test_sweep import Clock, add_worker, make_deps, submit
from triage.domain.timezones import WIB, WIT, WITA
from triage.services.cases.accept import accept_case
from triage.services.common.deps import TriageDeps
from triage.services.common.events import add_event
from triage.services.sla.digest import digest_day, remind_stale, send_digests, supervisor_zone
from triage.storage.tables import Assignment, OutboxMessage, Report
from triage.storage.uow import UnitOfWorkFactory

SUNDAY_NOON = datetime(2026, 11, 22, 5, 0, tzinfo=UTC)  # 12:00 WIB
H, D = timedelta(hours=1), timedelta(days=1)


@pytest.fixture
def clock() -> Clock:
    return Clock(SUNDAY_NOON)


@pytest.fixture
def deps(uow_factory: UnitOfWorkFactory, clock: Clock) -> TriageDeps:
    return make_deps(uow_factory, clock)


async def messages(uow: UnitOfWorkFactory, prefix: str) -> dict[str, str]:
    async with uow() as unit:
        rows = await unit.session.exec(
            select(OutboxMessage).where(col(OutboxMessage.dedup_key).startswith(prefix))
        )
        return {row.dedup_key: row.text for row in rows}


@pytest.mark.parametrize(
    ("codes", "zone"),
    [(["31.74"], WIB), (["51"], WITA), (["91.71", "31"], WIB), (["94.01"], WIT), ([], WIB)],
)
def test_supervisor_zone(codes: list[str], zone: object) -> None:
    assert supervisor_zone(codes) is zone


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (datetime(2026, 11, 22, 23, 59, tzinfo=UTC), None),  # 06:59 WIB
        (datetime(2026, 11, 23, 0, 0, tzinfo=UTC), date(2026, 11, 23)),  # 07:00 WIB
        (datetime(2026, 11, 23, 11, 59, tzinfo=UTC), date(2026, 11, 23)),  # 18:59 WIB
        (datetime(2026, 11, 23, 12, 0, tzinfo=UTC), None),  # 19:00 WIB: too late for today
    ],
)
def test_digest_day_in_wib(now: datetime, expected: date | None) -> None:
    assert digest_day(now, WIB, 7) == expected


async def test_each_supervisor_gets_one_digest_per_local_day(
    deps: TriageDeps, clock: Clock
) -> None:
    wib = await add_worker(deps.uow, 2001, ["31.74"], "supervisor")
    wita = await add_worker(deps.uow, 2002, ["51"], "supervisor")
    wit = await add_worker(deps.uow, 2003, ["91.71"], "supervisor")
    late = await submit(deps, "31.74")  # DARURAT, never accepted: overdue by Monday
    await submit(deps, "51.71", danger=False)  # RENDAH: accept within 24 h, not yet overdue
    await submit(deps, "91.71")
    # Sunday 22:00 UTC is Monday 05:00 WIB, 06:00 WITA, 07:00 WIT; then an hour at a time.
    schedule = [(17 * H, {wit}), (17.5 * H, set()), (18 * H, {wita}), (19 * H, {wib})]
    for offset, who in schedule:
        clock.now = SUNDAY_NOON + offset
        assert await send_digests(deps) == len(who), offset
    for again in (19.5 * H, 30 * H):  # later on Monday
        clock.now = SUNDAY_NOON + again
        assert await send_digests(deps) == 0
    sent = await messages(deps.uow, "digest:")
    assert set(sent) == {f"digest:{w}:2026-11-23" for w in (wib, wita, wit)}
    assert "Kasus terbuka: 1\nMelewati batas waktu: 1" in sent[f"digest:{wib}:2026-11-23"]
    assert late in sent[f"digest:{wib}:2026-11-23"]
    assert "Melewati batas waktu: 0" in sent[f"digest:{wita}:2026-11-23"]
    clock.now = SUNDAY_NOON + D + 17 * H  # Tuesday 07:00 WIT
    assert await send_digests(deps) == 1
    assert f"digest:{wit}:2026-11-24" in await messages(deps.uow, "digest:")


async def test_a_supervisor_without_telegram_gets_no_digest(deps: TriageDeps, clock: Clock) -> None:
    await add_worker(deps.uow, None, ["31.74"], "supervisor")
    clock.now = SUNDAY_NOON + 19 * H
    assert await send_digests(deps) == 0


async def test_stale_reminder_once_per_quiet_spell(deps: TriageDeps, clock: Clock) -> None:
    await add_worker(deps.uow, 1001, ["31.74"])
    ref = await submit(deps, "31.74")
    async with deps.uow() as unit:
        assignment = (await unit.session.exec(select(Assignment))).one()
        report = (await unit.session.exec(select(Report))).one()
    await accept_case(deps, 1001, assignment.id or 0)  # the last event: SUNDAY_NOON
    clock.now = SUNDAY_NOON + 14 * D - timedelta(minutes=1)
    assert await remind_stale(deps) == 0
    clock.now = SUNDAY_NOON + 14 * D
    assert await remind_stale(deps) == 1
    clock.now += D
    assert await remind_stale(deps) == 0
    clock.now = SUNDAY_NOON + 20 * D
    async with deps.uow() as unit:  # a note: a new spell starts
        await add_event(unit.session, report.id or 0, "note", "worker:1", {}, clock.now)
        await unit.commit()
    clock.now = SUNDAY_NOON + 33 * D
    assert await remind_stale(deps) == 0
    clock.now = SUNDAY_NOON + 34 * D
    assert await remind_stale(deps) == 1
    assert await remind_stale(deps) == 0
    stale = await messages(deps.uow, f"{ref}:stale:")
    assert len(stale) == 2
    assert all(ref in text for text in stale.values())


async def test_closed_cases_are_never_stale(deps: TriageDeps, clock: Clock) -> None:
    await add_worker(deps.uow, 1001, ["31.74"])
    await submit(deps, "31.74")
    async with deps.uow() as unit:
        report = (await unit.session.exec(select(Report))).one()
        report.status, report.closed_at = "closed", SUNDAY_NOON
        await unit.commit()
    clock.now = SUNDAY_NOON + 30 * D
    assert await remind_stale(deps) == 0
