"""The login form, the login attempt (CSRF, throttle, generic failure) and logout."""

from __future__ import annotations

import logging

from aiohttp import web
from aiohttp_session import get_session
from yarl import URL

from admin.access import Access, allow
from admin.auth import current_staff, end_session, safe_next, start_session
from admin.csrf import csrf_token, form_fields
from admin.render import render
from admin.state import ADMIN
from triage.i18n import N_
from triage.services.staff.accounts import authenticate, normalise_username

logger = logging.getLogger(__name__)

WRONG_CREDENTIALS = N_("Nama pengguna atau kata sandi salah.")
TOO_MANY_ATTEMPTS = N_("Terlalu banyak percobaan masuk. Coba lagi dalam 15 menit.")
MAX_FIELD_LENGTH = 1024


async def _login_form(
    request: web.Request,
    next_path: str,
    *,
    username: str = "",
    error: str | None = None,
    status: int = 200,
) -> web.Response:
    session = await get_session(request)
    context = {
        "login_csrf_token": csrf_token(session),
        "username": username,
        "next": str(safe_next(next_path, URL(""))),
        "error": error,
    }
    return await render(request, "login.html", context, status=status)


def _reports_url(request: web.Request) -> URL:
    return request.app.router["reports"].url_for()


@allow(Access.PUBLIC)
async def login_page(request: web.Request) -> web.StreamResponse:
    """Show the form, or go straight to the reports when already logged in."""
    if await current_staff(request) is not None:
        raise web.HTTPSeeOther(_reports_url(request))
    return await _login_form(request, request.query.get("next", ""))


@allow(Access.PUBLIC)
async def login_submit(request: web.Request) -> web.StreamResponse:
    """Check the CSRF token and the throttle, then the password; a new session on success."""
    form = await form_fields(request)
    context = request.app[ADMIN]
    username = form.get("username", "")[:MAX_FIELD_LENGTH]
    password = form.get("password", "")[:MAX_FIELD_LENGTH]
    next_path, now = form.get("next", ""), context.deps.clock()
    key = (normalise_username(username), request.remote or "")
    if context.throttle.blocked(key, now):
        logger.warning("login throttled")
        return await _login_form(
            request, next_path, username=username, error=TOO_MANY_ATTEMPTS, status=429
        )
    identity = await authenticate(context.deps, username, password, now)
    if identity is None:
        context.throttle.record_failure(key, now)
        return await _login_form(request, next_path, username=username, error=WRONG_CREDENTIALS)
    context.throttle.reset(key)
    await start_session(request, identity)
    raise web.HTTPSeeOther(safe_next(next_path, _reports_url(request)))


@allow(Access.PUBLIC)
async def logout(request: web.Request) -> web.StreamResponse:
    """End the session (the form carries the CSRF token) and return to the login page."""
    await end_session(request)
    raise web.HTTPSeeOther(request.app.router["login"].url_for())
