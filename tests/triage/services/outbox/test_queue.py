"""The outbox on real databases: dedup, claims that never overlap, retries, the cap, redaction."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from sqlmodel import select

from tests.support.deps import TEST_KEYRING, make_deps
from triage.domain.delivery import Failure, RetryPolicy, Verdict
from triage.services.common.deps import TriageDeps
from triage.services.outbox import queue as outbox
from triage.services.outbox.port import OutgoingMessage
from triage.storage.db import create_engine, create_session_factory
from triage.storage.tables import OutboxMessage
from triage.storage.uow import UnitOfWorkFactory

NOW = datetime(2026, 11, 23, 3, 0, tzinfo=UTC)


async def queue(uow: UnitOfWorkFactory, count: int) -> None:
    async with uow() as unit:
        for i in range(count):
            await outbox.enqueue(
                unit.session, OutgoingMessage(f"key-{i}", 1000 + i, f"pesan {i}"), NOW
            )
        await unit.commit()


async def test_the_same_dedup_key_is_queued_once(uow_factory: UnitOfWorkFactory) -> None:
    async with uow_factory() as unit:
        first = await outbox.enqueue(unit.session, OutgoingMessage("k", 1, "a"), NOW)
        await unit.commit()
    async with uow_factory() as unit:
        second = await outbox.enqueue(unit.session, OutgoingMessage("k", 1, "a"), NOW)
        await unit.commit()
    assert (first, second) == (True, False)


async def test_two_senders_never_claim_the_same_message(database_url: str) -> None:
    engines = [create_engine(database_url, keyring=TEST_KEYRING) for _ in range(2)]
    try:
        factories = [UnitOfWorkFactory(create_session_factory(e)) for e in engines]
        await queue(factories[0], 60)
        batches = await asyncio.gather(
            *(
                outbox.claim_pending(make_deps(f), f"sender-{i}", NOW, limit=40)
                for i, f in enumerate(factories)
            )
        )
    finally:
        for engine in engines:
            await engine.dispose()
    ids = [m.id for batch in batches for m in batch]
    assert len(ids) == len(set(ids)) == 60


async def test_a_claim_is_a_lease_that_expires(
    deps: TriageDeps, uow_factory: UnitOfWorkFactory
) -> None:
    await queue(uow_factory, 1)
    assert len(await outbox.claim_pending(deps, "a:1", NOW)) == 1
    assert await outbox.claim_pending(deps, "b:1", NOW + timedelta(seconds=5)) == []
    later = NOW + outbox.LEASE + timedelta(seconds=1)
    assert len(await outbox.claim_pending(deps, "b:2", later)) == 1


async def test_failure_backs_off_and_success_drops_the_text(
    deps: TriageDeps, uow_factory: UnitOfWorkFactory
) -> None:
    deps.jitter = lambda: 0.0  # the shortest wait: half the first delay
    first_retry = deps.delivery.first_delay / 2
    await queue(uow_factory, 1)
    [message] = await outbox.claim_pending(deps, "a:1", NOW)
    verdict = await outbox.mark_failed(deps, message, Failure.NETWORK, NOW, detail="TimedOut")
    assert verdict is Verdict.RETRIED
    soon = NOW + first_retry - timedelta(seconds=1)
    assert await outbox.claim_pending(deps, "a:2", soon) == []
    [again] = await outbox.claim_pending(deps, "a:3", NOW + first_retry)
    await outbox.mark_sent(deps, again.id, 77, NOW + first_retry)
    async with uow_factory() as unit:
        row = (await unit.session.exec(select(OutboxMessage))).one()
    assert row.status == "sent" and row.attempts == 2
    assert row.text == outbox.SENT_TEXT and row.telegram_message_id == 77


async def test_a_permanent_failure_is_not_retried_and_drops_the_text(
    deps: TriageDeps, uow_factory: UnitOfWorkFactory
) -> None:
    await queue(uow_factory, 1)
    [message] = await outbox.claim_pending(deps, "a:1", NOW)
    verdict = await outbox.mark_failed(deps, message, Failure.BLOCKED, NOW)
    assert verdict is Verdict.PERMANENT
    assert await outbox.claim_pending(deps, "a:2", NOW + timedelta(days=1)) == []
    row = await only_row(uow_factory)
    assert (row.status, row.failure, row.failed_at, row.text) == (
        "undeliverable",
        "blocked",
        NOW,
        outbox.DROPPED_TEXT,
    )
    assert row.attempts == 1 and row.last_error == "blocked"


async def test_the_last_allowed_try_marks_undeliverable_and_drops_text_and_buttons(
    deps: TriageDeps, uow_factory: UnitOfWorkFactory
) -> None:
    deps.delivery = RetryPolicy(max_attempts=3)
    async with uow_factory() as unit:
        markup = {"inline_keyboard": [[{"text": "Terima", "callback_data": "w:a:1"}]]}
        await outbox.enqueue(unit.session, OutgoingMessage("k", 1, "Anak 7 tahun", markup), NOW)
        await unit.commit()
    now, verdicts = NOW, []
    for _ in range(3):
        [message] = await outbox.claim_pending(deps, "a:1", now)
        verdicts.append(await outbox.mark_failed(deps, message, Failure.NETWORK, now))
        now += deps.delivery.longest_delay
    assert verdicts == [Verdict.RETRIED, Verdict.RETRIED, Verdict.UNDELIVERABLE]
    row = await only_row(uow_factory)
    assert (row.status, row.failure, row.attempts) == ("undeliverable", "too_many_attempts", 3)
    assert (row.text, row.reply_markup) == ("", None)
    assert await outbox.claim_pending(deps, "a:2", now + timedelta(days=1)) == []


async def test_a_429_waits_as_asked_and_costs_no_try(
    deps: TriageDeps, uow_factory: UnitOfWorkFactory
) -> None:
    await queue(uow_factory, 1)
    [message] = await outbox.claim_pending(deps, "a:1", NOW)
    verdict = await outbox.mark_failed(deps, message, Failure.RATE_LIMITED, NOW, retry_after=30)
    assert verdict is Verdict.RATE_LIMITED
    assert await outbox.claim_pending(deps, "a:2", NOW + timedelta(seconds=29)) == []
    row = await only_row(uow_factory)
    assert row.attempts == 0 and row.next_attempt_at >= NOW + timedelta(seconds=30)


async def test_a_sender_whose_claim_was_taken_over_records_nothing(
    deps: TriageDeps, uow_factory: UnitOfWorkFactory
) -> None:
    await queue(uow_factory, 1)
    [stale] = await outbox.claim_pending(deps, "a:1", NOW)
    later = NOW + outbox.LEASE + timedelta(seconds=1)
    [current] = await outbox.claim_pending(deps, "b:1", later)

    assert await outbox.mark_failed(deps, stale, Failure.BLOCKED, later) is None

    row = await only_row(uow_factory)
    assert (row.status, row.attempts, row.claimed_by) == ("pending", 0, current.claim)


async def test_released_messages_are_claimable_at_once_untried(
    deps: TriageDeps, uow_factory: UnitOfWorkFactory
) -> None:
    await queue(uow_factory, 3)
    claimed = await outbox.claim_pending(deps, "a:1", NOW)
    await outbox.release(deps, claimed[1:])
    again = await outbox.claim_pending(deps, "b:1", NOW)
    assert [m.id for m in again] == [m.id for m in claimed[1:]]
    assert {m.attempts for m in again} == {0}


async def only_row(uow_factory: UnitOfWorkFactory) -> OutboxMessage:
    async with uow_factory() as unit:
        return (await unit.session.exec(select(OutboxMessage))).one()
