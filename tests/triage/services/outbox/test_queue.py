"""The outbox on real databases: dedup, claims that never overlap, retries, redaction."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from sqlmodel import select

from tests.support.deps import make_deps
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
    engines = [create_engine(database_url) for _ in range(2)]
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
    await queue(uow_factory, 1)
    [message] = await outbox.claim_pending(deps, "a:1", NOW)
    await outbox.mark_failed(deps, message.id, "NetworkError", NOW)
    assert await outbox.claim_pending(deps, "a:2", NOW + timedelta(seconds=1)) == []
    [again] = await outbox.claim_pending(deps, "a:3", NOW + timedelta(seconds=3))
    await outbox.mark_sent(deps, again.id, 77, NOW + timedelta(seconds=3))
    async with uow_factory() as unit:
        row = (await unit.session.exec(select(OutboxMessage))).one()
    assert row.status == "sent" and row.attempts == 2
    assert row.text == outbox.SENT_TEXT and row.telegram_message_id == 77


async def test_a_permanent_failure_is_not_retried(
    deps: TriageDeps, uow_factory: UnitOfWorkFactory
) -> None:
    await queue(uow_factory, 1)
    [message] = await outbox.claim_pending(deps, "a:1", NOW)
    await outbox.mark_failed(deps, message.id, "forbidden", NOW, permanent=True)
    assert await outbox.claim_pending(deps, "a:2", NOW + timedelta(days=1)) == []
