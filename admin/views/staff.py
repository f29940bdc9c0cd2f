"""Staff accounts for admins: the list, create (with a temporary password shown once),
deactivate or reactivate, and reset a password."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from aiohttp import web
from aiohttp_session import get_session

from admin.access import Access, allow
from admin.csrf import form_fields
from admin.presentation.accounts import ROLE_LABELS, problem_words
from admin.presentation.reports import format_local_time
from admin.render import render
from admin.state import ADMIN, LANG, STAFF
from triage.i18n import N_
from triage.services.staff.accounts import StaffError, create_staff_user, normalise_username
from triage.services.staff.manage import (
    StaffAccount,
    admin_set_active,
    list_staff,
    reset_password,
    temporary_password,
)

FLASH = "staff_flash"
DEACTIVATED = N_("Akun {username} dinonaktifkan. Semua sesinya sudah diakhiri.")
ACTIVATED = N_("Akun {username} aktif kembali.")
CREATED = N_("Akun {username} dibuat.")
RESET = N_("Kata sandi {username} diatur ulang. Semua sesinya sudah diakhiri.")
FIELD_MAX = 64


@dataclass(frozen=True, slots=True)
class CreateForm:
    """What the admin typed (shown again) and the message beside each wrong field."""

    username: str = ""
    role: str = "supervisor"
    regions: str = ""
    errors: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Handover:
    """A temporary password to hand over in person, shown once and never stored in clear."""

    message: str
    username: str
    password: str


def _row(request: web.Request, account: StaffAccount) -> dict[str, Any]:
    context, lang = request.app[ADMIN], request[LANG]
    regions = context.deps.regions
    return {
        "account": account,
        "role": ROLE_LABELS.get(account.role, account.role),
        "regions": ", ".join(regions.name(code) or code for code in account.region_codes),
        "last_login": format_local_time(account.last_login_at, context.display_zone, lang)
        if account.last_login_at
        else None,
        "is_me": account.id == request[STAFF].id,
    }


async def _show(
    request: web.Request,
    form: CreateForm,
    *,
    handover: Handover | None = None,
    alert: str | None = None,
    status: int = 200,
) -> web.Response:
    context = request.app[ADMIN]
    accounts = await list_staff(context.deps, request[STAFF], context.deps.clock())
    flash = (await get_session(request)).pop(FLASH, None)
    page = {
        "form": form,
        "rows": [_row(request, account) for account in accounts],
        "role_labels": ROLE_LABELS,
        "handover": handover,
        "flash": flash if isinstance(flash, dict) else None,
        "alert": alert,
        "field_max": FIELD_MAX,
    }
    return await render(request, "staff.html", page, status=status)


@allow(Access.ADMIN)
async def staff_page(request: web.Request) -> web.StreamResponse:
    return await _show(request, CreateForm())


@allow(Access.ADMIN)
async def create_staff(request: web.Request) -> web.StreamResponse:
    """A new account with a temporary password, shown once; errors beside the fields."""
    form = await form_fields(request)
    context, viewer = request.app[ADMIN], request[STAFF]
    typed = CreateForm(
        username=form.get("username", "")[:FIELD_MAX + 1],
        role=form.get("role", ""),
        regions=form.get("regions", "")[:500],
    )  # fmt: skip
    codes = [code.strip() for code in typed.regions.replace(",", ";").split(";") if code.strip()]
    password = temporary_password()
    try:
        created = await create_staff_user(
            context.deps,
            typed.username,
            password,
            typed.role,
            codes if typed.role == "supervisor" else [],
            now=context.deps.clock(),
            created_by=viewer.username,
            must_change_password=True,
        )
    except StaffError as exc:
        where, message = problem_words(exc.problem)
        errors = {where or "username": message}
        return await _show(
            request, CreateForm(typed.username, typed.role, typed.regions, errors), status=400
        )
    handover = Handover(CREATED, created.username, password)
    return await _show(request, CreateForm(), handover=handover)


def _username(request: web.Request) -> str:
    return normalise_username(request.match_info["username"])[:FIELD_MAX]


async def _act(request: web.Request, active: bool) -> web.StreamResponse:
    context, viewer, username = request.app[ADMIN], request[STAFF], _username(request)
    try:
        await admin_set_active(context.deps, viewer, username, active, context.deps.clock())
    except StaffError as exc:
        if exc.problem == "unknown":
            raise web.HTTPNotFound() from exc
        return await _show(request, CreateForm(), alert=problem_words(exc.problem)[1], status=400)
    message = ACTIVATED if active else DEACTIVATED
    (await get_session(request))[FLASH] = {"message": message, "username": username}
    raise web.HTTPSeeOther(request.app.router["staff"].url_for())


@allow(Access.ADMIN)
async def deactivate_staff(request: web.Request) -> web.StreamResponse:
    """Deactivate an account: its sessions end at once; never one's own or the last admin."""
    return await _act(request, active=False)


@allow(Access.ADMIN)
async def activate_staff(request: web.Request) -> web.StreamResponse:
    return await _act(request, active=True)


@allow(Access.ADMIN)
async def reset_staff_password(request: web.Request) -> web.StreamResponse:
    """A new temporary password for the account, shown once; its sessions end."""
    context, viewer, username = request.app[ADMIN], request[STAFF], _username(request)
    try:
        password = await reset_password(context.deps, viewer, username, context.deps.clock())
    except StaffError as exc:
        if exc.problem == "unknown":
            raise web.HTTPNotFound() from exc
        return await _show(request, CreateForm(), alert=problem_words(exc.problem)[1], status=400)
    return await _show(request, CreateForm(), handover=Handover(RESET, username, password))
