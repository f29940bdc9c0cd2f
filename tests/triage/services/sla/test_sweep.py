"""The SLA sweep on both databases: reminders, the escalation ladder, fire-once under crashes,
lease expiry and two concurrent sweepers. The clock is injected; nothing sleeps."""

from __future__ import annotations

import asyncio
from collections import Counter
from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import col, select

from tests.support import deps as support_deps
from tests.support.deps import TEST_KEYRING, Clock
from triage.domain.intake.facts import ReportDetails
from triage.domain.model import Answer, Category, ReportFacts
from triage.services.cases.accept import ActionStatus, accept_case
from triage.services.common.deps import TriageDeps
from triage.services.intake.submit import submit_report
from triage.services.sla.sweep import LEASE, Outcome, claim, fire_one, sweep
from triage.storage.db import create_engine, create_session_factory
from triage.storage.tables import Assignment, CaseEvent, Deadline, OutboxMessage, Report, Worker
from triage.storage.uow import UnitOfWorkFactory

T0 = datetime(2026, 11, 23, 1, 0, tzinfo=UTC)
M = timedelta(minutes=1)
WORKER_TG, KABKOTA_TG, PROVINCE_TG = 1001, 2001, 3001


def make_deps(uow_factory: UnitOfWorkFactory, clock: Clock) -> TriageDeps:
    return support_deps.make_deps(uow_factory, clock=clock)


async def add_worker(
    uow: UnitOfWorkFactory, telegram_id: int | None, regions: list[str], role: str = "worker"
) -> int:
    async with uow() as unit:
        worker = Worker(
            name=f"staff {telegram_id}", telegram_user_id=telegram_id, role=role,
            region_codes=regions, created_at=T0, updated_at=T0,
        )  # fmt: skip
        unit.session.add(worker)
        await unit.commit()
    assert worker.id is not None
    return worker.id


async def add_ladder(uow: UnitOfWorkFactory) -> tuple[int, int, int]:
    """A worker in Jakarta Selatan, its kab/kota supervisor and the province supervisor."""
    return (
        await add_worker(uow, WORKER_TG, ["31.74"]),
        await add_worker(uow, KABKOTA_TG, ["31.74"], "supervisor"),
        await add_worker(uow, PROVINCE_TG, ["31"], "supervisor"),
    )


async def submit(deps: TriageDeps, region: str = "31.74", *, danger: bool = True) -> str:
    """A report through the real use case: DARURAT with immediate danger, else RENDAH."""
    facts = ReportFacts(
        categories=(Category.KEKERASAN_FISIK if danger else Category.LAINNYA,),
        immediate_danger=Answer.YES if danger else Answer.NO,
        description="anak dipukul setiap hari"
        if danger
        else "mohon info cara mengurus akta kelahiran anak",
        region_code=region,
    )
    details = ReportDetails("id", None, None, None, None, None, (), None, False, False)
    async with deps.uow() as uow:
        submitted = await submit_report(uow.session, deps, facts, details, chat_id=555)
        await uow.commit()
    return submitted.reference


async def outbox(uow: UnitOfWorkFactory) -> dict[str, int]:
    """dedup key -> chat id of every queued message."""
    async with uow() as unit:
        rows = await unit.session.exec(select(OutboxMessage))
        return {row.dedup_key: row.chat_id for row in rows}


async def escalations(uow: UnitOfWorkFactory) -> list[tuple[str, str, int | None]]:
    async with uow() as unit:
        rows = await unit.session.exec(
            select(CaseEvent).where(CaseEvent.kind == "escalated").order_by(col(CaseEvent.id))
        )
        return [(e.data["deadline"], e.data["to"], e.data["worker_id"]) for e in rows]


async def deadline_keys(uow: UnitOfWorkFactory, ids: list[int]) -> dict[int, str]:
    async with uow() as unit:
        rows = await unit.session.exec(select(Deadline).where(col(Deadline.id).in_(ids)))
        return {row.id or 0: row.key for row in rows}


async def assignment_id(uow: UnitOfWorkFactory, reference: str) -> int:
    async with uow() as unit:
        query = select(col(Assignment.id)).join(Report).where(Report.reference == reference)
        found = (await unit.session.exec(query)).first()
    assert found is not None
    return found


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def deps(uow_factory: UnitOfWorkFactory, clock: Clock) -> TriageDeps:
    return make_deps(uow_factory, clock)


