"""Worker rows as plain data, and the lookups the worker services share. Imports storage."""

from __future__ import annotations

from dataclasses import dataclass

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


async def find_by_telegram(session: AsyncSession, telegram_user_id: int) -> Worker | None:
    """The active worker bound to this Telegram account, or None."""
    query = select(Worker).where(
        col(Worker.telegram_user_id) == telegram_user_id, col(Worker.active).is_(True)
    )
    return (await session.exec(query)).first()


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
