"""`/healthz`: a trivial database query; no login, no personal data."""

from __future__ import annotations

from aiohttp import web

from admin.access import Access, allow
from admin.state import ADMIN
from triage.services.cases.queries import database_reachable


@allow(Access.PUBLIC)
async def healthz(request: web.Request) -> web.Response:
    if await database_reachable(request.app[ADMIN].deps):
        return web.json_response({"status": "ok"})
    return web.json_response({"status": "unavailable"}, status=503)
