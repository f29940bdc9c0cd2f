"""Abandoned questionnaires: one reminder after 30 minutes, discarded after 24 hours."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlmodel import col, delete, select
from sqlmodel.ext.asyncio.session import AsyncSession

from triage.services.common.deps import TriageDeps
from triage.services.outbox.port import Envelope
from triage.services.outbox.queue import enqueue
from triage.storage.tables import ChatProfile, Draft

REMIND_AFTER = timedelta(minutes=30)
DISCARD_AFTER = timedelta(hours=24)
BATCH = 200


@dataclass(frozen=True, slots=True)
class CleanupResult:
    reminded: int
    discarded: int


async def remind_and_discard(deps: TriageDeps) -> CleanupResult:
    """One pass: remind quiet drafts once, delete stale ones; messages go via the outbox."""
    now = deps.clock()
    async with deps.uow() as uow:
        session = uow.session
        quiet = select(Draft).where(
            col(Draft.updated_at) < now - REMIND_AFTER, col(Draft.reminded_at).is_(None)
        )
        reminded = 0
        for draft in (await session.exec(quiet.limit(BATCH))).all():
            if draft.updated_at >= now - DISCARD_AFTER:
                draft.reminded_at = now
                await _tell(deps, session, draft, "reminder", now)
                reminded += 1
        stale = (
            await session.exec(
                select(Draft).where(col(Draft.updated_at) < now - DISCARD_AFTER).limit(BATCH)
            )
        ).all()
        for draft in stale:
            await _tell(deps, session, draft, "discarded", now)
        if stale:
            await session.exec(
                delete(Draft).where(col(Draft.chat_id).in_([d.chat_id for d in stale]))
            )
        await uow.commit()
    return CleanupResult(reminded, len(stale))


async def _tell(
    deps: TriageDeps, session: AsyncSession, draft: Draft, kind: str, now: datetime
) -> None:
    """The reminder or the notice of deletion, in the language the reporter chose; nothing
    for a blocked reporter, who could not go on anyway."""
    profile = await session.get(ChatProfile, draft.user_id)
    if profile is not None and profile.blocked:
        return
    lang = str(draft.answers.get("language") or (profile.language if profile else None) or "id")
    key = f"draft:{draft.chat_id}:{int(draft.created_at.timestamp())}:{kind}"
    to = Envelope(key, draft.chat_id, lang)
    build = deps.messages.draft_reminder if kind == "reminder" else deps.messages.draft_discarded
    await enqueue(session, build(to), now)
