"""`GET /api/v1/cases`: the token's regions' cases changed since `cursor`, oldest change
first, `limit` at a time (100 unless asked, 500 at most). Needs the `cases` scope; the story
and contact details come only with `pii`."""

from __future__ import annotations

from aiohttp import web

from admin.api.errors import ApiError
from admin.api.params import asked_regions, caller_with
from admin.declarations import Access, allow
from admin.state import ADMIN
from triage.domain.partners.access import Scope
from triage.domain.partners.cursor import Cursor, MalformedCursor, decode_cursor, encode_cursor
from triage.services.partners.cases import DEFAULT_LIMIT, MAX_LIMIT, changed_cases


def _cursor(request: web.Request) -> Cursor | None:
    text = request.query.get("cursor")
    if text is None:
        return None
    try:
        return decode_cursor(text)
    except MalformedCursor as exc:
        raise ApiError(400, "malformed_cursor") from exc


def _limit(request: web.Request) -> int:
    text = request.query.get("limit")
    if text is None:
        return DEFAULT_LIMIT
    if (
        not (text.isascii() and text.isdigit() and len(text) <= 4)
        or not 1 <= int(text) <= MAX_LIMIT
    ):
        raise ApiError(400, "bad_limit")
    return int(text)


@allow(Access.PARTNER)
async def cases(request: web.Request) -> web.Response:
    caller = caller_with(request, Scope.CASES)
    regions = asked_regions(request, caller)
    cursor, limit = _cursor(request), _limit(request)
    page = await changed_cases(request.app[ADMIN].deps, caller, regions, cursor, limit)
    body = {
        "cases": page.cases,
        "next_cursor": encode_cursor(page.cursor) if page.cursor is not None else None,
        "has_more": page.more,
    }
    return web.json_response(body)
