"""The stand-in's webhook delivery: queued updates posted to the bot as Telegram does."""

from __future__ import annotations

import asyncio
import json

import aiohttp

from tests.support.stub_chats import wait_event
from tests.support.stub_core import StubCore

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"


class WebhookPusher:
    """Once a webhook is set (setWebhook) and `targets` say where its https URL arrives (as a
    TLS proxy in front of the bot would forward it), posts each queued update there: one per
    request, oldest first, with the secret token header. A 2xx answer confirms the update;
    any other answer, or none, is retried after `retry_seconds` (Telegram waits longer).
    With several targets it is a load balancer: each post goes to the next one in turn, so
    a retry goes to another process."""

    def __init__(self, core: StubCore, retry_seconds: float = 0.2) -> None:
        self.core = core
        self.retry_seconds = retry_seconds
        self.targets: list[str] = []
        self._turn = 0
        self.answers: list[tuple[int, int]] = []  # (update_id, status); 0: no answer
        self.posted_to: list[tuple[int, str, int]] = []  # (update_id, target, status)

    @property
    def target(self) -> str | None:
        return self.targets[self._turn % len(self.targets)] if self.targets else None

    @target.setter
    def target(self, url: str | None) -> None:
        self.targets = [url] if url else []

    async def run(self) -> None:
        async with aiohttp.ClientSession() as http:
            while True:
                changed = self.core.updates_changed()
                update = self.core.next_for_webhook() if self.target else None
                if update is None:
                    await wait_event(changed, 1.0)
                    continue
                target = self.target
                assert target is not None
                self._turn += 1
                status = await self._post(http, target, update)
                self.answers.append((update["update_id"], status))
                self.posted_to.append((update["update_id"], target, status))
                if 200 <= status < 300:
                    self.core.confirm_pushed(update["update_id"])
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
