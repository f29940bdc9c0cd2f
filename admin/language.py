"""The language of each request, and where the switcher comes back to.

A logged-in person's language is kept on their account (set by the switcher, a POST), so
it follows them to every browser; before login a cookie remembers the browser's choice.
`?lang=` in a URL shows that one page in the language (it changes nothing on the account).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from aiohttp import web

from admin.auth import current_staff
from admin.state import ADMIN, LANG
from triage.i18n import LANGUAGES

LANG_COOKIE = "ls_lang"
LANG_COOKIE_MAX_AGE = 365 * 24 * 60 * 60
LANGUAGE_NAMES = {"id": "Bahasa Indonesia", "en": "English"}  # autonyms: never translated

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def choose_language(request: web.Request, chosen: str | None) -> str:
    """`?lang=` first, then the account's choice, then the cookie, then the default."""
    for candidate in (request.query.get("lang"), chosen, request.cookies.get(LANG_COOKIE)):
        if candidate in LANGUAGES:
            return candidate
    return request.app[ADMIN].deps.translator.default


def remember_in_cookie(request: web.Request, response: web.StreamResponse, lang: str) -> None:
    """The browser's language, for the pages before login (and after logout)."""
    response.set_cookie(
        LANG_COOKIE,
        lang,
        max_age=LANG_COOKIE_MAX_AGE,
        httponly=True,
        samesite="Lax",
        secure=request.secure or request.app[ADMIN].secure,
    )


async def _account_language(request: web.Request) -> str | None:
    resource = request.match_info.route.resource
    if resource is not None and resource.name == "static":
        return None  # a stylesheet needs no language, and must not touch the session
    identity = await current_staff(request)
    return identity.language if identity is not None else None


@web.middleware
async def language_middleware(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Store the language on the request; keep the cookie in step with an explicit `?lang=`
    or the account's choice, so the login page after logout speaks it too."""
    chosen = await _account_language(request)
    request[LANG] = choose_language(request, chosen)
    response = await handler(request)
    explicit = request.query.get("lang") in LANGUAGES or chosen in LANGUAGES
    if explicit and request.cookies.get(LANG_COOKIE) != request[LANG]:
        remember_in_cookie(request, response, request[LANG])
    return response


def return_path(request: web.Request) -> str:
    """Where the switcher brings the person back: this page without `?lang=`. A page shown
    in answer to a form goes back to its path when that path is also a page, else the start."""
    if request.method in ("GET", "HEAD"):
        return str(request.rel_url.without_query_params("lang"))
    resource = request.match_info.route.resource
    pages = {
        route.resource.canonical
        for route in request.app.router.routes()
        if route.method == "GET" and route.resource is not None
    }
    if resource is not None and resource.canonical in pages:
        return request.path
    return str(request.app.router["index"].url_for())
