"""The report list behind login: filters, pagination and the empty state; and `/` to it."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from aiohttp import web

from admin.access import Access, allow
from admin.presentation.reports import STATUS_LABELS, URGENCY_LABELS, ReportRow, report_row
from admin.render import render
from admin.state import ADMIN, LANG, STAFF
from triage.services.cases.queries import ReportPage, list_reports

PAGE_SIZE = 25


@allow(Access.PUBLIC)
async def index(request: web.Request) -> web.StreamResponse:
    raise web.HTTPFound(request.app.router["reports"].url_for())


def _filters(query: Mapping[str, str]) -> tuple[str | None, str | None, int]:
    """Known status and urgency codes only; anything else means "all". Pages count from 1."""
    status = query.get("status")
    urgency = query.get("urgency")
    page = query.get("page", "1")
    return (
        status if status in STATUS_LABELS else None,
        urgency if urgency in URGENCY_LABELS else None,
        max(1, int(page)) if page.isascii() and page.isdigit() and len(page) < 7 else 1,
    )


def _page_links(
    request: web.Request, result: ReportPage, page: int, filters: dict[str, str | None]
) -> dict[str, Any]:
    """URLs of the neighbouring pages, keeping the filters; None where there is none."""
    base = request.app.router["reports"].url_for()
    query = {name: value for name, value in filters.items() if value is not None}
    has_next = result.offset + len(result.items) < result.total
    return {
        "previous_url": base.with_query({**query, "page": page - 1}) if page > 1 else None,
        "next_url": base.with_query({**query, "page": page + 1}) if has_next else None,
        "first": result.offset + 1,
        "last": result.offset + len(result.items),
    }


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


@allow(Access.STAFF)
async def reports(request: web.Request) -> web.StreamResponse:
    """List the reports the staff member may see, most urgent open ones first."""
    context = request.app[ADMIN]
    status, urgency, page = _filters(request.query)
    result = await list_reports(
        context.deps,
        request[STAFF],
        status=status,
        urgency=urgency,
        limit=PAGE_SIZE,
        offset=(page - 1) * PAGE_SIZE,
        now=context.deps.clock(),
    )
    page_context = {
        "rows": _rows(request, result),
        "total": result.total,
        "status": status,
        "urgency": urgency,
        "filtered": status is not None or urgency is not None,
        "status_labels": STATUS_LABELS,
        "urgency_labels": URGENCY_LABELS,
        **_page_links(request, result, page, {"status": status, "urgency": urgency}),
    }
    return await render(request, "reports.html", page_context)
