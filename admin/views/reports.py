"""The queue behind login: filters in the URL, sortable columns, keyset pages; and `/` to it."""

from __future__ import annotations

from typing import Any

from aiohttp import web
from babel.numbers import format_decimal

from admin.access import Access, allow
from admin.presentation.labels import CATEGORY_LABELS
from admin.presentation.queue_form import QueueForm, read_queue_form
from admin.presentation.queue_links import SORT_LABELS, columns, view_url
from admin.presentation.reports import STATUS_LABELS, URGENCY_LABELS, ReportRow, report_row
from admin.presentation.select_options import grouped_options, options, province_options
from admin.render import render
from admin.state import ADMIN, LANG, STAFF
from triage.i18n import N_
from triage.services.cases.queries import ReportPage, list_reports
from triage.services.cases.queue_choices import QueueChoices, queue_choices
from triage.services.cases.queue_query import OPEN, QueueOrder

PAGE_SIZE = 25
CURSOR_REFUSED = N_("Tautan halaman itu sudah tidak berlaku. Ini halaman pertama dari daftarnya.")


@allow(Access.PUBLIC)
async def index(request: web.Request) -> web.StreamResponse:
    raise web.HTTPFound(request.app.router["reports"].url_for())


async def read_form(request: web.Request) -> tuple[QueueForm, QueueChoices]:
    """The queue's form from the URL, checked against what this viewer may pick."""
    context = request.app[ADMIN]
    choices = await queue_choices(context.deps, request[STAFF])
    return read_queue_form(request.query, choices, context.display_zone), choices


def _rows(request: web.Request, result: ReportPage) -> list[ReportRow]:
    context = request.app[ADMIN]
    return [
        report_row(
            item,
            lang=request[LANG],
            translator=context.deps.translator,
            zone=context.display_zone,
            region_name=context.deps.regions.name,
        )
        for item in result.items
    ]


def _form_context(request: web.Request, form: QueueForm, choices: QueueChoices) -> dict[str, Any]:
    """What the filter form needs, with the kabupaten/kota of the chosen province only."""
    base = request.app.router["reports"].url_for()
    values = form.values
    chosen = choices.province(values["province"]) if values["province"] else None
    return {
        "form": form,
        "province_options": province_options(choices.provinces, values["province"]),
        "kabkota_options": grouped_options(
            [chosen] if chosen else choices.provinces, values["kabkota"]
        ),
        "worker_options": options(choices.workers, values["worker"]),
        "open_status": OPEN,
        "status_labels": STATUS_LABELS,
        "urgency_labels": URGENCY_LABELS,
        "category_labels": CATEGORY_LABELS,
        "columns": columns(base, form),
        "sort_labels": SORT_LABELS,
        "csv_url": view_url(request.app.router["reports_csv"].url_for(), form),
        "clear_url": base,
        "default_order_url": view_url(base, form, QueueOrder()),
    }


def _page_context(request: web.Request, form: QueueForm, result: ReportPage) -> dict[str, Any]:
    base = request.app.router["reports"].url_for()
    lang = request[LANG]
    return {
        "rows": _rows(request, result),
        "total": result.total,
        "total_text": format_decimal(result.total, locale=lang),
        "first": format_decimal(result.first, locale=lang),
        "last": format_decimal(result.first + len(result.items) - 1, locale=lang),
        "previous_url": view_url(base, form, before=result.previous) if result.previous else None,
        "next_url": view_url(base, form, after=result.next) if result.next else None,
        "first_url": view_url(base, form) if result.previous else None,
        "notice": CURSOR_REFUSED if result.cursor_refused else None,
    }


async def show_form_errors(
    request: web.Request, form: QueueForm, choices: QueueChoices
) -> web.Response:
    """The form again with each problem beside its field, and no list (400)."""
    page = {**_form_context(request, form, choices), "rows": [], "total": 0, "notice": None}
    return await render(request, "reports.html", page, status=400)


def _without_empty_fields(request: web.Request) -> None:
    """The form sends every field; the URL to bookmark or share keeps those filled in."""
    filled = [(name, value) for name, value in request.query.items() if value]
    if len(filled) != len(request.query):
        raise web.HTTPSeeOther(request.rel_url.with_query(filled))


@allow(Access.STAFF)
async def reports(request: web.Request) -> web.StreamResponse:
    """The reports the staff member may see, filtered and sorted as the URL asks."""
    _without_empty_fields(request)
    form, choices = await read_form(request)
    if form.errors:
        return await show_form_errors(request, form, choices)
    context = request.app[ADMIN]
    result = await list_reports(
        context.deps,
        request[STAFF],
        form.filters,
        form.order,
        form.page,
        limit=PAGE_SIZE,
        now=context.deps.clock(),
    )
    page = {**_form_context(request, form, choices), **_page_context(request, form, result)}
    return await render(request, "reports.html", page)
