"""Staff accounts for the admin view: create, change password, authenticate. Imports storage."""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import re
from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from functools import cache
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy.exc import IntegrityError
from sqlmodel import select

from triage.services.common.deps import TriageDeps
from triage.services.common.events import audit
from triage.services.staff.identity import ROLES, StaffRole, identity_of
from triage.services.staff.identity import StaffIdentity as StaffIdentity
from triage.services.staff.sessions import delete_sessions_of
from triage.storage.tables import StaffUser
from triage.storage.uow import UnitOfWork

MIN_PASSWORD_LENGTH = 10
MAX_PASSWORD_LENGTH = 1024
_USERNAME = re.compile(r"[a-z0-9._-]{3,64}")
_REGION_CODE = re.compile(r"\d{2}(\.\d{2}){0,3}")
UNKNOWN_PREFIX = "unknown:"
HASH_WAIT_SECONDS = 10.0  # longer in the queue for a password check: ask to try again


class PasswordChecksBusy(Exception):
    """Too many password checks are queued; the person should try again shortly."""


class StaffError(ValueError):
    """A staff account could not be created or changed; the message says why (in English,
    for the console) and `problem` which field is wrong (for the web form's words)."""

    def __init__(self, message: str, problem: str = "other") -> None:
        super().__init__(message)
        self.problem = problem


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
        raise StaffError(
            "username must be 3-64 characters: letters, digits, '.', '_' or '-'", "username"
        )
    return name


def check_password_rules(password: str) -> None:
    if not MIN_PASSWORD_LENGTH <= len(password) <= MAX_PASSWORD_LENGTH:
        raise StaffError(
            f"password must be at least {MIN_PASSWORD_LENGTH} characters long", "password"
        )


def _valid_role_and_regions(role: str, region_codes: Iterable[str]) -> tuple[StaffRole, list[str]]:
    if role not in ROLES:
        raise StaffError(f"role must be one of {', '.join(ROLES)}", "role")
    codes = [code.strip() for code in region_codes]
    bad = [code for code in codes if not _REGION_CODE.fullmatch(code)]
    if bad:
        raise StaffError(f"region codes must look like '31' or '31.74', got {bad!r}", "regions")
    if role == "supervisor" and not codes:
        raise StaffError("a supervisor needs at least one region code", "regions")
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
    created_by: str | None = None,
    must_change_password: bool = False,
) -> StaffIdentity:
    """Create an account; refuses bad input and an existing username (never resets a password).

    With `created_by` the creation is audited under that name.
    """
    name = _valid_username(username)
    check_password_rules(password)
    valid_role, codes = _valid_role_and_regions(role, region_codes)
    unknown = [code for code in codes if deps.regions.name(code) is None]
    if unknown:
        raise StaffError(f"unknown region codes: {', '.join(unknown)}", "unknown_regions")
    password_hash = await hash_password(deps, password)
    async with deps.uow() as uow:
        if await _find(uow, name) is not None:
            raise StaffError(
                f"a staff user named {name!r} already exists; to change its password: "
                f"lapor-sosial staff set-password {name}",
                "exists",
            )
        user = StaffUser(
            username=name,
            password_hash=password_hash,
            role=valid_role,
            region_codes=codes,
            created_at=now or datetime.now(UTC),
            must_change_password=must_change_password,
        )
        uow.session.add(user)
        if created_by is not None:
            await uow.session.flush()
            audit(uow.session, created_by, "staff_created", user.created_at, staff_id=user.id)
        try:
            await uow.commit()
        except IntegrityError as exc:
            raise StaffError(f"a staff user named {name!r} already exists", "exists") from exc
        return identity_of(user)


async def set_password(
    deps: TriageDeps,
    username: str,
    password: str,
    *,
    actor: str = "cli",
    now: datetime | None = None,
    must_change: bool = False,
    clear_second_factor: bool = False,
) -> None:
    """Replace the password of an existing account; every session of it ends; audited.

    `clear_second_factor` also forgets its authenticator (a lost phone): it sets one up again.
    """
    name = normalise_username(username)
    check_password_rules(password)
    password_hash = await hash_password(deps, password)
    async with deps.uow() as uow:
        user = await _find(uow, name)
        if user is None or user.id is None:
            raise StaffError(f"no staff user named {name!r}", "unknown")
        user.password_hash = password_hash
        user.must_change_password = must_change
        if clear_second_factor:
            forget_second_factor(user)
        uow.session.add(user)
        await delete_sessions_of(uow.session, user.id)
        audit(uow.session, actor, "password_reset", now or datetime.now(UTC), staff_id=user.id)
        await uow.commit()


