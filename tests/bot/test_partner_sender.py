"""Partners' webhooks: case events queued in the event's transaction, posted signed to a real
aiohttp receiver on loopback, retried with the outbox's backoff, given up by its rules; a
dead, slow or revoked endpoint holds up nothing else."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

import pytest
from aiohttp import web
from sqlmodel import col, select

from bot.partner_sender import PartnerWebhookSender
from tests.support.deps import Clock, make_deps
from triage.domain.delivery import RetryPolicy
from triage.domain.partners.access import parse_scopes
from triage.domain.partners.signing import (
    DELIVERY_HEADER,
    EVENT_HEADER,
    SIGNATURE_HEADER,
    TIMESTAMP_HEADER,
    signature_valid,
)
from triage.services.common.deps import TriageDeps
from triage.services.common.events import add_event
from triage.services.outbox import queue as outbox
from triage.services.outbox.backlog import outbox_backlog
from triage.services.partners.manage import (
    PartnerError,
    PartnerProblem,
    add_partner,
    revoke_partner,
    set_webhook,
)
from triage.storage.tables import OutboxMessage, Report
from triage.storage.uow import UnitOfWorkFactory


@dataclass
class Receiver:
    """A partner's endpoint: answers the scripted statuses in turn (then 200), records every
    request, and sleeps `delay` seconds first."""

    statuses: list[int] = field(default_factory=list)
    delay: float = 0.0
    seen: list[tuple[dict[str, str], bytes]] = field(default_factory=list)
    url: str = ""

    async def handle(self, request: web.Request) -> web.Response:
        self.seen.append((dict(request.headers), await request.read()))
        await asyncio.sleep(self.delay)
        return web.Response(status=self.statuses.pop(0) if self.statuses else 200)


@pytest.fixture
async def receivers() -> AsyncIterator[list[Receiver]]:
    """Two endpoints on loopback (`receivers[0]`, `receivers[1]`), each a real HTTP server."""
    made, runners = [Receiver(), Receiver()], []
    for receiver in made:
        app = web.Application()
        app.router.add_post("/hook", receiver.handle)
        runner = web.AppRunner(app, access_log=None, shutdown_timeout=0.1)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        port = runner.addresses[0][1]
        receiver.url = f"http://127.0.0.1:{port}/hook"
        runners.append(runner)
    yield made
    for runner in runners:
        await runner.cleanup()


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def deps(uow_factory: UnitOfWorkFactory, clock: Clock) -> TriageDeps:
    return make_deps(uow_factory, clock=clock, jitter=lambda: 0.0)


async def _partner(deps: TriageDeps, name: str, url: str, regions: tuple[str, ...] = ("32",),
                   scopes: str = "cases") -> str:  # fmt: skip
    await add_partner(deps, name, regions, parse_scopes(scopes), None, "test")
    secret = await set_webhook(deps, name, url, "test")
    assert secret is not None
    return secret


async def _case(deps: TriageDeps, region: str = "32.73", kind: str = "received") -> int:
    """A report and its timeline event, committed together: the event's transaction."""
    async with deps.uow() as uow:
        report = Report(
            reference=f"LS-HOOK-{region[-2:]}{kind[:2].upper()}",
            received_at=deps.clock(),
            reporter_chat_id=42,
            description="Rahasia: cerita pelapor",
            contact_phone="+6281234567890",
            kabkota_code=region,
            urgency="TINGGI",
        )
        uow.session.add(report)
        await uow.session.flush()
        assert report.id is not None
        await add_event(uow.session, report.id, kind, "reporter", {}, deps.clock())
        await uow.commit()
        return report.id


async def _deliveries(deps: TriageDeps) -> list[OutboxMessage]:
    async with deps.uow() as uow:
        query = select(OutboxMessage).where(col(OutboxMessage.channel) == outbox.WEBHOOK)
        return list((await uow.session.exec(query.order_by(col(OutboxMessage.id)))).all())


def _verified(secret: str, request: tuple[dict[str, str], bytes]) -> dict[str, Any]:
    headers, body = request
    stamp = int(headers[TIMESTAMP_HEADER])
    assert signature_valid(secret, stamp, body, headers[SIGNATURE_HEADER])
    assert not signature_valid(secret, stamp + 1, body, headers[SIGNATURE_HEADER])
    assert not signature_valid("another-secret", stamp, body, headers[SIGNATURE_HEADER])
    return dict(json.loads(body))


async def test_a_case_event_is_posted_signed_once(
    deps: TriageDeps, receivers: list[Receiver], clock: Clock
) -> None:
    secret = await _partner(deps, "jabar", receivers[0].url)
    await _partner(deps, "jakarta", receivers[1].url, regions=("31",))
    await _case(deps)

    claimed = await PartnerWebhookSender(deps).drain_once()

    assert claimed == 1 and receivers[1].seen == []  # Jakarta's partner hears nothing of it
    [request] = receivers[0].seen
    body = _verified(secret, request)
    assert body["event"] == "case.created"
    assert body["case"] == {"reference": "LS-HOOK-73RE", "region": "32.73", "urgency": "TINGGI"}
    assert "Rahasia" not in request[1].decode() and "6281234567890" not in request[1].decode()
    assert request[0][EVENT_HEADER] == "case.created"
    assert int(request[0][TIMESTAMP_HEADER]) == int(clock.now.timestamp())
    [row] = await _deliveries(deps)
    assert (row.status, row.text, row.attempts) == ("sent", outbox.SENT_TEXT, 1)
    assert await PartnerWebhookSender(deps).drain_once() == 0


