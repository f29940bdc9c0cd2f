"""/metrics: the Prometheus text format, for a scraper with the bearer token or on this machine,
never for a browser session; counts and route names only, nothing personal."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer, make_mocked_request
from prometheus_client.parser import text_string_to_metric_families

from admin.monitor import monitor_refusal
from admin.state import AdminSecurity
from admin.web import create_admin_app
from tests.admin.conftest import SECRET_KEY
from tests.admin.seed import SECRET_DESCRIPTION, log_in, seed_reports, seed_staff
from tests.support.deps import Clock, make_deps
from triage.services.common.deps import TriageDeps
from triage.services.outbox.port import OutgoingMessage
from triage.services.outbox.queue import enqueue
from triage.storage.tables import OutboxMessage
from triage.storage.uow import UnitOfWorkFactory

Client = TestClient[web.Request, web.Application]
TOKEN = "scraper-token-0123456789abcdef"
REFERENCE = "LS-METR-1CS7"
CHAT_ID = 5_123_456_789


@pytest.fixture
def deps(uow_factory: UnitOfWorkFactory) -> TriageDeps:
    return make_deps(uow_factory, clock=Clock())


async def serve(deps: TriageDeps, token: str | None) -> TestClient[web.Request, web.Application]:
    app = create_admin_app(
        deps=deps, secret_key=SECRET_KEY, security=AdminSecurity(metrics_token=token)
    )
    return TestClient(TestServer(app))


@pytest.fixture
async def local(deps: TriageDeps) -> AsyncIterator[Client]:
    """No METRICS_TOKEN: this machine may scrape."""
    async with await serve(deps, None) as client:
        yield client


@pytest.fixture
async def guarded(deps: TriageDeps) -> AsyncIterator[Client]:
    async with await serve(deps, TOKEN) as client:
        yield client


def samples(text: str) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    return {
        (s.name, tuple(sorted(s.labels.items()))): s.value
        for family in text_string_to_metric_families(text)
        for s in family.samples
    }


async def test_this_machine_may_scrape_without_a_token(local: Client) -> None:
    response = await local.get("/metrics")

    assert response.status == 200
    assert response.headers["Content-Type"].startswith("text/plain; version=")
    text = await response.text()
    found = samples(text)
    assert found[("lapor_sosial_outbox_pending", ())] == 0
    assert found[("lapor_sosial_database_up", ())] == 1
    assert found[("lapor_sosial_outbox_sends_total", (("result", "rate_limited"),))] == 0
    assert found[("lapor_sosial_reports_total", (("urgency", "DARURAT"),))] == 0


async def test_a_forwarded_request_is_not_local(local: Client) -> None:
    response = await local.get("/metrics", headers={"X-Forwarded-For": "203.0.113.9"})

    assert response.status == 403
    assert "lapor_sosial" not in await response.text()


async def test_another_machine_needs_the_token(deps: TriageDeps) -> None:
    app = create_admin_app(deps=deps, secret_key=SECRET_KEY)
    request = make_mocked_request("GET", "/metrics", app=app, transport=FarTransport())

    refusal = monitor_refusal(request)

    assert refusal is not None and refusal.status == 403


class FarTransport:
    """A connection from another machine, as aiohttp's request reads its peer."""

    def get_extra_info(self, name: str, default: object = None) -> object:
        return ("203.0.113.9", 41000) if name == "peername" else default

    def is_closing(self) -> bool:
        return False


@pytest.mark.parametrize(
    "authorization", [None, "Bearer wrong-token-0123456789", f"Basic {TOKEN}", f"Bearer {TOKEN}x"]
)
async def test_with_a_token_set_nothing_else_opens_it(
    guarded: Client, authorization: str | None
) -> None:
    headers = {"Authorization": authorization} if authorization else {}

    response = await guarded.get("/metrics", headers=headers)

    assert response.status == 401
    assert response.headers["WWW-Authenticate"].startswith("Bearer")
    assert "lapor_sosial" not in await response.text()


async def test_the_token_opens_it_from_anywhere(guarded: Client) -> None:
    headers = {"Authorization": f"Bearer {TOKEN}", "X-Forwarded-For": "203.0.113.9"}

    response = await guarded.get("/metrics", headers=headers)

    assert response.status == 200


async def test_an_admin_session_does_not_open_it(
    guarded: Client, uow_factory: UnitOfWorkFactory
) -> None:
    await seed_staff(uow_factory)
    await log_in(guarded)

    response = await guarded.get("/metrics")

    assert response.status == 401


async def test_outbox_figures_and_no_personal_data(
    local: Client, deps: TriageDeps, uow_factory: UnitOfWorkFactory
) -> None:
    now = deps.clock()
    await seed_reports(uow_factory, [(REFERENCE, "31.74", "TINGGI", None)])
    async with deps.uow() as uow:
        message = OutgoingMessage("due", CHAT_ID, f"{REFERENCE}: {SECRET_DESCRIPTION}")
        await enqueue(uow.session, message, now - timedelta(seconds=42))
        await enqueue(uow.session, OutgoingMessage("later", CHAT_ID, "x"), now + timedelta(hours=1))
        uow.session.add(
            OutboxMessage(
                dedup_key="gone", created_at=now, chat_id=CHAT_ID, text="", status="undeliverable",
                next_attempt_at=now, failure="blocked", failed_at=now,
            )
        )  # fmt: skip
        await uow.commit()
    await local.get(f"/reports/{REFERENCE}")  # a page whose path names a case

    text = await (await local.get("/metrics")).text()

    found = samples(text)
    assert found[("lapor_sosial_outbox_pending", ())] == 2
    assert found[("lapor_sosial_outbox_oldest_due_seconds", ())] == 42
    assert found[("lapor_sosial_outbox_undeliverable", (("reason", "blocked"),))] == 1
    assert found[("lapor_sosial_outbox_undeliverable", (("reason", "too_many_attempts"),))] == 0
    assert found[("lapor_sosial_rules_info", (("version", deps.rules.version),))] == 1
    case_requests = ("lapor_sosial_admin_request_duration_seconds_count", (("route", "case"),))
    assert found[case_requests] == 1
    for secret in (REFERENCE, str(CHAT_ID), "rahasia", "anak dipukul", "31.74"):
        assert secret not in text


async def test_the_latency_of_unmatched_paths_is_one_series(local: Client) -> None:
    for path in ("/no-such-page", "/LS-AAAA-BBBB", "/x/y/z"):
        await local.get(path)

    found = samples(await (await local.get("/metrics")).text())

    routes = {
        dict(labels)["route"]
        for name, labels in found
        if name == "lapor_sosial_admin_request_duration_seconds_count"
    }
    assert routes == {"unmatched"}
    count = ("lapor_sosial_admin_request_duration_seconds_count", (("route", "unmatched"),))
    assert found[count] == 3


async def test_updates_dropped_by_the_flood_limit_are_scraped(
    local: Client, deps: TriageDeps
) -> None:
    before = samples(await (await local.get("/metrics")).text())
    dropped = ("lapor_sosial_updates_dropped_total", (("reason", "flood"),))
    assert before[dropped] == 0  # the series exists before the first flood
    for _ in range(3):
        deps.metrics.update_dropped("flood")
    deps.metrics.flood_notice()

    found = samples(await (await local.get("/metrics")).text())

    assert found[dropped] == 3
    assert found[("lapor_sosial_flood_notices_total", ())] == 1