async def test_reminder_then_kabkota_then_province_then_national_queue_each_once(
    deps: TriageDeps, clock: Clock
) -> None:
    _, kabkota, province = await add_ladder(deps.uow)
    ref = await submit(deps)  # DARURAT: accept within 15 minutes
    aid = await assignment_id(deps.uow, ref)
    steps = [
        (7 * M, {}),
        (7.5 * M, {f"{ref}:accept_reminder:g0:l0": WORKER_TG}),
        (15 * M, {f"{ref}:accept_breach:g0:l1": KABKOTA_TG}),
        (30 * M, {f"{ref}:accept_breach:g0:l2": PROVINCE_TG, f"{ref}:contact_reminder:g0:l0": WORKER_TG}),
        (45 * M, {}),  # the national queue: an event, nobody to message
        (50 * M, {}),
    ]  # fmt: skip
    before = await outbox(deps.uow)
    for offset, expected in steps:
        clock.now = T0 + offset
        await sweep(deps, "test")
        after = await outbox(deps.uow)
        assert {k: v for k, v in after.items() if k not in before} == expected, offset
        before = after
    assert await escalations(deps.uow) == [
        (f"{ref}:accept_breach:g0:l1", "supervisor_kabkota", kabkota),
        (f"{ref}:accept_breach:g0:l2", "supervisor_province", province),
        (f"{ref}:accept_breach:g0:l3", "national_queue", None),
    ]
    async with deps.uow() as unit:
        message = await unit.session.exec(
            select(OutboxMessage).where(OutboxMessage.dedup_key == f"{ref}:accept_breach:g0:l1")
        )
        markup = message.one().reply_markup
    assert markup is not None
    assert markup["inline_keyboard"][0][0]["callback_data"] == f"w:acc:{aid}"


async def test_a_missed_target_is_counted_once_however_far_it_escalates(
    deps: TriageDeps, clock: Clock
) -> None:
    await add_ladder(deps.uow)
    await submit(deps)  # DARURAT: accept within 15 minutes, then two more steps up

    counts = []
    for offset in (7.5 * M, 15 * M, 30 * M, 45 * M):
        clock.now = T0 + offset
        await sweep(deps, "test")
        counts.append(breaches(deps, "accept_breach"))

    assert counts == [0, 1, 1, 1]  # the reminder and the later steps add none


def breaches(deps: TriageDeps, kind: str) -> float | None:
    return deps.metrics.registry.get_sample_value("lapor_sosial_sla_breaches_total", {"kind": kind})


async def test_supervisor_accepts_from_the_escalation_and_the_ladder_stops(
    deps: TriageDeps, clock: Clock
) -> None:
    await add_ladder(deps.uow)
    ref = await submit(deps)
    clock.now = T0 + 15 * M
    await sweep(deps, "test")
    result = await accept_case(deps, KABKOTA_TG, await assignment_id(deps.uow, ref))
    assert result.status is ActionStatus.DONE
    clock.now = T0 + 50 * M
    await sweep(deps, "test")
    assert [to for _, to, _ in await escalations(deps.uow)] == ["supervisor_kabkota"]


async def test_accepting_before_the_reminder_means_no_accept_timer_fires(
    deps: TriageDeps, clock: Clock
) -> None:
    await add_ladder(deps.uow)
    ref = await submit(deps)
    clock.now = T0 + 5 * M
    await accept_case(deps, WORKER_TG, await assignment_id(deps.uow, ref))
    clock.now = T0 + 29 * M  # every accept step is past; the contact reminder is not yet due
    result = await sweep(deps, "test")
    assert result.claimed == 0
    clock.now = T0 + 50 * M
    await sweep(deps, "test")
    sent = await outbox(deps.uow)
    assert not [key for key in sent if "accept_" in key]
    assert f"{ref}:contact_reminder:g0:l0" in sent
    assert await escalations(deps.uow) == []


async def test_a_deadline_left_pending_on_an_accepted_case_is_moot_at_fire_time(
    deps: TriageDeps, clock: Clock
) -> None:
    await add_ladder(deps.uow)
    ref = await submit(deps)
    async with deps.uow() as unit:  # accepted behind the timers' back: nothing cancelled
        assignment = await unit.session.get(Assignment, await assignment_id(deps.uow, ref))
        assert assignment is not None
        assignment.accepted_at = T0 + M
        await unit.commit()
    clock.now = T0 + 20 * M
    result = await sweep(deps, "test")
    assert result.count(Outcome.MOOT) == 2 and result.count(Outcome.FIRED) == 0
    assert [k for k in await outbox(deps.uow) if ":accept_" in k] == []
    async with deps.uow() as unit:
        statuses = await unit.session.exec(
            select(Deadline.status).where(col(Deadline.key).contains("accept_"))
        )
        assert Counter(statuses) == {"cancelled": 2, "pending": 2}


async def test_a_crashed_claimer_is_taken_over_after_its_lease_and_fires_once(
    deps: TriageDeps, clock: Clock
) -> None:
    await add_ladder(deps.uow)
    ref = await submit(deps)
    clock.now = T0 + 8 * M
    crashed = await claim(deps.uow, "crashed-process", clock.now, LEASE, 100)
    assert len(crashed) == 1  # the accept reminder; then the process dies before firing
    clock.now = T0 + 9 * M
    assert (await sweep(deps, "restarted")).claimed == 0  # still leased
    clock.now = T0 + 8 * M + LEASE + timedelta(seconds=1)
    assert (await sweep(deps, "restarted")).count(Outcome.FIRED) == 1
    assert await fire_one(deps, crashed[0], "crashed-process") is Outcome.LOST  # wakes up late
    assert list(await outbox(deps.uow)).count(f"{ref}:accept_reminder:g0:l0") == 1