@pytest.mark.parametrize(
    ("kind", "event"), [("accepted", "case.accepted"), ("closed", "case.closed")]
)
async def test_accepted_and_closed_are_events_and_a_note_is_not(
    deps: TriageDeps, receivers: list[Receiver], kind: str, event: str
) -> None:
    secret = await _partner(deps, "jabar", receivers[0].url)
    await _case(deps, kind=kind)
    await _case(deps, kind="note")

    await PartnerWebhookSender(deps).drain_once()

    assert [_verified(secret, r)["event"] for r in receivers[0].seen] == [event]


async def test_a_failing_endpoint_is_retried_with_a_doubling_wait(
    deps: TriageDeps, receivers: list[Receiver], clock: Clock
) -> None:
    secret = await _partner(deps, "jabar", receivers[0].url)
    receivers[0].statuses = [503, 500]
    await _case(deps)
    sender = PartnerWebhookSender(deps)
    first_wait = deps.delivery.first_delay / 2  # jitter 0: the lower half's start

    await sender.drain_once()
    [row] = await _deliveries(deps)
    assert (row.status, row.attempts, row.last_error) == ("pending", 1, "network: HTTP 503")
    assert row.next_attempt_at == clock.now + first_wait
    assert await sender.drain_once() == 0  # not due yet

    clock.now += first_wait
    await sender.drain_once()
    [row] = await _deliveries(deps)
    assert (row.attempts, row.next_attempt_at) == (2, clock.now + first_wait * 2)

    clock.now += first_wait * 2
    await sender.drain_once()
    [row] = await _deliveries(deps)

    assert (row.status, row.attempts) == ("sent", 3)
    assert len(receivers[0].seen) == 3
    assert len({r[0][DELIVERY_HEADER] for r in receivers[0].seen}) == 1  # one delivery id
    for request in receivers[0].seen:
        _verified(secret, request)


async def test_an_endpoint_that_never_answers_well_is_given_up(
    uow_factory: UnitOfWorkFactory, receivers: list[Receiver], clock: Clock
) -> None:
    deps = make_deps(uow_factory, clock=clock, jitter=lambda: 0.0,
                     delivery=RetryPolicy(max_attempts=2))  # fmt: skip
    await _partner(deps, "jabar", receivers[0].url)
    receivers[0].statuses = [502, 502, 502]
    await _case(deps)
    sender = PartnerWebhookSender(deps)

    await sender.drain_once()
    clock.now += timedelta(minutes=1)
    await sender.drain_once()

    [row] = await _deliveries(deps)
    assert (row.status, row.failure, row.text) == ("undeliverable", "too_many_attempts", "")


async def test_gone_is_final_and_too_many_requests_waits_as_asked(
    deps: TriageDeps, receivers: list[Receiver], clock: Clock
) -> None:
    await _partner(deps, "gone", receivers[0].url)
    await _partner(deps, "busy", receivers[1].url)
    receivers[0].statuses = [410]
    receivers[1].statuses = [429]
    await _case(deps)

    await PartnerWebhookSender(deps).drain_once()

    gone, busy = await _deliveries(deps)
    assert (gone.status, gone.failure) == ("undeliverable", "refused")
    assert (busy.status, busy.attempts) == ("pending", 0)  # a 429 is not counted as a try


async def test_a_revoked_partner_gets_nothing_more(
    deps: TriageDeps, receivers: list[Receiver]
) -> None:
    await _partner(deps, "jabar", receivers[0].url)
    await _case(deps)
    await revoke_partner(deps, "jabar", "test")
    await _case(deps, region="32.01")  # after the revocation: not even queued

    await PartnerWebhookSender(deps).drain_once()

    assert receivers[0].seen == []
    [row] = await _deliveries(deps)
    assert (row.status, row.failure) == ("undeliverable", "refused")


async def test_a_dead_or_slow_endpoint_holds_up_nothing_else(
    deps: TriageDeps, receivers: list[Receiver], clock: Clock
) -> None:
    """The report's transaction commits whatever the endpoints do; Telegram's messages and
    health never see webhook rows; a slow endpoint does not delay another's delivery."""
    await _partner(deps, "slow", receivers[0].url)
    await _partner(deps, "fast", receivers[1].url)
    await _partner(deps, "dead", "http://127.0.0.1:9/hook")  # the discard port: refused
    receivers[0].delay = 2.0
    await _case(deps)

    telegram = await outbox.claim_pending(deps, "test", clock.now)
    backlog = await outbox_backlog(deps, clock.now)
    await PartnerWebhookSender(deps, timeout=0.5).drain_once()

    assert telegram == [] and backlog.pending == 0
    assert len(receivers[1].seen) == 1
    rows = {row.partner_id: row for row in await _deliveries(deps)}
    assert sorted(row.status for row in rows.values()) == ["pending", "pending", "sent"]
    errors = sorted(str(row.last_error) for row in rows.values() if row.status == "pending")
    assert errors[0].startswith("network: Client")  # refused: a ClientConnectorError
    assert errors[1] == "network: TimeoutError"


async def test_only_a_partner_with_the_cases_scope_takes_a_webhook(deps: TriageDeps) -> None:
    await add_partner(deps, "counts", ("32",), parse_scopes("stats"), None, "test")
    await add_partner(deps, "cases", ("32",), parse_scopes("cases"), None, "test")

    with pytest.raises(PartnerError) as scope:
        await set_webhook(deps, "counts", "https://partner.example/hook", "test")
    with pytest.raises(PartnerError) as plain:
        await set_webhook(deps, "cases", "http://partner.example/hook", "test")

    assert scope.value.problem is PartnerProblem.NO_CASES_SCOPE
    assert plain.value.problem is PartnerProblem.BAD_URL
