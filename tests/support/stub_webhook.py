"""The stand-in's webhook delivery: queued updates posted to the bot as Telegram does."""

from __future__ import annotations

import asyncio
import json

import aiohttp

from tests.support.stub_chats import wait_event
from tests.support.stub_core import StubCore

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"


class WebhookPusher:
    """Once a webhook is set (setWebhook) and `target` says where its https URL arrives (as a
    TLS proxy in front of the bot would forward it), posts each queued update there: one per
    request, oldest first, with the secret token header. A 2xx answer confirms the update;
    any other answer, or none, is retried after `retry_seconds` (Telegram waits longer)."""

    def __init__(self, core: StubCore, retry_seconds: float = 0.2) -> None:
        self.core = core
        self.retry_seconds = retry_seconds
        self.target: str | None = None
        self.answers: list[tuple[int, int]] = []  # (update_id, status); 0: no answer

    async def run(self) -> None:
        async with aiohttp.ClientSession() as http:
            while True:
                changed = self.core.updates_changed()
                update = self.core.next_for_webhook() if self.target else None
                if update is None:
                    await wait_event(changed, 1.0)
                    continue
                status = await self._post(http, update)
                self.answers.append((update["update_id"], status))
                if 200 <= status < 300:
                    self.core.confirm_pushed(update["update_id"])
                else:
                    await asyncio.sleep(self.retry_seconds)

    async def _post(self, http: aiohttp.ClientSession, update: dict[str, object]) -> int:
        assert self.target is not None and self.core.webhook is not None
        headers = {"Content-Type": "application/json"}
        secret = self.core.webhook.get("secret_token")
        if secret:
            headers[SECRET_HEADER] = str(secret)
        try:
            async with http.post(self.target, data=json.dumps(update), headers=headers) as answer:
                return answer.status
        except aiohttp.ClientError:
            return 0
