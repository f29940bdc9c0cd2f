"""The answer when a staff member may see a worker but not change them."""

from __future__ import annotations

from aiohttp import web

from admin.middlewares import error_page
from triage.i18n import N_

NOT_ADMIN_WORKER = (
    N_("Hanya admin"),
    N_(
        "Petugas ini juga bertugas di luar wilayah Anda, atau seorang supervisor. "
        "Hanya admin yang dapat mengubahnya."
    ),
)


async def refuse_read_only(request: web.Request) -> web.Response:
    return await error_page(request, 403, NOT_ADMIN_WORKER)
