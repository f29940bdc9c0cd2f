"""Remembers Telegram update ids, so an update delivered twice is handled once."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy.exc import IntegrityError
from sqlmodel import col, delete

from triage.services.common.deps import TriageDeps
from triage.storage.tables import ProcessedUpdate

KEEP_FOR = timedelta(days=2)


async def first_time_seen(deps: TriageDeps, update_id: int, now: datetime) -> bool:
    async with deps.uow() as uow:
        uow.session.add(ProcessedUpdate(update_id=update_id, received_at=now))
        try:
            await uow.commit()
        except IntegrityError:
            return False
    return True


async def forget_old_updates(deps: TriageDeps, now: datetime) -> None:
    async with deps.uow() as uow:
        await uow.session.exec(
            delete(ProcessedUpdate).where(col(ProcessedUpdate.received_at) < now - KEEP_FOR)
        )
        await uow.commit()
