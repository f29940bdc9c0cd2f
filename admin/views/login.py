"""The login form, the login attempt (throttle, bounded password checks, generic failure)
and logout."""

from __future__ import annotations

import logging

from aiohttp import web
from aiohttp_session import get_session
from yarl import URL

from admin.access import Access, allow
from admin.auth import current_staff, end_session, safe_next, start_session
from admin.csrf import csrf_token, form_fields
from admin.render import render
from admin.state import ADMIN, CLIENT
from admin.views.two_factor import ask_for_code
from triage.domain.login_throttle import Throttled, ThrottleKind
from triage.i18n import N_
from triage.services.staff.login import log_in

logger = logging.getLogger(__name__)

WRONG_CREDENTIALS = N_("Nama pengguna atau kata sandi salah.")
WAIT_FOR_ACCOUNT = N_(
    "Terlalu banyak percobaan untuk nama pengguna ini. Tunggu {seconds} detik, lalu coba lagi."
)
WAIT_FOR_ADDRESS = N_(
    "Terlalu banyak percobaan masuk dari jaringan ini. Coba lagi dalam {minutes} menit."
)
BUSY = N_("Server sedang sibuk memeriksa kata sandi. Coba lagi sebentar lagi.")
MAX_FIELD_LENGTH = 1024


async def _login_form(
    request: web.Request,
    next_path: str,
    *,
    username: str = "",
    error: str | None = None,
    values: dict[str, int] | None = None,
    status: int = 200,
) -> web.Response:
    session = await get_session(request)
    context = {
        "login_csrf_token": csrf_token(session),
        "username": username,
        "next": str(safe_next(next_path, URL(""))),
        "error": error,
        "error_values": values or {},
    }
    return await render(request, "login.html", context, status=status)


def _reports_url(request: web.Request) -> URL:
    return request.app.router["reports"].url_for()


def _wait(throttled: Throttled) -> tuple[str, dict[str, int]]:
    """The message and its values: seconds for an account, whole minutes for an address."""
    if throttled.kind is ThrottleKind.ACCOUNT:
        return WAIT_FOR_ACCOUNT, {"seconds": throttled.seconds}
    return WAIT_FOR_ADDRESS, {"minutes": -(-throttled.seconds // 60)}


@allow(Access.PUBLIC)
async def login_page(request: web.Request) -> web.StreamResponse:
    """Show the form, or go straight to the reports when already logged in."""
    if await current_staff(request) is not None:
        raise web.HTTPSeeOther(_reports_url(request))
    return await _login_form(request, request.query.get("next", ""))


@allow(Access.PUBLIC)
async def login_submit(request: web.Request) -> web.StreamResponse:
    """The throttle, then the password; a new server-side session on success."""
    form = await form_fields(request)
    context = request.app[ADMIN]
    username = form.get("username", "")[:MAX_FIELD_LENGTH]
    password = form.get("password", "")[:MAX_FIELD_LENGTH]
    next_path = form.get("next", "")
    outcome = await log_in(
        context.deps,
        username,
        password,
        request[CLIENT].address,
        context.username_key,
        context.deps.clock(),
        context.security.throttle,
    )
    if outcome.throttled is not None:
        logger.warning("login throttled (%s)", outcome.throttled.kind.value)
        message, values = _wait(outcome.throttled)
        response = await _login_form(
            request, next_path, username=username, error=message, values=values, status=429
        )
        response.headers["Retry-After"] = str(outcome.throttled.seconds)
        return response
    if outcome.busy:
        logger.warning("login refused: too many password checks at once")
        return await _login_form(request, next_path, username=username, error=BUSY, status=503)
    if outcome.identity is None:
        return await _login_form(request, next_path, username=username, error=WRONG_CREDENTIALS)
    if outcome.identity.second_factor:
        await ask_for_code(request, outcome.identity, next_path)
    await start_session(request, outcome.identity)
    raise web.HTTPSeeOther(safe_next(next_path, _reports_url(request)))


@allow(Access.PUBLIC)
async def logout(request: web.Request) -> web.StreamResponse:
    """End the session (the form carries the CSRF token) and return to the login page."""
    await end_session(request)
    raise web.HTTPSeeOther(request.app.router["login"].url_for())
