"""The workers pages: the list, a worker's page with its edit form, a new worker, deactivation
and the one-time invite link.

Who may do what (the use cases enforce it; `triage/services/workers/scope.py`):
- Admins see every worker and may create, edit, deactivate and invite any of them, give the
  role "supervisor", and import the CSV (`admin/views/worker_import.py`, admin only: a file
  may touch any worker anywhere, matched by name).
- A supervisor sees the workers whose regions share a kabupaten/kota with theirs. They may
  create workers with the role "worker" inside their own regions, and edit, deactivate and
  invite those whose every region lies inside theirs: the people they run day to day. A
  worker who also serves elsewhere, and every escalation supervisor, stay with the admins
  (the page then shows read-only with a plain explanation).
- A worker outside the viewer's regions answers 404, like an unknown id.
The phone number and the deactivation reason are shown only to those who may manage.
"""

from __future__ import annotations

from typing import Any

from aiohttp import web
from aiohttp_session import get_session

from admin.access import Access, allow
from admin.csrf import form_fields
from admin.presentation.workers import ROLE_LABELS, WorkerWords
from admin.render import render
from admin.state import ADMIN, LANG, STAFF
from admin.views.worker_errors import refuse_read_only
from triage.i18n import N_
from triage.services.workers.deactivate import (
    REASON_MAX_CHARS,
    DeactivateStatus,
    deactivate_worker,
)
from triage.services.workers.editing import (
    EditAccess,
    SaveResult,
    WorkerDraft,
    create_worker,
    update_worker,
    worker_page,
)
from triage.services.workers.listing import list_workers
from triage.services.workers.staff_invites import InviteLink, InviteRefusal, invite_from_admin

FLASH = "worker_flash"
FLASHES = {
    "created": N_("Petugas ditambahkan. Buat tautan undangan agar akun Telegram-nya terhubung."),
    "updated": N_("Perubahan disimpan."),
}
CHECK_FIELDS = N_("Periksa kembali isian yang ditandai.")
NO_REASON = N_("Tuliskan alasan penonaktifan.")
REASON_TOO_LONG = N_("Alasannya terlalu panjang. Paling banyak {max} karakter.")
INVITE_TEXTS = {
    InviteRefusal.BOUND: N_(
        "Petugas ini sudah terhubung ke Telegram. Centang pilihan pindah akun untuk membuat "
        "tautan baru."
    ),
    InviteRefusal.NO_BOT: N_(
        "Nama bot Telegram belum diketahui (atur TELEGRAM_BOT_USERNAME), jadi tautan belum "
        "dapat dibuat."
    ),
    InviteRefusal.INACTIVE: N_("Petugas ini sudah nonaktif."),
}
MAX_ID_DIGITS = 9


def _words(request: web.Request) -> WorkerWords:
    context = request.app[ADMIN]
    return WorkerWords(
        request[LANG], context.deps.translator, context.display_zone, context.deps.regions.name
    )


def worker_id(request: web.Request) -> int:
    """The id in the path; anything that is not a plain small number is unknown (404)."""
    text = request.match_info["worker_id"]
    if not (text.isascii() and text.isdigit() and len(text) <= MAX_ID_DIGITS):
        raise web.HTTPNotFound()
    return int(text)


def _draft(form: dict[str, str]) -> WorkerDraft:
    return WorkerDraft(
        name=form.get("name", ""),
        region_codes=form.get("region_codes", ""),
        role=form.get("role", "worker"),
        duty_hours=form.get("duty_hours", ""),
        phone=form.get("phone", ""),
        on_duty=form.get("on_duty") == "on",
    )


async def _flash(request: web.Request, worker: int) -> str | None:
    flash = (await get_session(request)).pop(FLASH, None)
    if not isinstance(flash, dict) or flash.get("worker_id") != worker:
        return None
    msgid = FLASHES.get(str(flash.get("what")))
    return request.app[ADMIN].deps.translator.text(request[LANG], msgid) if msgid else None


@allow(Access.STAFF)
async def workers(request: web.Request) -> web.StreamResponse:
    """Active workers the viewer may see (`?show=inactive`: the deactivated ones)."""
    context = request.app[ADMIN]
    inactive = request.query.get("show") == "inactive"
    now = context.deps.clock()
    rows = await list_workers(context.deps, request[STAFF], now, inactive=inactive)
    page = {"workers": rows, "words": _words(request), "now": now, "inactive": inactive}
    return await render(request, "workers.html", page)


def _form_page(draft: WorkerDraft, errors: dict[str, str], request: web.Request) -> dict[str, Any]:
    return {
        "draft": draft,
        "errors": errors,
        "role_labels": ROLE_LABELS,
        "may_choose_role": request[STAFF].role == "admin",
        "words": _words(request),
    }


@allow(Access.STAFF)
async def new_worker(request: web.Request) -> web.StreamResponse:
    return await render(request, "worker_new.html", _form_page(WorkerDraft(), {}, request))


def _error_texts(request: web.Request, result: SaveResult) -> dict[str, str]:
    words = _words(request)
    return {name: words.problem(found) for name, found in result.errors.items()}


