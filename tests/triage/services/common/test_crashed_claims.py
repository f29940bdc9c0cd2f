"""Claims of a crashed process freed at a start, on real databases: the inbox's and the
outbox's rows of a gone owner are claimable at once; a live owner's, a finished row's, and a
claim whose owner was cut short keep their leases."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlmodel import select

from triage.services.common.crashed_claims import release_crashed_claims
from triage.services.common.deps import TriageDeps
from triage.services.inbox import queue as inbox
from triage.services.outbox import queue as outbox
from triage.services.outbox.port import OutgoingMessage
from triage.storage.claims import claim_owner, new_claim_token
from triage.storage.tables import InboxUpdate, OutboxMessage

NOW = datetime(2026, 11, 29, 3, 0, tzinfo=UTC)
DEAD, ALIVE = "host-a:101", "host-a:202"


def test_a_claim_names_its_owner_only_when_whole() -> None:
    assert claim_owner(new_claim_token(DEAD)) == DEAD
    assert claim_owner(DEAD) == DEAD  # the inbox stores the bare owner
    long_owner = "a-very-long-host-name.example.org:4242"
    assert claim_owner(new_claim_token(long_owner)) is None  # cut: the pid may be wrong
    assert claim_owner("x" * 64) is None


async def _queue(deps: TriageDeps, count: int) -> None:
    async with deps.uow() as uow:
        for n in range(count):
            await outbox.enqueue(uow.session, OutgoingMessage(f"k{n}", 10 + n, "halo"), NOW)
        await uow.commit()


async def test_claims_of_a_gone_owner_are_freed_and_no_others(deps: TriageDeps) -> None:
    await inbox.store(deps, 1, {"update_id": 1}, DEAD, NOW)
    await inbox.store(deps, 2, {"update_id": 2}, ALIVE, NOW)
    done = await inbox.store(deps, 3, {"update_id": 3}, DEAD, NOW)
    assert done is not None
    await inbox.mark_processed(deps, done.id, NOW)
    await _queue(deps, 4)
    mine = await outbox.claim_pending(deps, DEAD, NOW, limit=2)
    theirs = await outbox.claim_pending(deps, ALIVE, NOW, limit=1)

    freed = await release_crashed_claims(deps, lambda owner: owner == DEAD)

    assert freed == 3  # update 1 and two outbox messages
    assert [u.update_id for u in await inbox.claim_waiting(deps, "next:1", NOW)] == [1]
    again = await outbox.claim_pending(deps, "next:1", NOW)
    assert sorted(m.id for m in again) == sorted([*(m.id for m in mine), 4])
    async with deps.uow() as uow:
        held = (await uow.session.exec(select(OutboxMessage.claimed_by))).all()
        updates = (await uow.session.exec(select(InboxUpdate).order_by("update_id"))).all()
    assert theirs[0].claim in held
    assert [(u.update_id, u.claimed_by) for u in updates][1:] == [(2, ALIVE), (3, None)]
