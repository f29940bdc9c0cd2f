"""The running application posts case events to a partner's webhook: a report filed and a
worker accepting it reach a real receiver on loopback, signed, while Telegram's messages go
out as ever."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator

import pytest
from aiohttp import web

from tests.e2e.harness import add_worker, eventually, running_app
from tests.e2e.helpers_worker import file_case
from triage.domain.partners.access import parse_scopes
from triage.domain.partners.signing import SIGNATURE_HEADER, TIMESTAMP_HEADER, signature_valid
from triage.services.partners.manage import add_partner, set_webhook

pytestmark = pytest.mark.slow


@pytest.fixture
async def receiver() -> AsyncIterator[tuple[str, list[tuple[dict[str, str], bytes]]]]:
    seen: list[tuple[dict[str, str], bytes]] = []

    async def handle(request: web.Request) -> web.Response:
        seen.append((dict(request.headers), await request.read()))
        return web.Response(status=204)

    app = web.Application()
    app.router.add_post("/events", handle)
    runner = web.AppRunner(app, access_log=None, shutdown_timeout=0.1)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", 0).start()
    yield f"http://127.0.0.1:{runner.addresses[0][1]}/events", seen
    await runner.cleanup()


async def test_created_and_accepted_reach_the_partner_signed(
    database_url: str, receiver: tuple[str, list[tuple[dict[str, str], bytes]]]
) -> None:
    url, seen = receiver
    async with running_app(database_url) as app:
        await add_partner(app.deps, "Dinsos DKI", ("31",), parse_scopes("cases"), None, "test")
        secret = await set_webhook(app.deps, "Dinsos DKI", url, "test")
        assert secret is not None
        await add_worker(app.uow, "Sari Peksos", 2001, ["31.74"])
        worker = app.stub.private_user(user_id=2001, first_name="Sari", language_code="id")
        await worker.command("/start")
        await worker.wait_for()

        reference = await file_case(app, 1001)
        await worker.wait_for(reference, timeout=10)
        await worker.press("✅ Terima")
        await worker.wait_for("Anda menerima kasus ini")

        async def both_posted() -> bool:
            return len(seen) >= 2

        await eventually(both_posted, within=15)

    events = []
    for headers, body in seen:
        assert signature_valid(
            secret, int(headers[TIMESTAMP_HEADER]), body, headers[SIGNATURE_HEADER]
        )
        events.append((json.loads(body)["event"], json.loads(body)["case"]["reference"]))
    # Posted as they are due, concurrently within one drain: order is not promised.
    assert sorted(events) == [("case.accepted", reference), ("case.created", reference)]
