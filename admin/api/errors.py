"""The partner API's errors: always JSON `{"error": {"code", "message"}}`, never a page or a
traceback, and never anything of the request (a token, a cursor) echoed back."""

from __future__ import annotations

from aiohttp import web

API_PREFIX = "/api/"
MESSAGES = {
    "missing_token": "Send the token as 'Authorization: Bearer <token>'.",
    "unknown_token": "The token is not valid.",
    "expired_token": "The token has expired.",
    "revoked_token": "The token has been revoked.",
    "scope_not_granted": "The token's scopes do not include this data.",
    "region_not_granted": "A region asked for is outside the token's regions.",
    "bad_region": "A region is a province code (32) or a kabupaten/kota code (32.73).",
    "malformed_cursor": "The cursor is not one this API gave out.",
    "bad_limit": "The limit is a whole number from 1 to 500.",
    "bad_period": "Give 'from' and 'to' as YYYY-MM-DD, 'from' not after 'to', two years at most.",
    "bad_by": "Give 'by' as two different dimensions, rows first: kabkota,urgency.",
    "bad_granularity": "The period is 'month', 'quarter' or 'year'.",
    "bad_unit": "The unit is 'reports' or 'children'.",
    "rate_limited": "Too many calls; wait for the time in Retry-After.",
    "not_found": "No such endpoint.",
    "forbidden": "Refused.",
    "too_large": "The request is too large.",
    "method_not_allowed": "This endpoint is read-only.",
    "server_error": "Something went wrong on our side; try again later.",
}
STATUS_CODES = {403: "forbidden", 404: "not_found", 405: "method_not_allowed", 413: "too_large"}


class ApiError(Exception):
    """A view's refusal: the guard answers it as JSON."""

    def __init__(self, status: int, code: str) -> None:
        super().__init__(code)
        self.status = status
        self.code = code


def api_path(request: web.Request) -> bool:
    return request.path.startswith(API_PREFIX)


def json_error(status: int, code: str, headers: dict[str, str] | None = None) -> web.Response:
    body = {"error": {"code": code, "message": MESSAGES.get(code, code)}}
    return web.json_response(body, status=status, headers=headers)


def error_for_status(status: int) -> web.Response:
    """aiohttp's own answers (404, 405) under /api/, as JSON."""
    return json_error(status, STATUS_CODES.get(status, "server_error"))
