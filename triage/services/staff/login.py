"""A login attempt: the throttle first, then the password (a bounded number at once), then
the counters. The throttle keys an account by a keyed hash of the typed name, so the
throttle table never holds what was typed."""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass
from datetime import datetime

from triage.domain.login_throttle import Throttled, ThrottlePolicy
from triage.services.common.deps import TriageDeps
from triage.services.common.events import audit
from triage.services.staff.accounts import (
    PasswordChecksBusy,
    StaffIdentity,
    authenticate,
    normalise_username,
)
from triage.services.staff.throttle import attempt_succeeded, claim_attempt, give_back_address


@dataclass(frozen=True, slots=True)
class LoginOutcome:
    """Logged in (`identity`), told to wait (`throttled`), the server too busy, or refused."""

    identity: StaffIdentity | None = None
    throttled: Throttled | None = None
    busy: bool = False


def username_digest(key: bytes, username: str) -> str:
    """HMAC-SHA256 of the normalised name: equal names match, the name cannot be read back."""
    return hmac.new(key, normalise_username(username).encode(), hashlib.sha256).hexdigest()[:32]


async def log_in(
    deps: TriageDeps,
    username: str,
    password: str,
    address: str | None,
    username_key: bytes,
    now: datetime,
    policy: ThrottlePolicy,
) -> LoginOutcome:
    """Check the throttle, then the password; every attempt is audited."""
    digest = username_digest(username_key, username)
    refused = await claim_attempt(deps, digest, address, now, policy)
    if refused is not None:
        async with deps.uow() as uow:
            audit(
                uow.session,
                normalise_username(username),
                "login_failed",
                now,
                reason="throttled",
                throttle=refused.kind.value,
            )
            await uow.commit()
        return LoginOutcome(throttled=refused)
    try:
        identity = await authenticate(deps, username, password, now)
    except PasswordChecksBusy:
        if address is not None:
            await give_back_address(deps, address)  # our overload, not their attempt
        return LoginOutcome(busy=True)
    if identity is not None:
        await attempt_succeeded(deps, digest, address)
    return LoginOutcome(identity=identity)
