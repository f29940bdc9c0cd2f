"""Coverage: the kabupaten/kota with no worker at all, and with no worker on duty right now.

Any staff member: a supervisor sees their own regions; an admin the kabupaten/kota that have
a report or a worker, and with `?all=1` all of them.
"""

from __future__ import annotations

from aiohttp import web

from admin.access import Access, allow
from admin.presentation.workers import WorkerWords
from admin.render import render
from admin.state import ADMIN, LANG, STAFF
from triage.services.workers.coverage import CoverageState, coverage


@allow(Access.STAFF)
async def coverage_page(request: web.Request) -> web.StreamResponse:
    context = request.app[ADMIN]
    everything = request.query.get("all") == "1"
    now = context.deps.clock()
    found = await coverage(context.deps, request[STAFF], now, everything=everything)
    words = WorkerWords(
        request[LANG], context.deps.translator, context.display_zone, context.deps.regions.name
    )
    page = {
        "coverage": found,
        "no_worker": found.in_state(CoverageState.NO_WORKER),
        "none_on_duty": found.in_state(CoverageState.NONE_ON_DUTY),
        "states": CoverageState,
        "words": words,
        "now": words.moment(now),
        "is_admin": request[STAFF].role == "admin",
    }
    return await render(request, "coverage.html", page)
