"""Posting updates to a webhook as Telegram does: at most `connections` at a time, each with
the secret header; the time each answer took."""

from __future__ import annotations

import asyncio
import json
import time
from typing import Any

import aiohttp

from admin.access import TELEGRAM_SECRET_HEADER

CONNECTIONS = 40  # Telegram's default max_connections


async def post_all(
    target: str, updates: list[dict[str, Any]], secret: str, connections: int = CONNECTIONS
) -> list[float]:
    """Post every update to `target`; the time each answer took, in ms."""
    headers = {TELEGRAM_SECRET_HEADER: secret, "Content-Type": "application/json"}
    waits: list[float] = []
    gate = asyncio.Semaphore(connections)
    connector = aiohttp.TCPConnector(limit=connections)
    async with aiohttp.ClientSession(connector=connector) as http:

        async def post(update: dict[str, Any]) -> None:
            async with gate:
                began = time.perf_counter()
                async with http.post(target, data=json.dumps(update), headers=headers) as answer:
                    assert answer.status == 200, answer.status
                waits.append((time.perf_counter() - began) * 1000)

        await asyncio.gather(*(post(update) for update in updates))
    return waits
