"""Friendly error pages (never a traceback) and security headers on every response."""

from __future__ import annotations

import logging
import time
from collections.abc import Awaitable, Callable

from aiohttp import web

from admin.access import AdminRoleRequired
from admin.api.errors import api_path, error_for_status
from admin.render import render
from admin.state import ADMIN
from triage.i18n import N_
from triage.services.common.failures import failure_frames

logger = logging.getLogger(__name__)

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}
HSTS = "max-age=31536000"  # a year; no includeSubDomains: other hosts of the domain are not ours
SERVER = "lapor-sosial"  # no product versions for scanners to match
ADMIN_ONLY = (N_("Akses ditolak"), N_("Halaman ini hanya untuk admin."))
ERROR_TEXTS = {
    403: (N_("Akses ditolak"), N_("Formulir ini kedaluwarsa. Muat ulang halaman lalu coba lagi.")),
    404: (N_("Halaman tidak ditemukan"), N_("Alamat yang Anda buka tidak ada.")),
    405: (N_("Permintaan tidak didukung"), N_("Halaman ini tidak menerima permintaan itu.")),
    413: (
        N_("Kiriman terlalu besar"),
        N_("Yang Anda kirim terlalu besar. Bagi berkasnya lalu kirim bagian demi bagian."),
    ),
    500: (
        N_("Terjadi kesalahan"),
        N_("Maaf, ada masalah di sistem kami. Coba lagi sebentar lagi."),
    ),
}


async def error_page(
    request: web.Request, status: int, texts: tuple[str, str] | None = None
) -> web.Response:
    title, message = texts or ERROR_TEXTS[status]
    context = {"title": title, "message": message, "status": status}
    return await render(request, "error.html", context, status=status)


@web.middleware
async def error_middleware(
    request: web.Request, handler: Callable[[web.Request], Awaitable[web.StreamResponse]]
) -> web.StreamResponse:
    """403, 404, 405 and unexpected errors become pages in the user's language; under
    `/api/` JSON errors (`admin/api/errors.py`)."""
    try:
        return await handler(request)
    except AdminRoleRequired:
        return await error_page(request, 403, ADMIN_ONLY)
    except web.HTTPException as exc:
        if exc.status not in ERROR_TEXTS:
            raise
        if api_path(request):
            return error_for_status(exc.status)
        return await error_page(request, exc.status)
    except Exception as exc:
        # Type and code locations only: an exception's message may carry personal data.
        logger.error(
            "unhandled %s on %s\n%s", type(exc).__name__, request.path, failure_frames(exc)
        )
        if api_path(request):
            return error_for_status(500)
        return await error_page(request, 500)


@web.middleware
async def timing_middleware(
    request: web.Request, handler: Callable[[web.Request], Awaitable[web.StreamResponse]]
) -> web.StreamResponse:
    """Every request's duration into the latency histogram, by route name (never the path,
    which can hold a case reference)."""
    started = time.perf_counter()
    try:
        return await handler(request)
    finally:
        elapsed = time.perf_counter() - started
        request.app[ADMIN].deps.metrics.admin_request(route_name(request), elapsed)


def route_name(request: web.Request) -> str:
    resource = request.match_info.route.resource
    if resource is None:
        return "unmatched"  # 404 and 405 answers
    return resource.name or "unnamed"


async def add_security_headers(request: web.Request, response: web.StreamResponse) -> None:
    """Sent on every response; nothing but static files may be cached; HSTS over HTTPS."""
    response.headers.update(SECURITY_HEADERS)
    response.headers["Server"] = SERVER
    if request.app[ADMIN].secure:
        response.headers["Strict-Transport-Security"] = HSTS
    resource = request.match_info.route.resource
    if resource is None or resource.name != "static":
        response.headers["Cache-Control"] = "no-store"
