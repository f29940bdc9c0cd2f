"""Page rendering: the language of the request and the context every template gets."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from functools import partial
from typing import Any

import aiohttp_jinja2
from aiohttp import web
from aiohttp_session import get_session

from admin.csrf import csrf_token
from admin.state import ADMIN, LANG, STAFF
from triage.i18n import LANGUAGES

LANG_COOKIE = "ls_lang"
LANG_COOKIE_MAX_AGE = 365 * 24 * 60 * 60
LANGUAGE_NAMES = {"id": "Bahasa Indonesia", "en": "English"}  # autonyms: never translated


def choose_language(request: web.Request) -> str:
    """`?lang=` first, then the cookie, then the translator's default."""
    translator = request.app[ADMIN].deps.translator
    for candidate in (request.query.get("lang"), request.cookies.get(LANG_COOKIE)):
        if candidate in LANGUAGES:
            return candidate
    return translator.default


@web.middleware
async def language_middleware(
    request: web.Request, handler: Callable[[web.Request], Awaitable[web.StreamResponse]]
) -> web.StreamResponse:
    """Store the language on the request; remember an explicit `?lang=` in a cookie."""
    request[LANG] = choose_language(request)
    response = await handler(request)
    if request.query.get("lang") in LANGUAGES:
        response.set_cookie(
            LANG_COOKIE,
            request[LANG],
            max_age=LANG_COOKIE_MAX_AGE,
            httponly=True,
            samesite="Lax",
            secure=request.secure or request.app[ADMIN].secure,
        )
    return response


def base_context(request: web.Request) -> dict[str, Any]:
    """`_` translates into the request's language; `language_links` switch it in place."""
    lang = request.get(LANG, request.app[ADMIN].deps.translator.default)
    links = [
        (code, name, request.rel_url.update_query(lang=code))
        for code, name in LANGUAGE_NAMES.items()
    ]
    return {
        "lang": lang,
        "_": partial(request.app[ADMIN].deps.translator.text, lang),
        "language_links": links,
        "staff": None,
        "csrf_token": None,
    }


async def render(
    request: web.Request, template: str, context: dict[str, Any], *, status: int = 200
) -> web.Response:
    """Render a page; for a logged-in user add their name and the logout form's CSRF token."""
    page = base_context(request)
    staff = request.get(STAFF)
    if staff is not None:
        page["staff"] = staff
        page["csrf_token"] = csrf_token(await get_session(request))
    page.update(context)
    return aiohttp_jinja2.render_template(template, request, page, status=status)
