"""Every staff member's own account: change the password (other sessions end), the second
factor's state, the sessions still open."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from aiohttp import web
from aiohttp_session import get_session

from admin.access import Access, allow
from admin.auth import start_session
from admin.csrf import form_fields
from admin.presentation.accounts import ROLE_LABELS, problem_words
from admin.presentation.reports import format_local_time
from admin.render import render
from admin.state import ADMIN, CLIENT, LANG, STAFF
from triage.i18n import N_
from triage.services.staff.accounts import MAX_PASSWORD_LENGTH, StaffError
from triage.services.staff.manage import change_own_password
from triage.services.staff.second_factor import grouped, recovery_codes_left
from triage.services.staff.sessions import sessions_of

FLASH = "account_flash"
ENROLMENT = "second_factor_enrolment"  # a secret waiting for its first code
CHANGED = N_("Kata sandi diganti. Sesi di perangkat lain sudah diakhiri.")
NO_CURRENT = N_("Isi kata sandi Anda yang sekarang.")
NOT_REPEATED = N_("Kedua isian kata sandi baru tidak sama.")
WAIT = N_("Terlalu banyak percobaan. Tunggu {seconds} detik, lalu coba lagi.")
BUSY = N_("Server sedang sibuk memeriksa kata sandi. Coba lagi sebentar lagi.")


@dataclass(frozen=True, slots=True)
class PasswordForm:
    """Errors beside fields (field -> message) and one for the whole form; never the values."""

    errors: dict[str, str] = field(default_factory=dict)
    alert: str | None = None
    alert_values: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class SecondFactorView:
    """What the account page shows about the second factor."""

    enabled: bool
    required: bool
    codes_left: int = 0
    key: str | None = None  # while setting up: the secret, grouped for typing
    uri: str | None = None  # an otpauth:// link that opens the authenticator on a phone
    recovery: list[str] = field(default_factory=list)  # right after setup, shown once
    error: str | None = None


async def second_factor_view(
    request: web.Request, *, recovery: list[str] | None = None, error: str | None = None
) -> SecondFactorView:
    context, identity = request.app[ADMIN], request[STAFF]
    required = context.security.require_admin_second_factor and identity.role == "admin"
    if identity.second_factor:
        left = await recovery_codes_left(context.deps, identity.id)
        return SecondFactorView(True, required, left, recovery=recovery or [], error=error)
    pending = (await get_session(request)).get(ENROLMENT)
    if isinstance(pending, dict):
        return SecondFactorView(
            False, required, key=grouped(pending["secret"]), uri=pending["uri"], error=error
        )
    return SecondFactorView(False, required, error=error)


def _session_token(session: Any) -> str | None:
    return session.identity if isinstance(session.identity, str) else None


async def show_account(
    request: web.Request,
    form: PasswordForm,
    *,
    two_factor: SecondFactorView | None = None,
    status: int = 200,
) -> web.Response:
    """The account page: the password form, the second factor, the open sessions."""
    context, identity = request.app[ADMIN], request[STAFF]
    session = await get_session(request)
    now = context.deps.clock()
    lang = request[LANG]
    open_sessions = await sessions_of(
        context.deps, identity.id, _session_token(session), now, context.security.sessions
    )
    page = {
        "form": form,
        "flash": CHANGED if session.pop(FLASH, None) == "password_changed" else None,
        "role_label": ROLE_LABELS.get(identity.role, identity.role),
        "regions": [
            (code, context.deps.regions.name(code) or code) for code in identity.region_codes
        ],
        "sessions": [
            {
                "device": item.user_agent,
                "address": item.source_address or "—",
                "since": format_local_time(item.created_at, context.display_zone, lang),
                "seen": format_local_time(item.last_seen_at, context.display_zone, lang),
                "current": item.current,
            }
            for item in open_sessions
        ],
        "password_max": MAX_PASSWORD_LENGTH,
        "two_factor": two_factor or await second_factor_view(request),
    }
    return await render(request, "account.html", page, status=status)


@allow(Access.STAFF)
async def account_page(request: web.Request) -> web.StreamResponse:
    """The account page; with a temporary password, the only page that opens."""
    return await show_account(request, PasswordForm())


def _check(current: str, new: str, repeat: str) -> dict[str, str]:
    errors: dict[str, str] = {}
    if not current:
        errors["current"] = NO_CURRENT
    if new != repeat:
        errors["repeat"] = NOT_REPEATED
    return errors


@allow(Access.STAFF)
async def change_password(request: web.Request) -> web.StreamResponse:
    """Change one's own password; this browser gets a fresh session, every other one ends."""
    form = await form_fields(request)
    context, identity = request.app[ADMIN], request[STAFF]
    current = form.get("current", "")[: MAX_PASSWORD_LENGTH + 1]
    new = form.get("new", "")[: MAX_PASSWORD_LENGTH + 1]
    errors = _check(current, new, form.get("repeat", "")[: MAX_PASSWORD_LENGTH + 1])
    if errors:
        return await show_account(request, PasswordForm(errors), status=400)
    try:
        outcome = await change_own_password(
            context.deps,
            identity,
            current,
            new,
            address=request[CLIENT].address,
            username_key=context.username_key,
            now=context.deps.clock(),
            policy=context.security.throttle,
        )
    except StaffError as exc:
        where, message = problem_words(exc.problem)
        problem = PasswordForm({where: message}) if where else PasswordForm(alert=message)
        return await show_account(request, problem, status=400)
    if outcome.throttled is not None:
        waiting = PasswordForm(alert=WAIT, alert_values={"seconds": outcome.throttled.seconds})
        return await show_account(request, waiting, status=429)
    if outcome.busy:
        return await show_account(request, PasswordForm(alert=BUSY), status=503)
    await start_session(request, replace(identity, must_change_password=False))
    (await get_session(request))[FLASH] = "password_changed"
    raise web.HTTPSeeOther(request.app.router["account"].url_for())
