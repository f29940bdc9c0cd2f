"""The reporter's draft and chat profile as rows: read, create, and write back only if nobody
changed the draft in between (a `version` check). Helpers; they take the unit of work."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import bindparam
from sqlmodel import col, delete, select, update

from triage.domain.intake.flow import IntakeState
from triage.storage.prepared import typed
from triage.storage.tables import ChatProfile, Draft
from triage.storage.uow import UnitOfWork


class DraftConflict(Exception):
    """Another update of the same chat changed the draft first; the caller retries."""


# Built once (every update reads the draft and the profile): `session.get` builds its
# statement and cache key anew at each call.
_DRAFT = select(Draft).where(col(Draft.chat_id) == bindparam("chat"))
_PROFILE = select(ChatProfile).where(col(ChatProfile.user_id) == bindparam("user"))


async def draft_of(uow: UnitOfWork, chat_id: int) -> Draft | None:
    return (await uow.session.exec(_DRAFT, params={"chat": chat_id})).first()


async def profile_of(uow: UnitOfWork, user_id: int) -> ChatProfile | None:
    return (await uow.session.exec(_PROFILE, params={"user": user_id})).first()


async def chat_profile(uow: UnitOfWork, user_id: int, now: datetime) -> ChatProfile:
    profile = await profile_of(uow, user_id)
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


_SAVE = (
    update(Draft)
    .where(col(Draft.chat_id) == bindparam("chat"), col(Draft.version) == bindparam("read"))
    .values(
        step=bindparam("new_step"),
        answers=typed("new_answers", col(Draft.answers)),
        version=bindparam("new_version"),
        updated_at=typed("now", col(Draft.updated_at)),
        last_update_id=bindparam("by_update"),
    )
)  # built once: every answer writes it


async def save_draft(
    uow: UnitOfWork,
    draft: Draft,
    state: IntakeState,
    now: datetime,
    update_id: int | None = None,
) -> None:
    """Write the new state, and the update that made it (kept when none is given)."""
    result = await uow.session.exec(
        _SAVE,
        params={
            "chat": draft.chat_id,
            "read": draft.version,
            "new_step": state.step.value,
            "new_answers": dict(state.answers),
            "new_version": state.version,
            "now": now,
            "by_update": draft.last_update_id if update_id is None else update_id,
        },
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
