"""Staff sessions kept on the server: open, resume within the idle and absolute limits, end.

The browser holds only a random id; the row holds its SHA-256 (a 256-bit random id needs no
slow hash), so a copied database cannot be replayed as cookies. Deleting the row ends the
session wherever the cookie was copied to.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import bindparam, delete, or_, update
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from triage.services.common.deps import TriageDeps
from triage.services.common.events import audit
from triage.services.staff.identity import StaffIdentity, identity_of
from triage.storage.tables import StaffSession, StaffUser

TOKEN_BYTES = 32
TOUCH_EVERY = timedelta(minutes=1)  # last_seen_at is written at most this often


@dataclass(frozen=True, slots=True)
class SessionPolicy:
    """A session ends after `idle` without a request, and `lifetime` after login at the latest."""

    idle: timedelta = timedelta(minutes=30)
    lifetime: timedelta = timedelta(hours=8)


@dataclass(frozen=True, slots=True)
class ClientInfo:
    """Where a request came from: the address and a short browser summary (never the full string)."""

    address: str | None = None
    user_agent: str | None = None


@dataclass(frozen=True, slots=True)
class ResumedSession:
    identity: StaffIdentity
    data: dict[str, Any]


@dataclass(frozen=True, slots=True)
class SessionInfo:
    """One of a staff member's open sessions, for their account page."""

    created_at: datetime
    last_seen_at: datetime
    source_address: str | None
    user_agent: str | None
    current: bool


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _expired(row: StaffSession, now: datetime, policy: SessionPolicy) -> bool:
    return now - row.last_seen_at > policy.idle or now - row.created_at > policy.lifetime


def _stale(now: datetime, policy: SessionPolicy) -> Any:
    return or_(
        col(StaffSession.last_seen_at) < now - policy.idle,
        col(StaffSession.created_at) < now - policy.lifetime,
    )


async def open_session(
    deps: TriageDeps,
    staff_id: int,
    data: dict[str, Any],
    client: ClientInfo,
    now: datetime,
    policy: SessionPolicy,
) -> str:
    """A new session for the staff member; returns the id for the cookie (shown only here)."""
    token = secrets.token_urlsafe(TOKEN_BYTES)
    async with deps.uow() as uow:
        await uow.session.exec(delete(StaffSession).where(_stale(now, policy)))
        uow.session.add(
            StaffSession(
                token_hash=token_hash(token),
                staff_id=staff_id,
                created_at=now,
                last_seen_at=now,
                source_address=client.address,
                user_agent=client.user_agent,
                data=data,
            )
        )
        await uow.commit()
    return token


# Read on every request of a logged-in page: built once, the token's hash bound per call.
_SESSION_WITH_USER = (
    select(StaffSession, StaffUser)
    .join(StaffUser, col(StaffUser.id) == col(StaffSession.staff_id))
    .where(col(StaffSession.token_hash) == bindparam("token_hash"))
)


async def resume_session(
    deps: TriageDeps, token: str, now: datetime, policy: SessionPolicy
) -> ResumedSession | None:
    """The session's staff member and data; None (and the row gone) when it has ended."""
    async with deps.uow() as uow:
        params = {"token_hash": token_hash(token)}
        found = (await uow.session.exec(_SESSION_WITH_USER, params=params)).first()
        if found is None:
            return None
        row, user = found
        if _expired(row, now, policy) or not user.active:
            await uow.session.delete(row)
            await uow.commit()
            return None
        if now - row.last_seen_at >= TOUCH_EVERY:
            row.last_seen_at = now
            uow.session.add(row)
            await uow.commit()
        return ResumedSession(identity_of(user), dict(row.data))


async def save_session_data(deps: TriageDeps, token: str, data: dict[str, Any]) -> None:
    async with deps.uow() as uow:
        await uow.session.exec(
            update(StaffSession)
            .where(col(StaffSession.token_hash) == token_hash(token))
            .values(data=data)
        )
        await uow.commit()


async def end_session(deps: TriageDeps, token: str, now: datetime) -> None:
    """Log out: the row is deleted, so the cookie stops working everywhere; audited."""
    async with deps.uow() as uow:
        row = (
            await uow.session.exec(
                select(StaffSession).where(col(StaffSession.token_hash) == token_hash(token))
            )
        ).first()
        if row is None:
            return
        user = await uow.session.get(StaffUser, row.staff_id)
        if user is not None:
            audit(uow.session, user.username, "logout", now, staff_id=row.staff_id)
        await uow.session.delete(row)
        await uow.commit()


async def delete_sessions_of(session: AsyncSession, staff_id: int) -> None:
    """End every session of a staff member, inside the caller's unit of work."""
    await session.exec(delete(StaffSession).where(col(StaffSession.staff_id) == staff_id))


async def sessions_of(
    deps: TriageDeps, staff_id: int, current_token: str | None, now: datetime, policy: SessionPolicy
) -> list[SessionInfo]:
    """The staff member's sessions still open, most recently used first."""
    current = token_hash(current_token) if current_token else None
    query = (
        select(StaffSession)
        .where(col(StaffSession.staff_id) == staff_id)
        .order_by(col(StaffSession.last_seen_at).desc(), col(StaffSession.id).desc())
    )
    async with deps.uow() as uow:
        rows = (await uow.session.exec(query)).all()
    return [
        SessionInfo(
            row.created_at,
            row.last_seen_at,
            row.source_address,
            row.user_agent,
            row.token_hash == current,
        )
        for row in rows
        if not _expired(row, now, policy)
    ]
