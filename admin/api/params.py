"""What a partner API call asks for, checked against its token's grant: the scope the
endpoint needs and the regions asked (`region=32,31.74`; none: all the token's)."""

from __future__ import annotations

from aiohttp import web

from admin.api.errors import ApiError
from admin.state import PARTNER
from triage.domain.partners.access import InvalidGrant, Refusal, Scope, parse_regions
from triage.services.partners.calls import PartnerCaller

MAX_REGIONS = 100


def caller_with(request: web.Request, scope: Scope) -> PartnerCaller:
    """The caller, if its token has `scope` (else 403)."""
    caller = request[PARTNER]
    if scope not in caller.grant.scopes:
        raise ApiError(403, Refusal.SCOPE.value)
    return caller


def asked_regions(request: web.Request, caller: PartnerCaller) -> tuple[str, ...]:
    """The regions asked for, each inside the token's (403 otherwise; 400 if malformed)."""
    texts = [part for value in request.query.getall("region", []) for part in value.split(",")]
    if not any(text.strip() for text in texts):
        return caller.grant.regions
    if len(texts) > MAX_REGIONS:
        raise ApiError(400, "bad_region")
    try:
        asked = parse_regions(texts)
    except InvalidGrant as exc:
        raise ApiError(400, "bad_region") from exc
    narrowed = caller.grant.narrowed(asked)
    if isinstance(narrowed, Refusal):
        raise ApiError(403, narrowed.value)
    return narrowed
