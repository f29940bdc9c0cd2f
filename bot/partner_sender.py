"""Posts partners' webhook deliveries from the outbox: claim, post signed, mark sent on a
2xx, else record the failure (`triage.services.outbox.queue.mark_failed` and the retry
policy decide: a doubling wait with jitter, given up after the last try).

The outbox's Telegram sender's sibling: a separate loop, so a partner's slow or dead endpoint
holds up neither Telegram's messages nor anything else. Claims are leases (`FOR UPDATE SKIP
LOCKED` on PostgreSQL), so several processes may run it; a delivery is posted at least once
(a crash between the partner's 2xx and the record posts it again: receivers deduplicate on
`X-Lapor-Delivery`). The body and the secret never reach a log; only ids and statuses.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging

import aiohttp

from triage.domain.delivery import Failure, Verdict
from triage.domain.partners.signing import (
    DELIVERY_HEADER,
    EVENT_HEADER,
    SIGNATURE_HEADER,
    TIMESTAMP_HEADER,
    signature,
)
from triage.services.common.deps import TriageDeps
from triage.services.common.failures import describe_failure
from triage.services.outbox import queue as outbox
from triage.services.partners.webhooks import PendingDelivery, claim_deliveries

log = logging.getLogger(__name__)
TIMEOUT_SECONDS = 10.0
USER_AGENT = "lapor-sosial-webhooks"
GONE = 410  # the partner says the endpoint is gone for good: no more tries


def classify(status: int) -> Failure:
    """A non-2xx answer: 429 waits as asked, 410 is final, anything else is tried again (a
    misconfigured receiver that answers 401 for a while should not lose events)."""
    if status == 429:
        return Failure.RATE_LIMITED
    if status == GONE:
        return Failure.REFUSED
    return Failure.NETWORK


def _retry_after(headers: dict[str, str], status: int) -> float | None:
    """A 429's Retry-After in seconds (the date form is read as no wait asked)."""
    value = headers.get("Retry-After", "") if status == 429 else ""
    return float(value) if value.isdigit() else None


class PartnerWebhookSender:
    """Drains the outbox's webhook channel every `interval` seconds, or when kicked."""

    def __init__(self, deps: TriageDeps, timeout: float = TIMEOUT_SECONDS) -> None:
        self.deps = deps
        self.owner = deps.coordination.owner
        self.timeout = aiohttp.ClientTimeout(total=timeout)
        self.wakeup = asyncio.Event()
        self.stopping = False
        self._session: aiohttp.ClientSession | None = None

    def kick(self) -> None:
        self.wakeup.set()

    def stop(self) -> None:
        self.stopping = True
        self.wakeup.set()

    def _http(self) -> aiohttp.ClientSession:
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(
                timeout=self.timeout, headers={"User-Agent": USER_AGENT}
            )
        return self._session

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()

    async def drain_once(self) -> int:
        """Post every due delivery at once (each on its own, so one slow endpoint does not
        hold up the others); return how many were claimed."""
        deliveries = await claim_deliveries(self.deps, self.owner, self.deps.clock())
        if deliveries:
            await asyncio.gather(*(self._deliver(d) for d in deliveries))
        return len(deliveries)

    async def run(self, interval: float) -> None:
        try:
            while not self.stopping:
                self.wakeup.clear()
                try:
                    while not self.stopping and await self.drain_once():
                        pass
                except Exception as exc:  # keep going after a database hiccup
                    log.error("webhook drain failed: %s", describe_failure(exc))
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self.wakeup.wait(), timeout=interval)
        finally:
            await self.close()

    async def _deliver(self, delivery: PendingDelivery) -> None:
        if delivery.url is None or delivery.secret is None:
            await self._failed(delivery, Failure.REFUSED, "partner revoked or webhook removed")
            return
        stamp = int(self.deps.clock().timestamp())
        headers = {
            "Content-Type": "application/json",
            EVENT_HEADER: delivery.event,
            DELIVERY_HEADER: str(delivery.id),
            TIMESTAMP_HEADER: str(stamp),
            SIGNATURE_HEADER: signature(delivery.secret, stamp, delivery.body),
        }
        try:
            async with self._http().post(
                delivery.url, data=delivery.body, headers=headers, allow_redirects=False
            ) as response:
                status = response.status
                retry_after = _retry_after(dict(response.headers), status)
        except (aiohttp.ClientError, TimeoutError) as exc:
            await self._failed(delivery, Failure.NETWORK, type(exc).__name__)
            return
        if 200 <= status < 300:
            await outbox.mark_sent(self.deps, delivery.id, None, self.deps.clock())
            log.info("webhook delivery %s posted", delivery.id)
            return
        await self._failed(delivery, classify(status), f"HTTP {status}", retry_after)

    async def _failed(
        self,
        delivery: PendingDelivery,
        failure: Failure,
        detail: str,
        retry_after: float | None = None,
    ) -> None:
        verdict = await outbox.mark_failed(
            self.deps, delivery, failure, self.deps.clock(), detail=detail, retry_after=retry_after
        )
        if verdict in (Verdict.PERMANENT, Verdict.UNDELIVERABLE):
            log.warning("webhook delivery %s given up: %s", delivery.id, detail)
        elif verdict is not None:
            log.info("webhook delivery %s %s: %s", delivery.id, verdict.value, detail)
