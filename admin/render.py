"""Page rendering: the context every template gets."""

from __future__ import annotations

from functools import partial
from typing import Any

import aiohttp_jinja2
from aiohttp import web
from aiohttp_session import get_session
from markupsafe import Markup

from admin.csrf import csrf_token
from admin.language import LANGUAGE_NAMES, choose_language, return_path
from admin.state import ADMIN, LANG, STAFF


def base_context(request: web.Request) -> dict[str, Any]:
    """`_` translates into the request's language; `languages` are the switcher's choices:
    links before login, a form (`language_next`: where it returns) after."""
    lang = request.get(LANG) or choose_language(request, None)
    languages = [
        (code, name, request.rel_url.update_query(lang=code))
        for code, name in LANGUAGE_NAMES.items()
    ]
    return {
        "lang": lang,
        "_": partial(request.app[ADMIN].deps.translator.text, lang),
        "pgettext": partial(request.app[ADMIN].deps.translator.text_in, lang),
        "languages": languages,
        "language_next": return_path(request),
        "staff": None,
        "csrf_token": None,
    }


async def render(
    request: web.Request, template: str, context: dict[str, Any], *, status: int = 200
) -> web.Response:
    """Render a page; for a logged-in user add their name and the CSRF token of the header's
    forms (logout, language)."""
    page = base_context(request)
    staff = request.get(STAFF)
    if staff is not None:
        page["staff"] = staff
        page["csrf_token"] = csrf_token(await get_session(request))
    page.update(context)
    return aiohttp_jinja2.render_template(template, request, page, status=status)


def render_fragment(
    request: web.Request, template: str, lang: str, context: dict[str, Any]
) -> Markup:
    """A part of a page made from `context` and the language alone (nothing of the request,
    so it can be kept and shown again), escaped as the pages are."""
    translator = request.app[ADMIN].deps.translator
    words = {"_": partial(translator.text, lang), "pgettext": partial(translator.text_in, lang)}
    env = aiohttp_jinja2.get_env(request.app)
    html = env.get_template(template).render({**words, **context})
    return Markup(html)  # noqa: S704 - the environment escapes every value (autoescape)
