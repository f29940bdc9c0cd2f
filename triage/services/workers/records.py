"""Worker rows as plain data, and the lookups the worker services share. Imports storage."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import bindparam, or_
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from triage.services.workers.fields import name_key
from triage.storage.tables import Worker


class WorkerAdminError(ValueError):
    """An administration request that cannot be done; the message says why, without names."""


@dataclass(frozen=True, slots=True)
class WorkerInfo:
    """What callers may know about a worker."""

    id: int
    name: str
    role: str
    region_codes: tuple[str, ...]
    on_duty: bool
    telegram_user_id: int | None


def worker_info(worker: Worker) -> WorkerInfo:
    assert worker.id is not None
    return WorkerInfo(
        id=worker.id,
        name=worker.name,
        role=worker.role,
        region_codes=tuple(worker.region_codes),
        on_duty=worker.on_duty,
        telegram_user_id=worker.telegram_user_id,
    )


async def all_workers(session: AsyncSession) -> list[Worker]:
    """The active workers (imports and lookups by name pass deactivated ones by)."""
    query = select(Worker).where(col(Worker.active).is_(True)).order_by(col(Worker.id))
    return list((await session.exec(query)).all())


# Built once: every typed message (a worker's awaited note, or a reporter's answer) looks up
# the sender's account first.
_BOUND = select(Worker).where(
    col(Worker.telegram_user_id) == bindparam("account"), col(Worker.active).is_(True)
)
_BOUND_OR_ENDED = (
    select(Worker)
    .where(
        or_(
            col(Worker.telegram_user_id) == bindparam("account"),
            col(Worker.ended_telegram_user_id) == bindparam("account"),
        )
    )
    .order_by(col(Worker.updated_at).desc(), col(Worker.id).desc())
)


async def find_by_telegram(session: AsyncSession, telegram_user_id: int) -> Worker | None:
    """The active worker bound to this Telegram account, or None."""
    return (await session.exec(_BOUND, params={"account": telegram_user_id})).first()


def ended_account(worker: Worker, new_telegram_user_id: int | None) -> int | None:
    """The worker's `ended_telegram_user_id` once they are bound to the new account (None:
    unbound): the account they leave, else the one that ended before unless it is back."""
    old = worker.telegram_user_id
    if old is not None and old != new_telegram_user_id:
        return old
    ended = worker.ended_telegram_user_id
    return None if ended == new_telegram_user_id else ended


def end_binding(worker: Worker) -> None:
    """No Telegram account and no open invite: the account's access ends now."""
    worker.ended_telegram_user_id = ended_account(worker, None)
    worker.telegram_user_id = None
    worker.invite_code_hash = None
    worker.invite_expires_at = None
    worker.invite_redeemed_at = None
    worker.invite_redeemed_username = None


@dataclass(frozen=True, slots=True)
class Account:
    """What one Telegram account is to the workers: bound to an active worker, or the
    account of a worker whose access ended (deactivated, unbound, moved), or neither."""

    active: Worker | None
    ended: Worker | None


async def account(session: AsyncSession, telegram_user_id: int) -> Account:
    """One query over both: the account bound now, and the one whose access ended."""
    found = list((await session.exec(_BOUND_OR_ENDED, params={"account": telegram_user_id})).all())
    active = [w for w in found if w.active and w.telegram_user_id == telegram_user_id]
    if active:
        return Account(active[0], None)
    return Account(None, found[0] if found else None)


async def find_one(session: AsyncSession, name_or_id: str) -> Worker:
    """The worker with this id ("12" or "#12") or this exact name (case and spaces aside)."""
    text = name_or_id.strip().removeprefix("#")
    if text.isascii() and text.isdigit():
        worker = await session.get(Worker, int(text))
        if worker is None or not worker.active:
            raise WorkerAdminError(f"there is no worker with id {int(text)}")
        return worker
    key = name_key(text)
    found = [w for w in await all_workers(session) if name_key(w.name) == key]
    if not found:
        raise WorkerAdminError("no worker has this name; check the spelling or give the id")
    if len(found) > 1:
        ids = ", ".join(str(w.id) for w in found)
        raise WorkerAdminError(f"several workers have this name (ids {ids}); give the id")
    return found[0]
