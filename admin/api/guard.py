"""Each partner API call: the bearer token, the rate limit, the answer, the audit line.

The token is checked and the call counted in one transaction (`authenticate`); a refusal is
401 (no, unknown, expired or revoked token), 429 with Retry-After (over the rate limit), or
the view's own 400/403. Whatever the view raises, the partner gets JSON, and every call,
answered or refused, leaves one audit line with the route and the status.
"""

from __future__ import annotations

import logging

from aiohttp import web

from admin.api.errors import ApiError, json_error
from admin.declarations import Handler
from admin.state import ADMIN, PARTNER
from triage.services.common.failures import failure_frames
from triage.services.partners.calls import RateLimited, Refused, authenticate, record_call

logger = logging.getLogger(__name__)
CHALLENGE = 'Bearer realm="lapor-sosial"'


def bearer_token(header: str) -> str | None:
    scheme, _, token = header.strip().partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return None
    return token.strip()


async def partner_call(request: web.Request, handler: Handler) -> web.StreamResponse:
    deps = request.app[ADMIN].deps
    route = request.match_info.route.resource
    name = route.name if route is not None and route.name else "api"
    token = bearer_token(request.headers.get("Authorization", ""))
    caller = await authenticate(deps, token, request.app[ADMIN].security.partner_rate)
    if isinstance(caller, Refused):
        headers = {"WWW-Authenticate": CHALLENGE} if caller.refusal.status == 401 else None
        refused = json_error(caller.refusal.status, caller.refusal.value, headers)
        await record_call(deps, caller.actor, name, refused.status, caller.refusal.value)
        return refused
    if isinstance(caller, RateLimited):
        limited = json_error(429, "rate_limited", {"Retry-After": str(caller.seconds)})
        await record_call(deps, caller.actor, name, 429, "rate_limited")
        return limited
    request[PARTNER] = caller
    response, refusal = await _answer(request, handler)
    await record_call(deps, caller.actor, name, response.status, refusal)
    return response


async def _answer(request: web.Request, handler: Handler) -> tuple[web.StreamResponse, str | None]:
    try:
        return await handler(request), None
    except ApiError as exc:
        return json_error(exc.status, exc.code), exc.code
    except Exception as exc:
        # Type and code locations only: an exception's message may carry personal data.
        logger.error(
            "unhandled %s on %s\n%s", type(exc).__name__, request.path, failure_frames(exc)
        )
        return json_error(500, "server_error"), "server_error"
