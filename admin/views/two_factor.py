"""The optional TOTP second factor: setting it up on the account page (a key for the
authenticator app, confirmed by a code; recovery codes shown once), turning it off, and the
code step of the login."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any, NoReturn

from aiohttp import web
from aiohttp_session import get_session

from admin.access import Access, allow
from admin.auth import safe_next, start_session
from admin.csrf import csrf_token, form_fields
from admin.render import render
from admin.state import ADMIN, CLIENT, STAFF
from admin.views.account import (
    ENROLMENT,
    PasswordForm,
    SecondFactorView,
    second_factor_view,
    show_account,
)
from triage.i18n import N_
from triage.services.staff.accounts import StaffError, StaffIdentity, username_digest
from triage.services.staff.second_factor import (
    check_second_factor,
    disable_second_factor,
    enable_second_factor,
    new_enrolment,
)
from triage.services.staff.throttle import attempt_succeeded, claim_attempt

PENDING_LOGIN = "second_factor_login"  # before the code: kept in the encrypted login cookie
LOGIN_CODE_TTL = timedelta(minutes=5)
CODE_MAX = 32
WRONG_CODE = N_("Kode itu tidak cocok. Periksa jam di ponsel, lalu coba kode yang baru.")
WAIT = N_("Terlalu banyak percobaan. Tunggu {seconds} detik, lalu coba lagi.")
NOT_RIGHT = N_("Kata sandi sekarang tidak cocok.")


async def _account(request: web.Request, view: SecondFactorView, status: int = 200) -> web.Response:
    return await show_account(request, PasswordForm(), two_factor=view, status=status)


@allow(Access.STAFF)
async def start_enrolment(request: web.Request) -> web.StreamResponse:
    """Offer a new secret for the authenticator app; it counts once a code confirms it."""
    identity = request[STAFF]
    if not identity.second_factor:
        enrolment = new_enrolment(identity.username)
        session = await get_session(request)
        session[ENROLMENT] = {"secret": enrolment.secret, "uri": enrolment.uri}
    raise web.HTTPSeeOther(request.app.router["account"].url_for().with_fragment("two-factor"))


@allow(Access.STAFF)
async def confirm_enrolment(request: web.Request) -> web.StreamResponse:
    """The first code from the app turns the factor on; the recovery codes are shown once."""
    form = await form_fields(request)
    context, identity = request.app[ADMIN], request[STAFF]
    session = await get_session(request)
    pending = session.get(ENROLMENT)
    if identity.second_factor or not isinstance(pending, dict):
        raise web.HTTPSeeOther(request.app.router["account"].url_for())
    code = form.get("code", "")[:CODE_MAX]
    try:
        recovery = await enable_second_factor(
            context.deps, identity, pending["secret"], code, context.second_factor_box,
            context.deps.clock(),
        )  # fmt: skip
    except StaffError:
        return await _account(request, await second_factor_view(request, error=WRONG_CODE), 400)
    session.pop(ENROLMENT, None)
    request[STAFF] = replace(identity, second_factor=True)
    return await _account(request, await second_factor_view(request, recovery=recovery))


@allow(Access.STAFF)
async def disable(request: web.Request) -> web.StreamResponse:
    """Turn the factor off after the current password (not when it is required)."""
    form = await form_fields(request)
    context, identity = request.app[ADMIN], request[STAFF]
    view = await second_factor_view(request)
    if view.required or not identity.second_factor:
        raise web.HTTPSeeOther(request.app.router["account"].url_for())
    password = form.get("password", "")[:1024]
    try:
        await disable_second_factor(context.deps, identity, password, context.deps.clock())
    except StaffError:
        return await _account(request, await second_factor_view(request, error=NOT_RIGHT), 400)
    raise web.HTTPSeeOther(request.app.router["account"].url_for().with_fragment("two-factor"))


async def ask_for_code(request: web.Request, identity: StaffIdentity, next_path: str) -> NoReturn:
    """After a right password: remember who (not logged in yet) and ask for the code."""
    session = await get_session(request)
    session[PENDING_LOGIN] = {
        "staff_id": identity.id,
        "username": identity.username,
        "at": request.app[ADMIN].deps.clock().isoformat(),
        "next": next_path,
    }
    raise web.HTTPSeeOther(request.app.router["login_code"].url_for())


async def _pending(request: web.Request) -> dict[str, Any] | None:
    pending = (await get_session(request)).get(PENDING_LOGIN)
    if not isinstance(pending, dict):
        return None
    started = datetime.fromisoformat(str(pending.get("at")))
    if request.app[ADMIN].deps.clock() - started > LOGIN_CODE_TTL:
        return None
    return pending


async def _code_form(
    request: web.Request,
    error: str | None = None,
    values: dict[str, int] | None = None,
    status: int = 200,
) -> web.Response:
    context = {
        "login_csrf_token": csrf_token(await get_session(request)),
        "error": error,
        "error_values": values or {},
        "code_max": CODE_MAX,
    }
    return await render(request, "login_code.html", context, status=status)


@allow(Access.PUBLIC)
async def login_code_page(request: web.Request) -> web.StreamResponse:
    if await _pending(request) is None:
        raise web.HTTPSeeOther(request.app.router["login"].url_for())
    return await _code_form(request)


@allow(Access.PUBLIC)
async def login_code_submit(request: web.Request) -> web.StreamResponse:
    """Check the code (throttled like a password); a new server-side session on success."""
    form = await form_fields(request)
    context = request.app[ADMIN]
    pending = await _pending(request)
    if pending is None:
        raise web.HTTPSeeOther(request.app.router["login"].url_for())
    now, address = context.deps.clock(), request[CLIENT].address
    digest = username_digest(context.username_key, str(pending["username"]))
    refused = await claim_attempt(context.deps, digest, address, now, context.security.throttle)
    if refused is not None:
        return await _code_form(request, WAIT, {"seconds": refused.seconds}, status=429)
    identity = await check_second_factor(
        context.deps, int(pending["staff_id"]), form.get("code", "")[:CODE_MAX],
        context.second_factor_box, now,
    )  # fmt: skip
    if identity is None:
        return await _code_form(request, WRONG_CODE, status=400)
    await attempt_succeeded(context.deps, digest, address)
    await start_session(request, identity)
    reports = request.app.router["reports"].url_for()
    raise web.HTTPSeeOther(safe_next(str(pending.get("next", "")), reports))
