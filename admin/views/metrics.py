"""`/metrics`: the Prometheus text format for a scraper (who may: `admin/monitor.py`).
Counts and timings only, with labels from fixed lists: no personal data."""

from __future__ import annotations

from aiohttp import web
from prometheus_client import CONTENT_TYPE_LATEST

from admin.access import Access, allow
from admin.state import ADMIN
from triage.services.health.scrape import scrape


@allow(Access.MONITOR)
async def metrics(request: web.Request) -> web.Response:
    deps = request.app[ADMIN].deps
    body = await scrape(deps, deps.clock())
    return web.Response(body=body, headers={"Content-Type": CONTENT_TYPE_LATEST})
