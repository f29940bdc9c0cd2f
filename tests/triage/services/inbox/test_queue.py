"""The inbox on real databases: stored once per update_id, what is left claimed in order and
never by two processes, failures counted then abandoned, claims released, old rows deleted."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from sqlmodel import select

from tests.support.deps import TEST_KEYRING, make_deps
from triage.services.common.deps import TriageDeps
from triage.services.common.updates import first_time_seen
from triage.services.inbox import queue as inbox
from triage.storage.db import create_engine, create_session_factory
from triage.storage.tables import InboxUpdate
from triage.storage.uow import UnitOfWorkFactory

NOW = datetime(2026, 11, 23, 3, 0, tzinfo=UTC)


def payload(update_id: int) -> dict[str, object]:
    return {"update_id": update_id, "message": {"message_id": 1, "text": "halo"}}


async def rows(deps: TriageDeps) -> list[InboxUpdate]:
    async with deps.uow() as uow:
        return list((await uow.session.exec(select(InboxUpdate).order_by("update_id"))).all())


async def test_an_update_is_stored_once_with_its_payload_and_claimed(deps: TriageDeps) -> None:
    first = await inbox.store(deps, 7, payload(7), "proc-a:1", NOW)
    again = await inbox.store(deps, 7, payload(7), "proc-b:1", NOW)

    assert first is not None and first.update_id == 7 and first.payload == payload(7)
    assert again is None
    [row] = await rows(deps)
    assert (row.status, row.attempts, row.claimed_by) == ("pending", 0, "proc-a:1")
    assert row.received_at == NOW and row.claimed_until == NOW + inbox.LEASE


async def test_an_update_handled_by_polling_before_the_switch_is_not_stored(
    deps: TriageDeps,
) -> None:
    assert await first_time_seen(deps, 8, NOW)

    assert await inbox.store(deps, 8, payload(8), "proc-a:1", NOW) is None
    assert await rows(deps) == []


async def test_what_is_left_is_claimed_oldest_update_first_once_its_lease_is_free(
    deps: TriageDeps,
) -> None:
    for update_id in (30, 10, 20):
        await inbox.store(deps, update_id, payload(update_id), "gone:1", NOW)
    done = await inbox.store(deps, 5, payload(5), "gone:1", NOW)
    assert done is not None
    await inbox.mark_processed(deps, done.id, NOW)

    assert await inbox.claim_waiting(deps, "proc-b:1", NOW) == []  # the lease still holds
    later = NOW + inbox.LEASE + timedelta(seconds=1)
    claimed = await inbox.claim_waiting(deps, "proc-b:2", later)

    assert [u.update_id for u in claimed] == [10, 20, 30]
    assert await inbox.claim_waiting(deps, "proc-c:1", later) == []


async def test_a_claim_may_start_after_an_update(deps: TriageDeps) -> None:
    for update_id in (1, 2, 3):
        stored = await inbox.store(deps, update_id, payload(update_id), "gone:1", NOW)
        assert stored is not None
        await inbox.release(deps, [stored.id])

    claimed = await inbox.claim_waiting(deps, "proc-b:1", NOW, after=1, limit=1)

    assert [u.update_id for u in claimed] == [2]


async def test_released_rows_are_claimed_at_once(deps: TriageDeps) -> None:
    stored = [await inbox.store(deps, i, payload(i), "proc-a:1", NOW) for i in (1, 2)]
    done = stored[1]
    assert stored[0] is not None and done is not None
    await inbox.mark_processed(deps, done.id, NOW)

    assert await inbox.release(deps, [stored[0].id, done.id]) == 1  # the processed row stays

    assert [u.update_id for u in await inbox.claim_waiting(deps, "proc-b:1", NOW)] == [1]


async def test_a_failure_is_counted_then_the_update_is_abandoned(deps: TriageDeps) -> None:
    stored = await inbox.store(deps, 3, payload(3), "proc-a:1", NOW)
    assert stored is not None

    statuses = [
        await inbox.mark_failed(deps, stored.id, "KeyError at flow.py:10", NOW)
        for _ in range(inbox.MAX_ATTEMPTS)
    ]

    assert statuses == ["failed"] * (inbox.MAX_ATTEMPTS - 1) + ["abandoned"]
    [row] = await rows(deps)
    assert (row.attempts, row.last_error, row.processed_at) == (
        inbox.MAX_ATTEMPTS,
        "KeyError at flow.py:10",
        NOW,
    )
    assert await inbox.claim_waiting(deps, "proc-b:1", NOW) == []


async def test_a_failed_update_is_claimed_again(deps: TriageDeps) -> None:
    stored = await inbox.store(deps, 4, payload(4), "proc-a:1", NOW)
    assert stored is not None
    await inbox.mark_failed(deps, stored.id, "NetworkError at request.py:1", NOW)

    [again] = await inbox.claim_waiting(deps, "proc-b:1", NOW)

    assert (again.update_id, again.attempts) == (4, 1)


async def test_finished_rows_are_deleted_after_the_retention_period(deps: TriageDeps) -> None:
    ids = {}
    for update_id in (1, 2, 3, 4):
        stored = await inbox.store(deps, update_id, payload(update_id), "proc-a:1", NOW)
        assert stored is not None
        ids[update_id] = stored.id
    await inbox.mark_processed(deps, ids[1], NOW - timedelta(days=8))  # old: deleted
    await inbox.mark_processed(deps, ids[2], NOW - timedelta(days=6))  # recent: kept
    await inbox.abandon(deps, ids[3], "UnreadableUpdate at webhook.py:1", NOW - timedelta(days=8))
    # 4 is still pending: kept however old, it is not processed yet

    assert await inbox.forget_processed(deps, NOW) == 2
    assert [r.update_id for r in await rows(deps)] == [2, 4]


async def test_two_processes_never_claim_the_same_update(database_url: str) -> None:
    engines = [create_engine(database_url, keyring=TEST_KEYRING) for _ in range(2)]
    try:
        factories = [UnitOfWorkFactory(create_session_factory(e)) for e in engines]
        first = make_deps(factories[0])
        for update_id in range(1, 41):
            await inbox.store(first, update_id, payload(update_id), "gone:1", NOW)
        later = NOW + inbox.LEASE * 2
        batches = await asyncio.gather(
            *(
                inbox.claim_waiting(make_deps(f), f"proc-{i}:1", later, limit=30)
                for i, f in enumerate(factories)
            )
        )
    finally:
        for engine in engines:
            await engine.dispose()
    taken = [u.update_id for batch in batches for u in batch]
    assert len(taken) == len(set(taken)) == 40
