"""Claims of a crashed process freed at a start, on real databases: the inbox's and the
outbox's rows of an owner whose presence token is no longer alive are claimable at once; a
live owner's, a finished row's, and a claim named without a token keep their leases."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlmodel import select

from triage.services.common.coordination import new_owner, owner_token
from triage.services.common.crashed_claims import release_crashed_claims
from triage.services.common.deps import TriageDeps
from triage.services.inbox import queue as inbox
from triage.services.outbox import queue as outbox
from triage.services.outbox.port import OutgoingMessage
from triage.storage.claims import new_claim_token
from triage.storage.tables import InboxUpdate, OutboxMessage

NOW = datetime(2026, 11, 29, 3, 0, tzinfo=UTC)
DEAD, ALIVE = new_owner(101), new_owner(202)


async def _alive(tokens: set[int]) -> set[int]:
    return tokens & {202}


def test_a_claim_names_its_owners_token_however_long_the_host() -> None:
    assert owner_token(new_claim_token(DEAD)) == 101
    assert owner_token(DEAD) == 101  # the inbox stores the bare owner
    long_owner = "4242:a-very-long-host-name.example.org:4242"
    assert owner_token(new_claim_token(long_owner)) == 4242
    assert owner_token("host-a:101") is None  # named without a token: waits for its lease


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
    await inbox.store(deps, 4, {"update_id": 4}, "host-a:303", NOW)  # no token: its lease
    await _queue(deps, 4)
    mine = await outbox.claim_pending(deps, DEAD, NOW, limit=2)
    theirs = await outbox.claim_pending(deps, ALIVE, NOW, limit=1)

    freed = await release_crashed_claims(deps, _alive)

    assert freed == 3  # update 1 and two outbox messages
    assert [u.update_id for u in await inbox.claim_waiting(deps, "next:1", NOW)] == [1]
    again = await outbox.claim_pending(deps, "next:1", NOW)
    assert sorted(m.id for m in again) == sorted([*(m.id for m in mine), 4])
    async with deps.uow() as uow:
        held = (await uow.session.exec(select(OutboxMessage.claimed_by))).all()
        updates = (await uow.session.exec(select(InboxUpdate).order_by("update_id"))).all()
    assert theirs[0].claim in held
    assert [(u.update_id, u.claimed_by) for u in updates][1:] == [
        (2, ALIVE),
        (3, None),
        (4, "host-a:303"),
    ]
