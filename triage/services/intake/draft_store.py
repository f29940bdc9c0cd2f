"""The reporter's draft and chat profile as rows: read, create, and write back only if nobody
changed the draft in between (a `version` check). Helpers; they take the unit of work."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import col, delete, update

from triage.domain.intake.flow import IntakeState
from triage.storage.tables import ChatProfile, Draft
from triage.storage.uow import UnitOfWork


class DraftConflict(Exception):
    """Another update of the same chat changed the draft first; the caller retries."""


async def chat_profile(uow: UnitOfWork, user_id: int, now: datetime) -> ChatProfile:
    profile = await uow.session.get(ChatProfile, user_id)
    if profile is None:
        profile = ChatProfile(user_id=user_id, created_at=now)
        uow.session.add(profile)
    return profile


def new_draft(
    chat_id: int, user_id: int, state: IntakeState, now: datetime, update_id: int | None = None
) -> Draft:
    return Draft(
        chat_id=chat_id,
        user_id=user_id,
        step=state.step.value,
        answers=dict(state.answers),
        version=state.version,
        created_at=now,
        updated_at=now,
        last_update_id=update_id,
    )


async def save_draft(
    uow: UnitOfWork,
    draft: Draft,
    state: IntakeState,
    now: datetime,
    update_id: int | None = None,
) -> None:
    """Write the new state, and the update that made it (kept when none is given)."""
    result = await uow.session.exec(
        update(Draft)
        .where(col(Draft.chat_id) == draft.chat_id, col(Draft.version) == draft.version)
        .values(
            step=state.step.value,
            answers=dict(state.answers),
            version=state.version,
            updated_at=now,
            last_update_id=draft.last_update_id if update_id is None else update_id,
        )
    )
    if result.rowcount != 1:
        raise DraftConflict(str(draft.chat_id))


async def delete_draft(uow: UnitOfWork, draft: Draft) -> None:
    result = await uow.session.exec(
        delete(Draft).where(
            col(Draft.chat_id) == draft.chat_id, col(Draft.version) == draft.version
        )
    )
    if result.rowcount != 1:
        raise DraftConflict(str(draft.chat_id))