def forget_second_factor(user: StaffUser) -> None:
    """Drop the account's authenticator secret and recovery codes."""
    user.totp_secret = None
    user.totp_last_step = None
    user.recovery_code_hashes = []


@asynccontextmanager
async def _hash_slot(deps: TriageDeps) -> AsyncIterator[None]:
    """One of the few password checks allowed at once; PasswordChecksBusy if none frees up."""
    try:
        async with asyncio.timeout(HASH_WAIT_SECONDS):
            await deps.password_checks.acquire()
    except TimeoutError as exc:
        raise PasswordChecksBusy() from exc
    try:
        yield
    finally:
        deps.password_checks.release()


async def hash_password(deps: TriageDeps, password: str) -> str:
    async with _hash_slot(deps):
        return await asyncio.to_thread(_hasher().hash, password)


async def verify_password(deps: TriageDeps, password_hash: str, password: str) -> bool:
    async with _hash_slot(deps):
        try:
            return await asyncio.to_thread(_hasher().verify, password_hash, password)
        except (VerificationError, InvalidHashError):
            return False


def username_digest(key: bytes, username: str) -> str:
    """HMAC-SHA256 of the normalised name: equal names match, the name cannot be read back."""
    return hmac.new(key, normalise_username(username).encode(), hashlib.sha256).hexdigest()[:32]


def unknown_actor(key: bytes, username: str) -> str:
    """How the audit log names a login for no account: a keyed hash, never what was typed
    (it may be a password typed into the wrong box)."""
    return f"{UNKNOWN_PREFIX}{username_digest(key, username)[:16]}"


async def login_actor(deps: TriageDeps, username: str, key: bytes) -> str:
    """The account's name when there is one, else the keyed hash of what was typed."""
    name = normalise_username(username)
    async with deps.uow() as uow:
        user = await _find(uow, name) if _USERNAME.fullmatch(name) else None
    return name if user is not None else unknown_actor(key, name)


async def authenticate(
    deps: TriageDeps, username: str, password: str, now: datetime, *, username_key: bytes
) -> StaffIdentity | None:
    """The identity if the password is right and the account active; every attempt is audited.

    The password is checked outside any transaction: no connection waits on argon2. A name
    that matches no account is audited only as a keyed hash (`unknown_actor`).
    """
    name = normalise_username(username)
    async with deps.uow() as uow:
        user = await _find(uow, name) if _USERNAME.fullmatch(name) else None
    if user is None or not user.active:
        await verify_password(deps, _dummy_hash(), password)
        if user is None:
            actor, reason = unknown_actor(username_key, name), "unknown_user"
        else:
            actor, reason = name, "inactive"
        await _audit(deps, now, actor, "login_failed", reason=reason)
        return None
    assert user.id is not None
    if not await verify_password(deps, user.password_hash, password):
        await _audit(deps, now, name, "login_failed", reason="wrong_password", staff_id=user.id)
        return None
    rehashed = (
        await hash_password(deps, password)
        if _hasher().check_needs_rehash(user.password_hash)
        else None
    )
    async with deps.uow() as uow:
        fresh = await uow.session.get(StaffUser, user.id)
        if fresh is None or not fresh.active or fresh.password_hash != user.password_hash:
            return None  # deactivated or changed meanwhile
        fresh.password_hash = rehashed or fresh.password_hash
        fresh.last_login_at = now
        uow.session.add(fresh)
        audit(uow.session, name, "login", now, staff_id=user.id)
        await uow.commit()
        return identity_of(fresh)


async def _audit(deps: TriageDeps, now: datetime, actor: str, action: str, **detail: Any) -> None:
    async with deps.uow() as uow:
        audit(uow.session, actor, action, now, **detail)
        await uow.commit()


async def staff_by_id(deps: TriageDeps, staff_id: int) -> StaffIdentity | None:
    """The identity of an active account, or None: a deactivated user's session stops working."""
    async with deps.uow() as uow:
        user = await uow.session.get(StaffUser, staff_id)
        if user is None or not user.active:
            return None
        return identity_of(user)
