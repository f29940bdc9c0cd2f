"""A login attempt: the throttle first, then the password (a bounded number at once), then
the counters. The throttle keys an account by a keyed hash of the typed name, and a name
that matches no account reaches the audit log only as a keyed hash: nothing stores what
was typed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from triage.domain.login_throttle import Throttled, ThrottlePolicy
from triage.services.common.deps import TriageDeps
from triage.services.common.events import audit, audit_source
from triage.services.staff.accounts import (
    PasswordChecksBusy,
    StaffIdentity,
    authenticate,
    login_actor,
    username_digest,
)
from triage.services.staff.throttle import attempt_succeeded, claim_attempt, give_back_address


@dataclass(frozen=True, slots=True)
class LoginOutcome:
    """Logged in (`identity`), told to wait (`throttled`), the server too busy, or refused."""

    identity: StaffIdentity | None = None
    throttled: Throttled | None = None
    busy: bool = False


async def log_in(
    deps: TriageDeps,
    username: str,
    password: str,
    address: str | None,
    username_key: bytes,
    now: datetime,
    policy: ThrottlePolicy,
) -> LoginOutcome:
    """Check the throttle, then the password; every attempt is audited with its address."""
    with audit_source(address):
        return await _log_in(deps, username, password, address, username_key, now, policy)


async def _log_in(
    deps: TriageDeps,
    username: str,
    password: str,
    address: str | None,
    username_key: bytes,
    now: datetime,
    policy: ThrottlePolicy,
) -> LoginOutcome:
    digest = username_digest(username_key, username)
    refused = await claim_attempt(deps, digest, address, now, policy)
    if refused is not None:
        actor = await login_actor(deps, username, username_key)
        async with deps.uow() as uow:
            audit(
                uow.session,
                actor,
                "login_failed",
                now,
                reason="throttled",
                throttle=refused.kind.value,
            )
            await uow.commit()
        return LoginOutcome(throttled=refused)
    try:
        identity = await authenticate(deps, username, password, now, username_key=username_key)
    except PasswordChecksBusy:
        if address is not None:
            await give_back_address(deps, address)  # our overload, not their attempt
        return LoginOutcome(busy=True)
    if identity is not None:
        await attempt_succeeded(deps, digest, address)
    return LoginOutcome(identity=identity)
