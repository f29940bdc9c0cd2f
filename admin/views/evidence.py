"""The reporter's photos and voice notes, streamed from the server: the browser never sees a
Telegram URL or the bot token, and every file handed out is audited by the use case."""

from __future__ import annotations

import logging

from aiohttp import web

from admin.access import Access, allow
from admin.middlewares import error_page
from admin.state import ADMIN, STAFF
from triage.i18n import N_
from triage.services.cases.evidence import EvidenceFile, fetch_evidence, find_evidence
from triage.services.files.port import FetchedFile, FileUnavailable

logger = logging.getLogger(__name__)
MAX_NUMBER_DIGITS = 3
UNAVAILABLE = (
    N_("Berkas belum bisa dibuka"),
    N_("Berkas ini tidak bisa diambil dari Telegram sekarang. Coba lagi sebentar lagi."),
)


@allow(Access.STAFF)
async def evidence(request: web.Request) -> web.StreamResponse:
    """File number `number` of the case (from 1); 404 when unknown or outside the regions."""
    typed = request.match_info["number"]
    if not typed.isdecimal() or len(typed) > MAX_NUMBER_DIGITS:
        raise web.HTTPNotFound()
    context = request.app[ADMIN]
    deps, reference = context.deps, request.match_info["reference"]
    found = await find_evidence(deps, request[STAFF], reference, int(typed), deps.clock())
    if found is None:
        raise web.HTTPNotFound()
    response: web.StreamResponse | None = None
    try:
        async with fetch_evidence(deps, found) as fetched:
            response = await _start(request, found, fetched)
            async for chunk in fetched.chunks:
                await response.write(chunk)
        await response.write_eof()
        return response
    except FileUnavailable as exc:
        logger.warning("evidence %s of a case not fetched: %s", found.number, exc.reason)
        if response is None:
            return await error_page(request, 502, UNAVAILABLE)
        # The headers are sent: close the connection, so the browser sees a cut-off file.
        request.protocol.force_close()
        return response


async def _start(
    request: web.Request, found: EvidenceFile, fetched: FetchedFile
) -> web.StreamResponse:
    disposition = "inline" if found.inline else "attachment"
    response = web.StreamResponse(
        headers={
            "Content-Type": found.media_type,
            "Content-Disposition": f'{disposition}; filename="{found.filename}"',
        }
    )
    if fetched.size is not None:
        response.content_length = fetched.size
    await response.prepare(request)
    return response
