"""CSRF protection for every unsafe request, enforced by a middleware.

A per-session random token must come back in the form field `csrf_token` (or the
`X-CSRF-Token` header), compared in constant time; and when the browser says where the
request came from (`Origin`, `Sec-Fetch-Site`), it must be this site. A new POST view is
protected without remembering to be. Only a route declared for machines with their own
credential (`Access.TELEGRAM`: the webhook's secret header) is exempt: no cookie of a browser
authorises it, so a forged cross-site request gains nothing; so is the partner API
(`Access.PARTNER`, bearer tokens only).
"""

from __future__ import annotations

import hmac
import secrets
from collections.abc import Awaitable, Callable

from aiohttp import web
from aiohttp_session import Session, get_session
from yarl import URL

from admin.api.errors import api_path
from admin.declarations import access_of

SESSION_KEY = "csrf"
FORM_FIELD = "csrf_token"
HEADER = "X-CSRF-Token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
SAME_SITE_FETCHES = frozenset({"same-origin", "none"})

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


class CsrfRefused(web.HTTPForbidden):
    """The form's token or origin did not match: shown as an expired form."""


def new_csrf_token(session: Session) -> str:
    """Store a fresh token in the session (at login) and return it."""
    token = secrets.token_urlsafe(32)
    session[SESSION_KEY] = token
    return token


def csrf_token(session: Session) -> str:
    """The session's token, created on first use."""
    token = session.get(SESSION_KEY)
    return token if isinstance(token, str) else new_csrf_token(session)


def csrf_valid(session: Session, submitted: object) -> bool:
    expected = session.get(SESSION_KEY)
    if not isinstance(expected, str) or not isinstance(submitted, str):
        return False
    return hmac.compare_digest(expected.encode(), submitted.encode())


def _origin_host(origin: str) -> str | None:
    url = URL(origin)
    if not url.is_absolute() or url.raw_host is None:
        return None
    port = url.explicit_port
    return url.raw_host if port is None else f"{url.raw_host}:{port}"


def same_origin(request: web.Request) -> bool:
    """False when the browser tells us the request came from another site."""
    fetch_site = request.headers.get("Sec-Fetch-Site")
    if fetch_site is not None and fetch_site not in SAME_SITE_FETCHES:
        return False
    origin = request.headers.get("Origin")
    if origin is None:
        return True  # older browsers and non-browser clients: the token alone decides
    return _origin_host(origin) == request.host


async def _submitted_token(request: web.Request) -> object:
    header = request.headers.get(HEADER)
    if header is not None:
        return header
    if request.content_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
        return (await request.post()).get(FORM_FIELD)
    return None


def _by_session(request: web.Request) -> bool:
    """False for a route declared for machines only (see `Access.by_session`) and for
    anything under the partner API's `/api/` (only bearer tokens open it; an unknown path or
    method there answers its JSON 404 or 405); an unknown or undeclared route elsewhere is
    checked like any other."""
    if api_path(request):
        return False
    access = access_of(request.match_info.route.handler)
    return access is None or access.by_session


@web.middleware
async def csrf_middleware(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Refuse any unsafe request without this session's token or from another origin."""
    if request.method in SAFE_METHODS or not _by_session(request):
        return await handler(request)
    if not same_origin(request):
        raise CsrfRefused()
    if not csrf_valid(await get_session(request), await _submitted_token(request)):
        raise CsrfRefused()
    return await handler(request)


async def form_fields(request: web.Request) -> dict[str, str]:
    """The posted text fields (the middleware has already checked the token)."""
    form = await request.post()
    return {key: value for key, value in form.items() if isinstance(value, str)}
