"""Each partner API call: the bearer token checked and the call counted against the token's
rate limit in one short transaction (so several processes count the same calls), then, once
answered, one audit line with the route and the status (never the token, nor any case data).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import select

from triage.domain.partners.access import Grant, Refusal, Scope
from triage.domain.partners.rate import RatePolicy, Window, count_call
from triage.services.common.deps import TriageDeps
from triage.services.common.events import audit
from triage.services.partners.tokens import MAX_TOKEN_CHARS, token_hash
from triage.storage.tables import Partner

CALL_ACTION = "partner_api_call"
UNKNOWN_ACTOR = "partner:?"
KNOWN_SCOPES = frozenset(scope.value for scope in Scope)  # a stored name no longer known: none


@dataclass(frozen=True, slots=True)
class PartnerCaller:
    """Who is calling, and what the token grants."""

    id: int
    name: str
    grant: Grant

    @property
    def actor(self) -> str:
        return f"partner:{self.name}"


@dataclass(frozen=True, slots=True)
class Refused:
    refusal: Refusal
    partner: str | None = None  # the token's partner, when the token is known

    @property
    def actor(self) -> str:
        return f"partner:{self.partner}" if self.partner else UNKNOWN_ACTOR


@dataclass(frozen=True, slots=True)
class RateLimited:
    seconds: int  # until the window ends: the answer's Retry-After
    partner: str

    @property
    def actor(self) -> str:
        return f"partner:{self.partner}"


def _grant(row: Partner) -> Grant:
    return Grant(
        scopes=frozenset(Scope(name) for name in row.scopes if name in KNOWN_SCOPES),
        regions=tuple(row.regions),
        expires_at=row.expires_at,
        revoked_at=row.revoked_at,
    )


async def authenticate(
    deps: TriageDeps, token: str | None, policy: RatePolicy
) -> PartnerCaller | Refused | RateLimited:
    """The caller of a valid token with this call counted; why not; or how long to wait."""
    if not token:
        return Refused(Refusal.MISSING)
    if len(token) > MAX_TOKEN_CHARS or not token.isascii():
        return Refused(Refusal.UNKNOWN)
    now, wanted = deps.clock(), token_hash(token)
    async with deps.uow() as uow:
        await uow.lock_for_write()  # SQLite: the counter's read and write in one lock
        query = select(Partner).where(Partner.token_hash == wanted).with_for_update()
        row = (await uow.session.exec(query)).first()
        if row is None or row.id is None:
            return Refused(Refusal.UNKNOWN)
        grant = _grant(row)
        refusal = grant.refusal(now)
        if refusal is not None:
            return Refused(refusal, row.name)
        counted = count_call(policy, _window(row), now)
        if isinstance(counted, int):
            return RateLimited(counted, row.name)
        row.rate_window_started_at, row.rate_window_calls = counted.started_at, counted.calls
        row.last_used_at = now
        await uow.commit()
        return PartnerCaller(row.id, row.name, grant)


def _window(row: Partner) -> Window | None:
    if row.rate_window_started_at is None:
        return None
    return Window(row.rate_window_started_at, row.rate_window_calls)


async def record_call(
    deps: TriageDeps,
    actor: str,
    route: str,
    status: int,
    refusal: str | None = None,
) -> None:
    """One audit line per call, answered or refused (`actor`: the caller's `actor`)."""
    async with deps.uow() as uow:
        audit(
            uow.session,
            actor,
            CALL_ACTION,
            deps.clock(),
            route=route,
            status=status,
            refusal=refusal,
        )
        await uow.commit()
