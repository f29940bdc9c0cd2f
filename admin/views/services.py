"""The directory of services: the list with the stale flag (every staff member may read it: a
service's contacts are public), and for admins a new service, the edit form, deactivation and
activation. The CSV import is `lapor-sosial services import` (docs/operations.md)."""

from __future__ import annotations

from functools import partial
from typing import Any

from aiohttp import web
from aiohttp_session import get_session

from admin.access import Access, allow
from admin.csrf import form_fields
from admin.presentation.labels import SERVICE_TYPE_LABELS
from admin.render import render
from admin.state import ADMIN, LANG, STAFF
from triage.domain.paging import page_number, page_of
from triage.domain.referrals import NATIONAL_LINES
from triage.i18n import N_
from triage.services.referrals.directory import (
    SameServiceError,
    get_service,
    list_services,
    save_service,
    set_service_active,
)
from triage.services.referrals.form import ServiceForm, form_of, read_form
from triage.services.workers.problems import problem

FLASH = "service_flash"
FLASHES = {
    "created": N_("Layanan ditambahkan."),
    "updated": N_("Perubahan disimpan."),
    "deactivated": N_("Layanan dinonaktifkan; pekerja sosial tidak lagi melihatnya."),
    "activated": N_("Layanan diaktifkan lagi."),
}
SAME_SERVICE = N_("Sudah ada layanan dengan nama dan jenis yang sama.")
MAX_ID_DIGITS = 9
SERVICES_PER_PAGE = 100


def service_id(request: web.Request) -> int:
    """The id in the path; anything that is not a plain small number is unknown (404)."""
    text = request.match_info["service_id"]
    if not (text.isascii() and text.isdigit() and len(text) <= MAX_ID_DIGITS):
        raise web.HTTPNotFound()
    return int(text)


async def _flash(request: web.Request) -> str | None:
    what = (await get_session(request)).pop(FLASH, None)
    msgid = FLASHES.get(str(what))
    return request.app[ADMIN].deps.translator.text(request[LANG], msgid) if msgid else None


def _form_page(form: ServiceForm, request: web.Request) -> dict[str, Any]:
    translator, lang = request.app[ADMIN].deps.translator, request[LANG]
    return {
        "form": form,
        "errors": {name: found.text(translator, lang) for name, found in form.errors.items()},
        "type_labels": SERVICE_TYPE_LABELS,
        "service": None,
    }


def _place(request: web.Request) -> tuple[str, str | None]:
    """?kabkota=: as typed, and the kabupaten/kota code it names (None: all, or not one)."""
    typed = request.query.get("kabkota", "").strip()[:12]
    code = typed if "." in typed else f"{typed[:2]}.{typed[2:]}" if len(typed) == 4 else typed
    known = request.app[ADMIN].deps.regions.directory.kabkota(code) if code else None
    return typed, (known.code if known is not None else None)


def _page_url(request: web.Request, number: int) -> str:
    """The list's URL with its filters, at page `number`."""
    kept = {key: value for key, value in request.query.items() if key != "page"}
    return str(request.rel_url.with_query({**kept, "page": number} if number > 1 else kept))


@allow(Access.STAFF)
async def services(request: web.Request) -> web.StreamResponse:
    """The directory, by type then name; services not verified recently are flagged.
    `?kabkota=32.73`: those serving it; `?stale=1`: only those to check again."""
    deps = request.app[ADMIN].deps
    typed, code = _place(request)
    stale_only = request.query.get("stale") == "1"
    found = (
        []
        if typed and code is None
        else await list_services(deps, serving=code, stale_only=stale_only)
    )
    shown = page_of(len(found), page_number(request.query.get("page")), SERVICES_PER_PAGE)
    page = {
        "services": found[shown.start : shown.end],
        "paging": shown,
        "page_url": partial(_page_url, request),
        "kabkota": typed,
        "kabkota_unknown": bool(typed) and code is None,
        "stale_only": stale_only,
        "national": NATIONAL_LINES,
        "type_labels": SERVICE_TYPE_LABELS,
        "max_days": deps.service_verified_days,
        "region_name": deps.regions.name,
        "flash": await _flash(request),
    }
    return await render(request, "services.html", page)


@allow(Access.ADMIN)
async def new_service(request: web.Request) -> web.StreamResponse:
    return await render(request, "service_form.html", _form_page(ServiceForm(), request))


async def _save(request: web.Request, wanted: int | None) -> web.StreamResponse:
    deps = request.app[ADMIN].deps
    fields = await form_fields(request)
    row, form = read_form(fields, deps.regions.directory, deps.clock().date())
    actor = request[STAFF].username
    if row is not None:
        try:
            saved = await save_service(deps, actor, row, wanted)
        except SameServiceError:
            form = ServiceForm(form.values, {"name": problem(SAME_SERVICE)})
        else:
            if saved is None:
                raise web.HTTPNotFound()
            (await get_session(request))[FLASH] = "created" if wanted is None else "updated"
            raise web.HTTPSeeOther(request.app.router["services"].url_for())
    page = {**_form_page(form, request), "service": await _existing(request, wanted)}
    return await render(request, "service_form.html", page, status=400)


async def _existing(request: web.Request, wanted: int | None) -> Any:
    if wanted is None:
        return None
    found = await get_service(request.app[ADMIN].deps, wanted)
    if found is None:
        raise web.HTTPNotFound()
    return found


@allow(Access.ADMIN)
async def create(request: web.Request) -> web.StreamResponse:
    """Save a new service, or show the form again with each problem beside its field."""
    return await _save(request, None)


@allow(Access.ADMIN)
async def service(request: web.Request) -> web.StreamResponse:
    """A service's edit form, with deactivation (or activation) below it."""
    found = await _existing(request, service_id(request))
    page = {**_form_page(form_of(found), request), "service": found}
    return await render(request, "service_form.html", page)


@allow(Access.ADMIN)
async def update(request: web.Request) -> web.StreamResponse:
    return await _save(request, service_id(request))


@allow(Access.ADMIN)
async def set_active(request: web.Request) -> web.StreamResponse:
    """Deactivate a service (kept for past referrals) or activate it again."""
    deps = request.app[ADMIN].deps
    active = (await form_fields(request)).get("active") == "1"
    actor = request[STAFF].username
    if not await set_service_active(deps, actor, service_id(request), active):
        raise web.HTTPNotFound()
    (await get_session(request))[FLASH] = "activated" if active else "deactivated"
    raise web.HTTPSeeOther(request.app.router["services"].url_for())
