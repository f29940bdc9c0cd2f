"""The dashboard: open cases now, response times against the targets, deadlines breached, per
urgency, region, worker and week, over a chosen period in the viewer's regions."""

from __future__ import annotations

from typing import Any

from aiohttp import web
from markupsafe import Markup
from yarl import URL

from admin.access import Access, allow
from admin.presentation.dashboard import DashboardWords
from admin.presentation.period_form import PeriodForm, read_period_form
from admin.presentation.reports import URGENCY_LABELS
from admin.render import render, render_fragment
from admin.state import ADMIN, LANG, STAFF
from triage.services.dashboard.model import MEASURES
from triage.services.dashboard.overview import dashboard

FIRST_ROWS = 25  # of the kabupaten/kota and worker rankings, unless all are asked for


def page_words(request: web.Request) -> DashboardWords:
    context = request.app[ADMIN]
    return DashboardWords(
        request[LANG], context.deps.translator, context.display_zone, context.deps.regions.name
    )


def swapped_url(request: web.Request, form: PeriodForm) -> URL | None:
    """When the dates are the wrong way round: the same page with them swapped."""
    problem = form.problems.get("to")
    if problem is None or "first" not in problem.values:
        return None
    return request.rel_url.update_query({"from": form.last, "to": form.first})


def form_context(request: web.Request, form: PeriodForm, words: DashboardWords) -> dict[str, Any]:
    return {
        "form": form,
        "errors": {name: words.problem(problem) for name, problem in form.problems.items()},
        "swap_url": swapped_url(request, form),
        "urgency_labels": URGENCY_LABELS,
        "words": words,
    }


@allow(Access.STAFF)
async def dashboard_page(request: web.Request) -> web.StreamResponse:
    """The figures of the period (the last 12 weeks unless chosen); a bad field is explained
    beside it, with the form again and no figures."""
    context = request.app[ADMIN]
    now = context.deps.clock()
    form = read_period_form(request.query, now.astimezone(context.display_zone).date())
    words = page_words(request)
    page = {
        **form_context(request, form, words),
        "result": None,
        "nav_current": "dashboard",
        "scope_all": request[STAFF].role == "admin",
    }
    if form.period is None:
        return await render(request, "dashboard.html", page, status=400)
    every_row = request.query.get("rows") == "all"
    result = await dashboard(
        context.deps, request[STAFF], form.period, context.display_zone,
        urgency=form.urgency_code, minimum=context.min_cases, now=now,
        rows=None if every_row else FIRST_ROWS, kept=context.dashboards,
    )  # fmt: skip
    shown = context.shown_dashboards.get(result, words)
    all_rows_url = None if every_row else str(request.rel_url.update_query(rows="all"))

    def figures() -> Markup:
        section = {
            "result": result, "charts": shown.charts, "measures": list(MEASURES),
            "statuses": shown.statuses, "tables": shown.tables, "words": words,
            "all_rows_url": all_rows_url,
        }  # fmt: skip
        return render_fragment(request, "dashboard_figures.html", words.lang, section)

    page.update(result=result, figures=shown.section(all_rows_url, figures))
    return await render(request, "dashboard.html", page)