async def test_a_later_step_waits_while_an_earlier_one_is_held_elsewhere(
    deps: TriageDeps, clock: Clock
) -> None:
    await add_ladder(deps.uow)
    ref = await submit(deps)
    clock.now = T0 + 16 * M  # the reminder and the first accept step, held for an hour
    held = await claim(deps.uow, "other-process", clock.now, timedelta(hours=1), 10)
    clock.now = T0 + 31 * M  # the second accept step and the contact reminder are due too
    mine = await claim(deps.uow, "this-process", clock.now, LEASE, 10)
    assert len(held) == 2 and len(mine) == 2
    keys = await deadline_keys(deps.uow, mine)
    later = [i for i in mine if keys[i] == f"{ref}:accept_breach:g0:l2"]
    assert await fire_one(deps, later[0], "this-process") is Outcome.DEFERRED
    async with deps.uow() as unit:
        row = await unit.session.get(Deadline, later[0])
        assert row is not None
        assert (row.key, row.status, row.fired_at) == (
            f"{ref}:accept_breach:g0:l2",
            "pending",
            None,
        )
        assert (row.claimed_by, row.claimed_until) == (None, None)  # released for a later sweep
    assert await fire_one(deps, later[0], "this-process") is Outcome.LOST  # no longer ours
    assert [o for o in await outbox(deps.uow) if ":accept_breach:" in o] == []
    for deadline_id in held:
        assert await fire_one(deps, deadline_id, "other-process") is Outcome.FIRED
    assert (await sweep(deps, "next")).count(Outcome.FIRED) == 1  # the second step, in order
    assert [key for key, _, _ in await escalations(deps.uow)] == [
        f"{ref}:accept_breach:g0:l1",
        f"{ref}:accept_breach:g0:l2",
    ]


async def test_a_failure_mid_fire_rolls_back_everything_and_a_later_sweep_fires_once(
    deps: TriageDeps, clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    await add_ladder(deps.uow)
    ref = await submit(deps)

    async def broken_enqueue(*args: object, **kwargs: object) -> bool:
        raise ConnectionError("the database went away")

    monkeypatch.setattr("triage.services.sla.sweep.enqueue", broken_enqueue)
    clock.now = T0 + 16 * M
    assert (await sweep(deps, "first")).count(Outcome.FAILED) == 2
    assert await escalations(deps.uow) == []  # the event was rolled back with the message
    monkeypatch.undo()
    clock.now += LEASE + M
    assert (await sweep(deps, "second")).count(Outcome.FIRED) == 2
    assert (await sweep(deps, "third")).claimed == 0
    assert len(await escalations(deps.uow)) == 1
    sent = await outbox(deps.uow)
    assert {f"{ref}:accept_reminder:g0:l0", f"{ref}:accept_breach:g0:l1"} <= set(sent)


async def test_two_sweepers_at_once_never_fire_or_send_twice(
    database_url: str, clock: Clock
) -> None:
    engines = [create_engine(database_url, keyring=TEST_KEYRING) for _ in range(2)]
    try:
        one, two = (make_deps(UnitOfWorkFactory(create_session_factory(e)), clock) for e in engines)
        await add_ladder(one.uow)
        refs = [await submit(one) for _ in range(25)]
        clock.now = T0 + 2 * timedelta(hours=1)  # six timers of each case are due
        results = list(
            await asyncio.gather(sweep(one, "one", batch=10), sweep(two, "two", batch=10))
        )
        results.append(await sweep(one, "tidy-up"))  # deferred steps, if any
        fired = sum(r.count(Outcome.FIRED) for r in results)
        assert sum(r.count(Outcome.FAILED) + r.count(Outcome.LOST) for r in results) == 0
        if database_url.startswith("postgresql"):  # SQLite may let one writer starve the other
            assert results[0].count(Outcome.FIRED) and results[1].count(Outcome.FIRED)
        async with one.uow() as unit:
            rows = list(await unit.session.exec(select(Deadline).where(Deadline.status == "fired")))
            keys = list(await unit.session.exec(select(OutboxMessage.dedup_key)))
        assert fired == len(rows) == 6 * len(refs)
        events = [key for key, _, _ in await escalations(one.uow)]
        assert len(events) == len(set(events)) == 4 * len(refs)  # 3 accept steps, 1 contact
        assert len(keys) == len(set(keys))
        assert len([k for k in keys if ":accept_reminder:" in k]) == len(refs)
    finally:
        for engine in engines:
            await engine.dispose()
