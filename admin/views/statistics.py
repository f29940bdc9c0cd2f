"""The statistics page: reports and children by period and two chosen dimensions, handling
times, deadlines met, workers' load and referrals, in the viewer's regions; small counts as "< 5"
and the figures hidden with them as "×" (`triage/domain/statistics/suppression.py`)."""

from __future__ import annotations

from aiohttp import web

from admin.access import Access, allow
from admin.presentation.statistics import (
    DIMENSION_LABELS,
    GRANULARITY_LABELS,
    UNIT_LABELS,
    StatisticsWords,
    tables_of,
)
from admin.presentation.statistics_form import read_statistics_form
from admin.render import render
from admin.state import ADMIN, LANG, STAFF
from triage.services.statistics.overview import statistics


def page_words(request: web.Request) -> StatisticsWords:
    context = request.app[ADMIN]
    return StatisticsWords(
        request[LANG], context.deps.translator, context.display_zone, context.deps.regions.name
    )


@allow(Access.STAFF)
async def statistics_page(request: web.Request) -> web.StreamResponse:
    """This year so far by province and kind of harm, unless chosen otherwise; a bad field
    is explained beside it, with the form again and no tables."""
    context = request.app[ADMIN]
    now = context.deps.clock()
    form = read_statistics_form(request.query, now.astimezone(context.display_zone).date())
    words = page_words(request)
    page = {
        "form": form,
        "errors": {name: words.problem(problem) for name, problem in form.problems.items()},
        "dimensions": DIMENSION_LABELS,
        "granularities": GRANULARITY_LABELS,
        "units": UNIT_LABELS,
        "words": words,
        "minimum": context.min_cases,
        "result": None,
        "nav_current": "statistics",
        "swap_url": None,
        "scope_all": request[STAFF].role == "admin",
    }
    if form.request is None:
        return await render(request, "statistics.html", page, status=400)
    result = await statistics(
        context.deps, request[STAFF], form.request, context.display_zone,
        minimum=context.min_cases, now=now,
    )  # fmt: skip
    page.update(
        result=result,
        counts=tables_of(words, result.counts),
        handling=[words.table(stat, words.kind_caption(stat)) for stat in result.handling],
        workload=words.workload(result.workload),
        referrals=words.referrals(result.referrals),
    )
    return await render(request, "statistics.html", page)
