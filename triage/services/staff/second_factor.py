"""An optional TOTP second factor for staff (RFC 6238, 30-second codes, as authenticator apps
use), with single-use recovery codes.

The secret is stored encrypted (Fernet, a key derived from SECRET_KEY by the caller), so a
copy of the database alone gives no codes; recovery codes are stored only as SHA-256 hashes
(they are long random strings, so no slow hash is needed). A code is accepted once: the
time step it belongs to is remembered.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime

import pyotp
from cryptography.fernet import Fernet, InvalidToken
from sqlmodel import col, select

from triage.services.common.deps import TriageDeps
from triage.services.common.events import audit
from triage.services.staff.accounts import StaffError, forget_second_factor, verify_password
from triage.services.staff.identity import StaffIdentity, identity_of
from triage.storage.tables import StaffUser

ISSUER = "Lapor Sosial"
RECOVERY_CODES = 10
RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
RECOVERY_LENGTH = 10  # about 49 random bits each
DRIFT_STEPS = 1  # a code from the step before or after still counts (clock drift)


@dataclass(frozen=True, slots=True)
class Enrolment:
    """A secret offered for setup: typed into an authenticator app, then confirmed by a code."""

    secret: str
    uri: str


def new_enrolment(username: str) -> Enrolment:
    secret = pyotp.random_base32()
    uri = pyotp.TOTP(secret).provisioning_uri(name=username, issuer_name=ISSUER)
    return Enrolment(secret, uri)


def grouped(secret: str) -> str:
    """`ABCD EFGH …`: easier to type into an app by hand."""
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def _normalise(code: str) -> str:
    return "".join(code.split()).replace("-", "").lower()


def _matching_step(secret: str, code: str, now: datetime) -> int | None:
    """The time step whose code this is (within the drift), or None."""
    digits = _normalise(code)
    if not (digits.isdigit() and len(digits) == 6):
        return None
    totp = pyotp.TOTP(secret)
    current = totp.timecode(now)
    for offset in range(-DRIFT_STEPS, DRIFT_STEPS + 1):
        if hmac.compare_digest(totp.at(now, counter_offset=offset), digits):
            return current + offset
    return None


def _recovery_hash(code: str) -> str:
    return hashlib.sha256(_normalise(code).encode()).hexdigest()


def new_recovery_codes() -> list[str]:
    """Ten codes like `k7mqx-3tp9w`, each usable once instead of an authenticator code."""
    codes = []
    for _ in range(RECOVERY_CODES):
        raw = "".join(secrets.choice(RECOVERY_ALPHABET) for _ in range(RECOVERY_LENGTH))
        codes.append(f"{raw[:5]}-{raw[5:]}")
    return codes


async def enable_second_factor(
    deps: TriageDeps, identity: StaffIdentity, secret: str, code: str, box: Fernet, now: datetime
) -> list[str]:
    """Turn the factor on once a code from the app matches; returns the recovery codes, which
    are shown once. Raises StaffError("code") when the code does not match."""
    step = _matching_step(secret, code, now)
    if step is None:
        raise StaffError("the code does not match; check the app's clock and try again", "code")
    recovery = new_recovery_codes()
    async with deps.uow() as uow:
        user = await uow.session.get(StaffUser, identity.id)
        if user is None or not user.active:
            raise StaffError("the account is no longer active", "unknown")
        user.totp_secret = box.encrypt(secret.encode()).decode()
        user.totp_last_step = step
        user.recovery_code_hashes = [_recovery_hash(c) for c in recovery]
        uow.session.add(user)
        audit(uow.session, identity.username, "second_factor_enabled", now, staff_id=identity.id)
        await uow.commit()
    return recovery


async def disable_second_factor(
    deps: TriageDeps, identity: StaffIdentity, password: str, now: datetime
) -> None:
    """Turn the factor off, after the current password. Raises StaffError("current")."""
    async with deps.uow() as uow:
        user = await uow.session.get(StaffUser, identity.id)
    if user is None or not await verify_password(deps, user.password_hash, password):
        raise StaffError("the current password is not right", "current")
    async with deps.uow() as uow:
        fresh = await uow.session.get(StaffUser, identity.id)
        if fresh is None:
            raise StaffError("the account is no longer active", "unknown")
        forget_second_factor(fresh)
        uow.session.add(fresh)
        audit(uow.session, identity.username, "second_factor_disabled", now, staff_id=identity.id)
        await uow.commit()


async def check_second_factor(
    deps: TriageDeps, staff_id: int, code: str, box: Fernet, now: datetime
) -> StaffIdentity | None:
    """The identity when `code` is a fresh authenticator code or an unused recovery code (which
    is then used up); None otherwise. Every attempt is audited."""
    async with deps.uow() as uow:
        user = await uow.session.get(StaffUser, staff_id)
        if user is None or not user.active or user.totp_secret is None:
            return None
        try:
            secret = box.decrypt(user.totp_secret.encode()).decode()
        except InvalidToken:
            return None  # SECRET_KEY changed: the admin resets the account
        step = _matching_step(secret, code, now)
        used = _recovery_hash(code)
        if step is not None and step > (user.totp_last_step or -1):
            user.totp_last_step, how = step, "authenticator"
        elif used in user.recovery_code_hashes:
            user.recovery_code_hashes = [h for h in user.recovery_code_hashes if h != used]
            how = "recovery_code"
        else:
            audit(uow.session, user.username, "login_failed", now, staff_id=staff_id,
                  reason="wrong_second_factor")  # fmt: skip
            await uow.commit()
            return None
        uow.session.add(user)
        audit(uow.session, user.username, "login_second_factor", now, staff_id=staff_id, by=how)
        await uow.commit()
        return identity_of(user)


async def recovery_codes_left(deps: TriageDeps, staff_id: int) -> int:
    async with deps.uow() as uow:
        user = await uow.session.get(StaffUser, staff_id)
    return len(user.recovery_code_hashes) if user is not None else 0


@dataclass(frozen=True, slots=True)
class Rekeyed:
    """What re-encrypting the authenticator secrets did, account by account."""

    rekeyed: tuple[str, ...]  # now readable with the new key
    already: tuple[str, ...]  # were readable with the new key already
    unreadable: tuple[str, ...]  # readable with neither: these set up their app again


async def rekey_second_factors(
    deps: TriageDeps, old: Fernet, new: Fernet, actor: str, now: datetime
) -> Rekeyed:
    """Re-encrypt every stored authenticator secret from the old SECRET_KEY's box to the new
    one, so a key rotation keeps everyone's authenticator app; one transaction, audited."""
    done: list[str] = []
    already: list[str] = []
    unreadable: list[str] = []
    async with deps.uow() as uow:
        query = select(StaffUser).where(col(StaffUser.totp_secret).is_not(None))
        for user in (await uow.session.exec(query.order_by(col(StaffUser.id)))).all():
            stored = (user.totp_secret or "").encode()
            if _readable(new, stored):
                already.append(user.username)
                continue
            if not _readable(old, stored):
                unreadable.append(user.username)
                continue
            user.totp_secret = new.encrypt(old.decrypt(stored)).decode()
            uow.session.add(user)
            done.append(user.username)
        audit(uow.session, actor, "second_factor_rekeyed", now, rekeyed=len(done),
              already=len(already), unreadable=len(unreadable))  # fmt: skip
        await uow.commit()
    return Rekeyed(tuple(done), tuple(already), tuple(unreadable))


def _readable(box: Fernet, token: bytes) -> bool:
    try:
        box.decrypt(token)
    except InvalidToken:
        return False
    return True
