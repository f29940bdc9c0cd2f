"""What a partner's token may do, and when it stops working. Pure.

A token has scopes: `stats` (aggregate figures with small counts hidden), `cases` (the
structured fields of its regions' cases) and `pii` (with `cases`: also the story and the
contact details). It covers region codes the way staff's do (a province covers its
kabupaten/kota, `triage.domain.roster.codes_cover`). A revoked or expired token opens nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from triage.domain.roster import codes_cover


class Scope(StrEnum):
    STATS = "stats"
    CASES = "cases"
    PII = "pii"


class Refusal(StrEnum):
    """Why a call is refused: the first four are 401, the last two 403."""

    MISSING = "missing_token"
    UNKNOWN = "unknown_token"
    EXPIRED = "expired_token"
    REVOKED = "revoked_token"
    SCOPE = "scope_not_granted"
    REGION = "region_not_granted"

    @property
    def status(self) -> int:
        return 403 if self in (Refusal.SCOPE, Refusal.REGION) else 401


class InvalidGrant(ValueError):
    """A scope list, region list or lifetime that cannot be granted, said plainly."""


_LIFETIME = re.compile(r"([1-9][0-9]{0,4})([hdw])")
_UNITS = {"h": timedelta(hours=1), "d": timedelta(days=1), "w": timedelta(weeks=1)}
MAX_LIFETIME = timedelta(days=3660)
_REGION_CODE = re.compile(r"[0-9]{2}(\.[0-9]{2})?")


def parse_scopes(text: str) -> frozenset[Scope]:
    """`stats`, `cases`, `cases,pii`, `stats,cases` …; `pii` only with `cases`."""
    names = [part.strip().lower() for part in text.split(",") if part.strip()]
    try:
        scopes = frozenset(Scope(name) for name in names)
    except ValueError as exc:
        raise InvalidGrant(f"unknown scope in '{text}': use stats, cases and pii") from exc
    if not scopes:
        raise InvalidGrant("give at least one scope: stats, cases or cases,pii")
    if Scope.PII in scopes and Scope.CASES not in scopes:
        raise InvalidGrant("the pii scope comes only with the cases scope (cases,pii)")
    return scopes


def parse_lifetime(text: str) -> timedelta:
    """`90d`, `12h` or `2w`: how long a token works."""
    match = _LIFETIME.fullmatch(text.strip().lower())
    if match is None:
        raise InvalidGrant(f"a lifetime is a number and h, d or w (such as 90d), not '{text}'")
    lifetime = int(match.group(1)) * _UNITS[match.group(2)]
    if lifetime > MAX_LIFETIME:
        raise InvalidGrant("a token lives at most ten years")
    return lifetime


def parse_regions(codes: Iterable[str]) -> tuple[str, ...]:
    """Province ("32") or kabupaten/kota ("32.73") codes, at least one."""
    cleaned = sorted({code.strip() for code in codes if code.strip()})
    if not cleaned:
        raise InvalidGrant("give at least one region code with --regions")
    wrong = [code for code in cleaned if not _REGION_CODE.fullmatch(code)]
    if wrong:
        raise InvalidGrant(f"not a province or kabupaten/kota code: {', '.join(wrong)}")
    return tuple(cleaned)


@dataclass(frozen=True, slots=True)
class Grant:
    """A stored token's grant, as the check needs it."""

    scopes: frozenset[Scope]
    regions: tuple[str, ...]
    expires_at: datetime | None
    revoked_at: datetime | None

    def refusal(self, now: datetime) -> Refusal | None:
        """Why the token opens nothing now, or None while it works."""
        if self.revoked_at is not None:
            return Refusal.REVOKED
        if self.expires_at is not None and now >= self.expires_at:
            return Refusal.EXPIRED
        return None

    def covers(self, code: str) -> bool:
        return codes_cover(self.regions, code)

    def narrowed(self, asked: tuple[str, ...]) -> tuple[str, ...] | Refusal:
        """The regions a call asks for (none: all the token's), each inside the grant."""
        if not asked:
            return self.regions
        if not all(self.covers(code) for code in asked):
            return Refusal.REGION
        return asked
