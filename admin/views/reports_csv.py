"""The filtered queue as a CSV download, streamed as it is read (a large export never sits in
memory), with the same filters and order as the page; audited by the use case."""

from __future__ import annotations

from contextlib import aclosing

from aiohttp import web

from admin.access import Access, allow
from admin.presentation.csv_export import BYTE_ORDER_MARK, CsvBuffer, CsvWords
from admin.state import ADMIN, LANG, STAFF
from admin.views.reports import read_form, show_form_errors
from triage.services.cases.export import export_reports, may_see_personal
from triage.services.regions.lookup import DirectoryLookup

FLUSH_CHARS = 64 * 1024  # send the file in pieces of about this size


def _kabkota_name(regions: DirectoryLookup, code: str) -> str | None:
    found = regions.directory.kabkota(code)
    return found.short_name if found else None


def _words(request: web.Request) -> CsvWords:
    context = request.app[ADMIN]
    regions = context.deps.regions
    return CsvWords(
        request[LANG],
        context.deps.translator,
        context.display_zone,
        province_name=regions.name,
        kabkota_name=lambda code: _kabkota_name(regions, code),
    )


def _download_headers(request: web.Request) -> dict[str, str]:
    day = request.app[ADMIN].deps.clock().astimezone(request.app[ADMIN].display_zone)
    filename = f"lapor-sosial-laporan-{day:%Y-%m-%d-%H%M}.csv"
    return {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": f'attachment; filename="{filename}"',
    }


@allow(Access.STAFF)
async def reports_csv(request: web.Request) -> web.StreamResponse:
    """Every report matching the filters that the viewer may see; admins also get the story
    and contact details. A HEAD request gets the headers only (and is not an export)."""
    form, choices = await read_form(request)
    if form.errors:
        return await show_form_errors(request, form, choices)
    response = web.StreamResponse(headers=_download_headers(request))
    await response.prepare(request)
    if request.method == "HEAD":
        return response
    context, staff, words = request.app[ADMIN], request[STAFF], _words(request)
    rows = export_reports(context.deps, staff, form.filters, form.order, context.deps.clock())
    buffer = CsvBuffer(BYTE_ORDER_MARK)
    buffer.write(words.headers(may_see_personal(staff)))
    async with aclosing(rows):
        async for row in rows:
            buffer.write(words.cells(row))
            if buffer.size >= FLUSH_CHARS:
                await response.write(buffer.take())
    await response.write(buffer.take())
    await response.write_eof()
    return response
