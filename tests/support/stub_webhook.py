"""The stand-in's webhook delivery: queued updates posted to the bot as Telegram does."""

from __future__ import annotations

import asyncio
import json

import aiohttp

from tests.support.stub_chats import wait_event
from tests.support.stub_core import StubCore
from tests.support.stub_types import JSON

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"


class WebhookPusher:
    """Once a webhook is set (setWebhook) and `targets` say where its https URL arrives (as a
    TLS proxy in front of the bot would forward it), posts each queued update there: one per
    request, oldest first, with the secret token header. A 2xx answer confirms the update;
    any other answer, or none, is retried after `retry_seconds` (Telegram waits longer).
    With several targets it is a load balancer: each post goes to the next one in turn, so
    a retry goes to another process. `connections` posts may be under way at once, as
    Telegram's max_connections allows (one chat's updates still one after the other); the
    tests keep one, the benchmarks take Telegram's 40."""

    def __init__(self, core: StubCore, retry_seconds: float = 0.2, connections: int = 1) -> None:
        self.core = core
        self.retry_seconds = retry_seconds
        self.connections = connections
        self.targets: list[str] = []
        self._turn = 0
        self._posting: dict[int, int] = {}  # update_id -> chat, while its post is under way
        self._lanes: set[asyncio.Task[None]] = set()
        self.answers: list[tuple[int, int]] = []  # (update_id, status); 0: no answer
        self.posted_to: list[tuple[int, str, int]] = []  # (update_id, target, status)

    @property
    def target(self) -> str | None:
        return self.targets[self._turn % len(self.targets)] if self.targets else None

    @target.setter
    def target(self, url: str | None) -> None:
        self.targets = [url] if url else []

    async def run(self) -> None:
        connector = aiohttp.TCPConnector(limit=0)
        try:
            async with aiohttp.ClientSession(connector=connector) as http:
                while True:
                    changed = self.core.updates_changed()
                    update = self._next()
                    if update is None:
                        await wait_event(changed, 1.0)
                    elif self.connections == 1:
                        await self._deliver(http, update)
                    else:
                        self._posting[update["update_id"]] = self.core.chat_of(update["update_id"])
                        lane = asyncio.create_task(self._lane(http, update))
                        self._lanes.add(lane)
                        lane.add_done_callback(self._lanes.discard)
        finally:
            for lane in list(self._lanes):
                lane.cancel()
            await asyncio.gather(*self._lanes, return_exceptions=True)

    def _next(self) -> JSON | None:
        """The oldest update to post now: a connection free, and its chat's earlier one done."""
        if not self.target or len(self._posting) >= self.connections:
            return None
        busy = set(self._posting.values())
        for update in self.core.for_webhook():
            if update["update_id"] in self._posting:
                continue
            if self.core.chat_of(update["update_id"]) in busy:
                continue
            return update
        return None

    async def _lane(self, http: aiohttp.ClientSession, update: JSON) -> None:
        try:
            await self._deliver(http, update)
        finally:
            del self._posting[int(update["update_id"])]
            self.core.wake_pusher()

    async def _deliver(self, http: aiohttp.ClientSession, update: JSON) -> None:
        target = self.target
        assert target is not None
        self._turn += 1
        update_id = int(update["update_id"])
        status = await self._post(http, target, update)
        self.answers.append((update_id, status))
        self.posted_to.append((update_id, target, status))
        if 200 <= status < 300:
            self.core.confirm_pushed(update_id)
        else:
            await asyncio.sleep(self.retry_seconds)

    async def _post(
        self, http: aiohttp.ClientSession, target: str, update: dict[str, object]
    ) -> int:
        assert self.core.webhook is not None
        headers = {"Content-Type": "application/json"}
        secret = self.core.webhook.get("secret_token")
        if secret:
            headers[SECRET_HEADER] = str(secret)
        try:
            async with http.post(target, data=json.dumps(update), headers=headers) as answer:
                return answer.status
        except aiohttp.ClientError:
            return 0
