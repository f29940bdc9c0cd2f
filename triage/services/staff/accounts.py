"""Staff accounts for the admin view: create, change password, authenticate. Imports storage."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Iterable
from datetime import UTC, datetime
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy.exc import IntegrityError
from sqlmodel import select

from triage.services.common.deps import TriageDeps
from triage.services.staff.identity import ROLES, StaffRole, identity_of
from triage.services.staff.identity import StaffIdentity as StaffIdentity
from triage.storage.tables import AuditLog, StaffUser
from triage.storage.uow import UnitOfWork

MIN_PASSWORD_LENGTH = 10
MAX_PASSWORD_LENGTH = 1024
_USERNAME = re.compile(r"[a-z0-9._-]{3,64}")
_REGION_CODE = re.compile(r"\d{2}(\.\d{2}){0,3}")


class StaffError(ValueError):
    """A staff account could not be created or changed; the message says why."""


@cache
def _hasher() -> PasswordHasher:
    return PasswordHasher()  # argon2id with the library's current recommended parameters


@cache
def _dummy_hash() -> str:
    """A hash to verify against when the user is unknown, so both paths cost about the same."""
    return _hasher().hash("not-a-real-password-only-for-timing")


def normalise_username(username: str) -> str:
    return username.strip().lower()


def _valid_username(username: str) -> str:
    name = normalise_username(username)
    if not _USERNAME.fullmatch(name):
        raise StaffError("username must be 3-64 characters: letters, digits, '.', '_' or '-'")
    return name


def _check_password(password: str) -> None:
    if not MIN_PASSWORD_LENGTH <= len(password) <= MAX_PASSWORD_LENGTH:
        raise StaffError(f"password must be at least {MIN_PASSWORD_LENGTH} characters long")


def _valid_role_and_regions(role: str, region_codes: Iterable[str]) -> tuple[StaffRole, list[str]]:
    if role not in ROLES:
        raise StaffError(f"role must be one of {', '.join(ROLES)}")
    codes = [code.strip() for code in region_codes]
    bad = [code for code in codes if not _REGION_CODE.fullmatch(code)]
    if bad:
        raise StaffError(f"region codes must look like '31' or '31.74', got {bad!r}")
    if role == "supervisor" and not codes:
        raise StaffError("a supervisor needs at least one region code")
    return role, codes


async def _find(uow: UnitOfWork, username: str) -> StaffUser | None:
    result = await uow.session.exec(select(StaffUser).where(StaffUser.username == username))
    return result.first()


async def create_staff_user(
    deps: TriageDeps,
    username: str,
    password: str,
    role: str = "admin",
    region_codes: Iterable[str] = (),
    *,
    now: datetime | None = None,
) -> StaffIdentity:
    """Create an account; refuses bad input and an existing username (never resets a password)."""
    name = _valid_username(username)
    _check_password(password)
    valid_role, codes = _valid_role_and_regions(role, region_codes)
    password_hash = await asyncio.to_thread(_hasher().hash, password)
    async with deps.uow() as uow:
        if await _find(uow, name) is not None:
            raise StaffError(f"a staff user named {name!r} already exists; use set-password")
        user = StaffUser(
            username=name,
            password_hash=password_hash,
            role=valid_role,
            region_codes=codes,
            created_at=now or datetime.now(UTC),
        )
        uow.session.add(user)
        try:
            await uow.commit()
        except IntegrityError as exc:
            raise StaffError(f"a staff user named {name!r} already exists") from exc
        return identity_of(user)


async def set_password(deps: TriageDeps, username: str, password: str) -> None:
    """Replace the password of an existing account."""
    name = normalise_username(username)
    _check_password(password)
    password_hash = await asyncio.to_thread(_hasher().hash, password)
    async with deps.uow() as uow:
        user = await _find(uow, name)
        if user is None:
            raise StaffError(f"no staff user named {name!r}")
        user.password_hash = password_hash
        uow.session.add(user)
        await uow.commit()


async def _verify(password_hash: str, password: str) -> bool:
    try:
        return await asyncio.to_thread(_hasher().verify, password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def _audit(uow: UnitOfWork, now: datetime, username: str, action: str, **detail: object) -> None:
    uow.session.add(AuditLog(at=now, actor=username[:64], action=action, detail=detail))


async def authenticate(
    deps: TriageDeps, username: str, password: str, now: datetime
) -> StaffIdentity | None:
    """The identity if the password is right and the account active; every attempt is audited."""
    name = normalise_username(username)
    async with deps.uow() as uow:
        user = await _find(uow, name) if _USERNAME.fullmatch(name) else None
        if user is None or not user.active:
            await _verify(_dummy_hash(), password)
            reason = "unknown_user" if user is None else "inactive"
            _audit(uow, now, name, "login_failed", reason=reason)
            await uow.commit()
            return None
        if not await _verify(user.password_hash, password):
            _audit(uow, now, name, "login_failed", reason="wrong_password", staff_id=user.id)
            await uow.commit()
            return None
        if _hasher().check_needs_rehash(user.password_hash):
            user.password_hash = await asyncio.to_thread(_hasher().hash, password)
        user.last_login_at = now
        uow.session.add(user)
        _audit(uow, now, name, "login", staff_id=user.id)
        await uow.commit()
        return identity_of(user)


async def staff_by_id(deps: TriageDeps, staff_id: int) -> StaffIdentity | None:
    """The identity of an active account, or None: a deactivated user's session stops working."""
    async with deps.uow() as uow:
        user = await uow.session.get(StaffUser, staff_id)
        if user is None or not user.active:
            return None
        return identity_of(user)