@allow(Access.STAFF)
async def create(request: web.Request) -> web.StreamResponse:
    """Save a new worker, or show the form again with each problem beside its field."""
    context = request.app[ADMIN]
    draft = _draft(await form_fields(request))
    result = await create_worker(context.deps, request[STAFF], draft, context.deps.clock())
    if result.worker_id is None:
        page = _form_page(draft, _error_texts(request, result), request)
        return await render(request, "worker_new.html", page, status=400)
    (await get_session(request))[FLASH] = {"worker_id": result.worker_id, "what": "created"}
    raise web.HTTPSeeOther(request.app.router["worker"].url_for(worker_id=str(result.worker_id)))


async def _show(
    request: web.Request,
    draft: WorkerDraft | None = None,
    errors: dict[str, str] | None = None,
    *,
    status: int = 200,
    extra: dict[str, Any] | None = None,
) -> web.Response:
    context, words = request.app[ADMIN], _words(request)
    wid = worker_id(request)
    now = context.deps.clock()
    found = await worker_page(context.deps, request[STAFF], wid, now, words.duty_hours_input)
    if found is None:
        raise web.HTTPNotFound()
    page = {
        **_form_page(draft or found.draft, errors or {}, request),
        "page": found,
        "worker": found.worker,
        "manage": found.access is EditAccess.MANAGE,
        "now": now,
        "flash": await _flash(request, wid),
        "invite": None,
        "invite_error": None,
        "reason_max": REASON_MAX_CHARS,
        **(extra or {}),
    }
    return await render(request, "worker.html", page, status=status)


@allow(Access.STAFF)
async def worker(request: web.Request) -> web.StreamResponse:
    """A worker's page: facts, the edit form and actions for who may manage them."""
    return await _show(request)


@allow(Access.STAFF)
async def update(request: web.Request) -> web.StreamResponse:
    context = request.app[ADMIN]
    wid = worker_id(request)
    draft = _draft(await form_fields(request))
    result = await update_worker(context.deps, request[STAFF], wid, draft, context.deps.clock())
    if result is EditAccess.HIDDEN:
        raise web.HTTPNotFound()
    if isinstance(result, EditAccess):  # READ_ONLY
        return await refuse_read_only(request)
    if result.worker_id is None:
        errors = _error_texts(request, result)
        return await _show(request, draft, errors, status=400)
    (await get_session(request))[FLASH] = {"worker_id": wid, "what": "updated"}
    raise web.HTTPSeeOther(request.app.router["worker"].url_for(worker_id=str(wid)))


async def _deactivate_form(
    request: web.Request, reason: str = "", error: str | None = None, status: int = 200
) -> web.Response:
    context, words = request.app[ADMIN], _words(request)
    now = context.deps.clock()
    found = await worker_page(
        context.deps, request[STAFF], worker_id(request), now, words.duty_hours_input
    )
    if found is None:
        raise web.HTTPNotFound()
    if found.access is not EditAccess.MANAGE:
        return await refuse_read_only(request)
    page = {
        "worker": found.worker,
        "words": words,
        "reason": reason,
        "error": error,
        "reason_max": REASON_MAX_CHARS,
    }
    return await render(request, "worker_deactivate.html", page, status=status)


@allow(Access.STAFF)
async def deactivate_form(request: web.Request) -> web.StreamResponse:
    """Asks for the reason and says what will happen to the worker's open cases."""
    return await _deactivate_form(request)


@allow(Access.STAFF)
async def deactivate(request: web.Request) -> web.StreamResponse:
    """Deactivate with a reason; shows where each open case went (this page is not kept)."""
    context = request.app[ADMIN]
    translator, lang = context.deps.translator, request[LANG]
    wid = worker_id(request)
    reason = (await form_fields(request)).get("reason", "").replace("\r\n", "\n")
    if not reason.strip() or len(reason) > REASON_MAX_CHARS:
        problem = NO_REASON if not reason.strip() else REASON_TOO_LONG
        error = translator.text(lang, problem, max=REASON_MAX_CHARS)
        return await _deactivate_form(request, reason, error, status=400)
    result = await deactivate_worker(
        context.deps, request[STAFF], wid, reason, context.deps.clock()
    )
    if result.status is DeactivateStatus.HIDDEN:
        raise web.HTTPNotFound()
    if result.status is DeactivateStatus.NOT_ALLOWED:
        return await refuse_read_only(request)
    if result.status is DeactivateStatus.ALREADY_INACTIVE:
        raise web.HTTPSeeOther(request.app.router["worker"].url_for(worker_id=str(wid)))
    page = {"worker_id": wid, "reassigned": result.reassigned, "words": _words(request)}
    return await render(request, "worker_deactivated.html", page)


@allow(Access.STAFF)
async def invite(request: web.Request) -> web.StreamResponse:
    """A one-time link, shown on this response only (the page is never cached or stored)."""
    context = request.app[ADMIN]
    rebind = (await form_fields(request)).get("rebind") == "on"
    made = await invite_from_admin(
        context.deps, request[STAFF], worker_id(request), context.deps.clock(), rebind=rebind
    )
    if made is InviteRefusal.HIDDEN:
        raise web.HTTPNotFound()
    if made is InviteRefusal.NOT_ALLOWED:
        return await refuse_read_only(request)
    if isinstance(made, InviteLink):
        return await _show(request, extra={"invite": made})
    error = context.deps.translator.text(request[LANG], INVITE_TEXTS[made])
    return await _show(request, status=400, extra={"invite_error": error})
