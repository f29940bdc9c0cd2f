"""The inbox: an update posted to the webhook is stored before Telegram is answered, so none
is lost between the answer and its processing; a redelivered update_id is stored once.

The receiving process claims the row as it stores it (a lease, as the outbox's claims); a
row left pending by a stop or a crash, or failed, is claimed again at the next start and
processed in update_id order; with several processes, a live one frees the claims of one
that died (`release_orphans`) and takes its rows within seconds. Rows are deleted some days after processing: the payload is
personal data, and never leaves this table (no log, no page).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import bindparam
from sqlalchemy.exc import IntegrityError
from sqlmodel import col, delete, insert, select, update

from triage.services.common.coordination import owner_token
from triage.services.common.deps import TriageDeps
from triage.services.inbox.applied import WithTheMark
from triage.storage.claims import claim_due, new_claim_token
from triage.storage.prepared import typed
from triage.storage.tables import InboxUpdate, ProcessedUpdate

LEASE = timedelta(minutes=10)  # longer than any update takes; a crashed owner's rows free up
MAX_ATTEMPTS = 3  # an update that fails this often is abandoned, not tried at every start
KEEP_PROCESSED = timedelta(days=7)
WAITING = ("pending", "failed")
FINISHED = ("processed", "abandoned")


@dataclass(frozen=True, slots=True)
class StoredUpdate:
    id: int
    update_id: int
    payload: dict[str, Any]
    attempts: int


_TAKEN_BEFORE = select(col(ProcessedUpdate.update_id)).where(
    col(ProcessedUpdate.update_id) == bindparam("new_update_id")
)
_STORE = (
    insert(InboxUpdate)
    .values(
        update_id=bindparam("new_update_id"),
        received_at=typed("now", col(InboxUpdate.received_at)),
        payload=typed("new_payload", col(InboxUpdate.payload)),
        status="pending",
        attempts=0,
        claimed_by=bindparam("owner"),
        claimed_until=typed("lease_until", col(InboxUpdate.claimed_until)),
    )
    .returning(col(InboxUpdate.id))
)
_MARK_PROCESSED = (
    update(InboxUpdate)
    .where(col(InboxUpdate.id) == bindparam("row_id"))
    .values(
        status="processed",
        processed_at=typed("now", col(InboxUpdate.processed_at)),
        attempts=col(InboxUpdate.attempts) + 1,
        claimed_by=None,
        claimed_until=None,
        last_error=None,
    )
)


async def store(
    deps: TriageDeps, update_id: int, payload: dict[str, Any], owner: str, now: datetime
) -> StoredUpdate | None:
    """Write the update, claimed by `owner` (a process); None when this update_id was taken
    before (by the inbox, or by polling before the switch to the webhook)."""
    params = {
        "new_update_id": update_id,
        "now": now,
        "new_payload": payload,
        "owner": owner[:64],
        "lease_until": now + LEASE,
    }
    async with deps.uow() as uow:  # statements built once: the busiest path
        if (await uow.session.exec(_TAKEN_BEFORE, params=params)).first() is not None:
            return None
        try:
            row_id = (await uow.session.exec(_STORE, params=params)).scalar_one()
            await uow.commit()
        except IntegrityError:
            return None
        return StoredUpdate(row_id, update_id, payload, 0)


async def take_back(
    deps: TriageDeps, update_id: int, owner: str, now: datetime
) -> StoredUpdate | None:
    """A redelivered update that is stored but still waiting, claimed by `owner` or by nobody
    (its lease free): claimed for `owner` to process now. That is the update whose store
    committed while the answer to it was lost (the connection broke at the commit), so
    Telegram was answered 500 and posted it again. None when it is finished or another
    process holds it."""
    async with deps.uow() as uow:
        row = (
            await uow.session.exec(select(InboxUpdate).where(InboxUpdate.update_id == update_id))
        ).first()
        if row is None or row.status not in WAITING:
            return None
        free = row.claimed_until is None or row.claimed_until < now
        if not (free or row.claimed_by == owner[:64]):
            return None
        row.claimed_by, row.claimed_until = owner[:64], now + LEASE
        await uow.commit()
        assert row.id is not None
        return StoredUpdate(row.id, row.update_id, row.payload, row.attempts)


async def claim_waiting(
    deps: TriageDeps,
    owner: str,
    now: datetime,
    *,
    after: int = -1,
    limit: int = 50,
    statuses: tuple[str, ...] = WAITING,
) -> list[StoredUpdate]:
    """Claim for `owner` up to `limit` rows stored but not processed (pending or failed, their
    lease free) whose update_id comes after `after`, oldest update first."""
    async with deps.uow() as uow:
        ids = await claim_due(
            uow.session,
            InboxUpdate,
            [col(InboxUpdate.status).in_(statuses), col(InboxUpdate.update_id) > after],
            order_by=InboxUpdate.update_id,
            token=new_claim_token(owner),
            now=now,
            lease=LEASE,
            limit=limit,
        )
        rows = (
            await uow.session.exec(
                select(InboxUpdate).where(col(InboxUpdate.id).in_(ids)).order_by("update_id")
            )
        ).all()
        await uow.commit()
    return [StoredUpdate(r.id or 0, r.update_id, r.payload, r.attempts) for r in rows]


async def mark_processed(
    deps: TriageDeps, row_id: int, now: datetime, also: WithTheMark = ()
) -> None:
    """Mark the row processed; `also`, the writes left to this transaction (`with_the_mark`)."""
    async with deps.uow() as uow:  # one statement (and `also`): every update passes here
        for statement, params in also:
            await uow.session.exec(statement, params=params)
        await uow.session.exec(_MARK_PROCESSED, params={"row_id": row_id, "now": now})
        await uow.commit()


async def mark_failed(
    deps: TriageDeps, row_id: int, error: str, now: datetime, also: WithTheMark = ()
) -> str:
    """Count the attempt: failed (tried again at the next start) or, after MAX_ATTEMPTS,
    abandoned. `error` says where, never what (see describe_failure). Returns the status.
    `also`: the writes left to this transaction by what did go (`with_the_mark`)."""
    async with deps.uow() as uow:
        for statement, params in also:
            await uow.session.exec(statement, params=params)
        row = await uow.session.get(InboxUpdate, row_id)
        if row is None:
            return "gone"
        row.attempts += 1
        row.last_error = error[:120]
        row.claimed_by = row.claimed_until = None
        row.status = "abandoned" if row.attempts >= MAX_ATTEMPTS else "failed"
        if row.status == "abandoned":
            row.processed_at = now
        status = row.status
        await uow.commit()
    return status


async def abandon(deps: TriageDeps, row_id: int, error: str, now: datetime) -> None:
    """A stored payload that is no update (it cannot be read): trying again cannot help."""
    async with deps.uow() as uow:
        row = await uow.session.get(InboxUpdate, row_id)
        if row is not None:
            row.attempts += 1
            row.status, row.processed_at, row.last_error = "abandoned", now, error[:120]
            row.claimed_by = row.claimed_until = None
        await uow.commit()


async def release(deps: TriageDeps, row_ids: Iterable[int]) -> int:
    """Give up the claims of rows not processed (a stop): the next start takes them at once."""
    ids = list(row_ids)
    if not ids:
        return 0
    async with deps.uow() as uow:
        result = await uow.session.exec(
            update(InboxUpdate)
            .where(col(InboxUpdate.id).in_(ids), col(InboxUpdate.status).in_(WAITING))
            .values(claimed_by=None, claimed_until=None)
        )
        await uow.commit()
    return int(result.rowcount or 0)


async def forget_processed(
    deps: TriageDeps, now: datetime, keep: timedelta = KEEP_PROCESSED
) -> int:
    """Delete the rows finished (processed or abandoned) more than `keep` ago; how many."""
    async with deps.uow() as uow:
        result = await uow.session.exec(
            delete(InboxUpdate).where(
                col(InboxUpdate.status).in_(FINISHED), col(InboxUpdate.processed_at) < now - keep
            )
        )
        await uow.commit()
    return int(result.rowcount or 0)


async def release_orphans(
    deps: TriageDeps, now: datetime, alive: Callable[[set[int]], Awaitable[set[int]]]
) -> int:
    """Free the rows claimed by processes that died (their presence token no longer held:
    `alive` says which of the tokens are), so a live process takes them now rather than when
    the lease runs out. Claims named the older way wait for their lease."""
    async with deps.uow() as uow:
        owners = (
            await uow.session.exec(
                select(col(InboxUpdate.claimed_by))
                .where(col(InboxUpdate.status).in_(WAITING), col(InboxUpdate.claimed_until) > now)
                .distinct()
            )
        ).all()
        tokens = {t for o in owners if (t := owner_token(o)) is not None}
        if not tokens:
            return 0
        dead = tokens - await alive(tokens)
        orphaned = [o for o in owners if owner_token(o) in dead]
        if not orphaned:
            return 0
        result = await uow.session.exec(
            update(InboxUpdate)
            .where(col(InboxUpdate.claimed_by).in_(orphaned), col(InboxUpdate.status).in_(WAITING))
            .values(claimed_by=None, claimed_until=None)
        )
        await uow.commit()
    return int(result.rowcount or 0)
