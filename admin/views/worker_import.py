"""Importing workers from CSV (admins only): the CLI's own import, all or nothing, with the
same line-by-line errors in the reader's language. A file may be chosen or its text pasted."""

from __future__ import annotations

from aiohttp import web
from aiohttp.web_request import FileField

from admin.access import Access, allow
from admin.render import render
from admin.state import ADMIN, LANG, STAFF
from triage.i18n import N_
from triage.services.workers.csv_rows import HEADER
from triage.services.workers.manage import WorkerAdminError, import_workers_csv

NOTHING_GIVEN = N_("Pilih berkas CSV atau tempel isinya.")
NOT_UTF8 = N_("Berkas ini bukan teks UTF-8. Simpan ulang sebagai CSV UTF-8 lalu coba lagi.")
CHANGED_MEANWHILE = N_("Data petugas berubah selama impor. Coba impor sekali lagi.")
MAX_KIB = 60  # the app takes requests up to 64 KiB (admin/web.py); the form needs the rest


async def _csv_text(request: web.Request) -> str | None:
    """The chosen file's text, else the pasted text; None when neither is UTF-8 text."""
    form = await request.post()
    upload = form.get("file")
    if isinstance(upload, FileField) and upload.filename:
        try:
            return upload.file.read().decode("utf-8-sig")
        except UnicodeDecodeError:
            return None
    pasted = form.get("text")
    return pasted if isinstance(pasted, str) else ""


async def _page(
    request: web.Request, *, problems: list[str] | None = None, text: str = "",
    lines: list[tuple[int, str]] | None = None, done: tuple[int, int] | None = None,
    status: int = 200,
) -> web.Response:  # fmt: skip
    page = {
        "problems": problems or [],
        "lines": lines or [],
        "text": text,
        "done": done,
        "header": HEADER,
        "max_kib": MAX_KIB,
    }
    return await render(request, "workers_import.html", page, status=status)


@allow(Access.ADMIN)
async def import_form(request: web.Request) -> web.StreamResponse:
    return await _page(request)


@allow(Access.ADMIN)
async def import_csv(request: web.Request) -> web.StreamResponse:
    context = request.app[ADMIN]
    translator, lang = context.deps.translator, request[LANG]
    text = await _csv_text(request)
    if text is None:
        return await _page(request, problems=[translator.text(lang, NOT_UTF8)], status=400)
    if not text.strip():
        return await _page(request, problems=[translator.text(lang, NOTHING_GIVEN)], status=400)
    try:
        result = await import_workers_csv(
            context.deps, text, context.deps.regions.directory, context.deps.clock(),
            actor=request[STAFF].username,
        )  # fmt: skip
    except WorkerAdminError:
        problem = translator.text(lang, CHANGED_MEANWHILE)
        return await _page(request, problems=[problem], text=text, status=409)
    if result.errors:
        lines = [(e.line, e.problem.text(translator, lang)) for e in result.errors]
        return await _page(request, lines=lines, text=text, status=400)
    return await _page(request, done=(result.created, result.updated))
