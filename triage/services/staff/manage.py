"""Staff accounts as an admin manages them (list, deactivate, reactivate, reset the password)
and as their owner changes the password. Each change ends the sessions it must and is audited."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import col, func, select

from triage.domain.login_throttle import Throttled, ThrottlePolicy
from triage.services.common.deps import TriageDeps
from triage.services.common.events import audit, audit_source
from triage.services.staff.accounts import (
    PasswordChecksBusy,
    StaffError,
    StaffIdentity,
    check_password_rules,
    hash_password,
    normalise_username,
    set_password,
    username_digest,
    verify_password,
)
from triage.services.staff.identity import StaffRole
from triage.services.staff.sessions import delete_sessions_of
from triage.services.staff.throttle import attempt_succeeded, claim_attempt
from triage.storage.tables import StaffSession, StaffUser
from triage.storage.uow import UnitOfWork

TEMPORARY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i to misread
TEMPORARY_GROUPS = 3
TEMPORARY_GROUP_LENGTH = 4


class AdminOnly(PermissionError):
    """Only an admin may manage staff accounts."""


@dataclass(frozen=True, slots=True)
class StaffAccount:
    """One row of the staff list: no password hash, nothing secret."""

    id: int
    username: str
    role: StaffRole
    region_codes: tuple[str, ...]
    active: bool
    created_at: datetime
    last_login_at: datetime | None
    open_sessions: int
    must_change_password: bool


@dataclass(frozen=True, slots=True)
class PasswordChange:
    """The outcome of changing one's own password: done, refused (StaffError), or throttled."""

    throttled: Throttled | None = None
    busy: bool = False


def temporary_password() -> str:
    """Like `k7mq-x3tp-9wza`: about 59 random bits, easy to read out and to type once."""
    return "-".join(
        "".join(secrets.choice(TEMPORARY_ALPHABET) for _ in range(TEMPORARY_GROUP_LENGTH))
        for _ in range(TEMPORARY_GROUPS)
    )


def _require_admin(viewer: StaffIdentity) -> None:
    if viewer.role != "admin":
        raise AdminOnly()


async def list_staff(deps: TriageDeps, viewer: StaffIdentity, now: datetime) -> list[StaffAccount]:
    """Every staff account, active ones first, by name; with their open session counts."""
    _require_admin(viewer)
    sessions = (
        select(col(StaffSession.staff_id), func.count())
        .group_by(col(StaffSession.staff_id))
    )  # fmt: skip
    async with deps.uow() as uow:
        users = (
            await uow.session.exec(
                select(StaffUser).order_by(col(StaffUser.active).desc(), col(StaffUser.username))
            )
        ).all()
        counts = dict((await uow.session.exec(sessions)).all())
    return [
        StaffAccount(
            id=user.id or 0,
            username=user.username,
            role="admin" if user.role == "admin" else "supervisor",
            region_codes=tuple(user.region_codes),
            active=user.active,
            created_at=user.created_at,
            last_login_at=user.last_login_at,
            open_sessions=counts.get(user.id or 0, 0) if user.active else 0,
            must_change_password=user.must_change_password,
        )
        for user in users
    ]


async def _account(uow: UnitOfWork, username: str) -> StaffUser:
    user = (
        await uow.session.exec(
            select(StaffUser).where(col(StaffUser.username) == normalise_username(username))
        )
    ).first()
    if user is None or user.id is None:
        raise StaffError(f"no staff user named {normalise_username(username)!r}", "unknown")
    return user


async def _other_active_admins(uow: UnitOfWork, user: StaffUser) -> int:
    query = select(func.count()).where(
        col(StaffUser.role) == "admin", col(StaffUser.active), col(StaffUser.id) != user.id
    )
    return (await uow.session.exec(query)).one()


async def set_active(
    deps: TriageDeps, actor: str, username: str, active: bool, now: datetime
) -> None:
    """Deactivate (every session ends at once) or reactivate an account; audited.

    The last active admin cannot be deactivated: nobody could manage accounts any more.
    """
    async with deps.uow() as uow:
        user = await _account(uow, username)
        assert user.id is not None
        last_admin = not active and user.active and user.role == "admin"
        if last_admin and await _other_active_admins(uow, user) == 0:
            raise StaffError("the last active admin cannot be deactivated", "last_admin")
        if user.active == active:
            return
        user.active = active
        uow.session.add(user)
        if not active:
            await delete_sessions_of(uow.session, user.id)
        action = "staff_activated" if active else "staff_deactivated"
        audit(uow.session, actor, action, now, staff_id=user.id)
        await uow.commit()


async def admin_set_active(
    deps: TriageDeps, viewer: StaffIdentity, username: str, active: bool, now: datetime
) -> None:
    """An admin deactivates or reactivates another account (never their own)."""
    _require_admin(viewer)
    if normalise_username(username) == viewer.username:
        raise StaffError("you cannot deactivate your own account", "self")
    await set_active(deps, viewer.username, username, active, now)


async def reset_password(
    deps: TriageDeps, viewer: StaffIdentity, username: str, now: datetime
) -> str:
    """A new temporary password for another account (to be changed at its next login); every
    session of the account ends and its authenticator is forgotten (the usual reason for a
    reset is a lost phone). The password is returned once and stored only hashed."""
    _require_admin(viewer)
    if normalise_username(username) == viewer.username:
        raise StaffError("change your own password on your account page", "self")
    password = temporary_password()
    await set_password(
        deps, username, password, actor=viewer.username, now=now, must_change=True,
        clear_second_factor=True,
    )  # fmt: skip
    return password


async def change_own_password(
    deps: TriageDeps,
    identity: StaffIdentity,
    current: str,
    new: str,
    *,
    address: str | None,
    username_key: bytes,
    now: datetime,
    policy: ThrottlePolicy,
) -> PasswordChange:
    """Check the current password (throttled like a login), set the new one, end every
    session of the account (the caller starts a fresh one for this browser); audited.

    Raises StaffError: `current` wrong, `password` too short or long, `same` as before.
    """
    with audit_source(address):
        check_password_rules(new)
        if new == current:
            raise StaffError("the new password must differ from the current one", "same")
        digest = username_digest(username_key, identity.username)
        refused = await claim_attempt(deps, digest, address, now, policy)
        if refused is not None:
            return PasswordChange(throttled=refused)
        async with deps.uow() as uow:
            stored = await uow.session.get(StaffUser, identity.id)
        if stored is None or not stored.active:
            raise StaffError("the account is no longer active", "unknown")
        try:
            right = await verify_password(deps, stored.password_hash, current)
            new_hash = await hash_password(deps, new) if right else ""
        except PasswordChecksBusy:
            return PasswordChange(busy=True)
        if not right:
            await _audit_wrong_current(deps, identity, now)
            raise StaffError("the current password is not right", "current")
        await attempt_succeeded(deps, digest, address)
        async with deps.uow() as uow:
            user = await uow.session.get(StaffUser, identity.id)
            if user is None or user.password_hash != stored.password_hash:
                raise StaffError("the password was changed meanwhile", "current")
            user.password_hash = new_hash
            user.must_change_password = False
            uow.session.add(user)
            await delete_sessions_of(uow.session, identity.id)
            audit(uow.session, identity.username, "password_changed", now, staff_id=identity.id)
            await uow.commit()
        return PasswordChange()


async def _audit_wrong_current(deps: TriageDeps, identity: StaffIdentity, now: datetime) -> None:
    async with deps.uow() as uow:
        audit(
            uow.session,
            identity.username,
            "password_change_failed",
            now,
            staff_id=identity.id,
            reason="wrong_current_password",
        )
        await uow.commit()
