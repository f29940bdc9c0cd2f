"""The Telegram webhook: Telegram posts each update here (webhook mode).

Who may call it is checked before this view runs (`Access.TELEGRAM`: the secret header,
compared in constant time). The update is stored in the inbox before Telegram is answered
200, then processed; a redelivered update is answered 200 and not processed again. While
the bot is not ready or is stopping, 503: Telegram delivers the update again later.
The body is personal data: nothing of it is logged, only the update's id.
"""

from __future__ import annotations

import json
import logging
from typing import Any

from aiohttp import web

from admin.access import Access, allow
from admin.state import TELEGRAM
from triage.services.common.failures import describe_failure
from triage.services.inbox.port import Receipt, UnreadableUpdate

logger = logging.getLogger(__name__)
MAX_UPDATE_BYTES = 1024 * 1024  # Telegram's updates are a few kilobytes; the admin's 64 KiB
# is too tight for a long message quoting another
MAX_UPDATE_ID = 2**63 - 1  # a signed 64-bit column
RETRY_AFTER_SECONDS = "5"


@allow(Access.TELEGRAM)
async def webhook(request: web.Request) -> web.Response:
    receiver = request.app[TELEGRAM].receiver
    if not receiver.accepting:
        return web.Response(status=503, headers={"Retry-After": RETRY_AFTER_SECONDS})
    payload = _update_object(await _body(request))
    if payload is None:
        return web.Response(status=400, text="not a Telegram update")
    try:
        receipt = await receiver.receive(payload)
    except UnreadableUpdate:
        return web.Response(status=400, text="not a Telegram update")
    except Exception as exc:  # the database, most likely: Telegram retries, nothing is lost
        logger.error(
            "webhook: update %s not stored: %s", payload["update_id"], describe_failure(exc)
        )
        return web.Response(status=500)
    if receipt is Receipt.DUPLICATE:
        logger.info("webhook: update %s received before; ignored", payload["update_id"])
    return web.Response(status=200)


async def _body(request: web.Request) -> bytes:
    """The body, read past the admin's form limit up to MAX_UPDATE_BYTES (else 413)."""
    if (request.content_length or 0) > MAX_UPDATE_BYTES:
        raise web.HTTPRequestEntityTooLarge(MAX_UPDATE_BYTES, request.content_length or 0)
    body = bytearray()
    async for chunk in request.content.iter_chunked(64 * 1024):
        body += chunk
        if len(body) > MAX_UPDATE_BYTES:
            raise web.HTTPRequestEntityTooLarge(MAX_UPDATE_BYTES, len(body))
    return bytes(body)


def _update_object(body: bytes) -> dict[str, Any] | None:
    """A JSON object with a whole-number update_id, or None."""
    try:
        payload = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        return None
    if not isinstance(payload, dict):
        return None
    update_id = payload.get("update_id")
    if not isinstance(update_id, int) or isinstance(update_id, bool):
        return None
    if not 0 <= update_id <= MAX_UPDATE_ID:
        return None
    return payload
