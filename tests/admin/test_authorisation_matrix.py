"""Who may use which admin route, generated from the route table so none can be forgotten.

Every route × every principal (admin, supervisor of the case's region, supervisor of another
region, a deactivated account, no session), with direct URLs, forged POSTs (no token) and
cross-site POSTs (a valid token from another origin). Telegram's routes answer 401 to every
session without the webhook's secret, whatever the CSRF token, and store nothing; with the
secret, from anywhere, the update is stored once. The partner API's routes answer 401 to
every session: only a partner's bearer token opens them (what each token sees:
`tests/admin/api/test_partner_api_http.py`).
"""

from __future__ import annotations

import json
import re
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer
from sqlmodel import select

from admin.access import TELEGRAM_SECRET_HEADER, Access, access_of
from admin.routes import ROUTES, Route
from admin.state import AdminSecurity, TelegramWebhook
from admin.web import create_admin_app
from app.telegram_files import BotApiFiles
from tests.admin.conftest import SECRET_KEY
from tests.admin.seed import PASSWORD, csrf_from, log_in, seed_reports
from tests.support.botapi_stub import BotApiStub
from tests.support.deps import make_deps
from triage.services.common.deps import TriageDeps
from triage.services.inbox import queue as inbox
from triage.services.inbox.port import Receipt
from triage.services.staff.accounts import create_staff_user
from triage.storage.tables import InboxUpdate, Report, ServiceEntry, StaffUser, Worker
from triage.storage.uow import UnitOfWorkFactory

Client = TestClient[web.Request, web.Application]
REGION_A, REGION_B = "32.73", "31.74"
CASE_IN_A = "LS-AUTHZ-A"
WORKER_IN_A = "1"  # the first worker of a fresh database: a worker of region A only
EVIDENCE_FILE_ID = "AgACAgMatrixPhoto"
WEBHOOK_SECRET = "matrix-webhook-secret_0123456789-abcdefghij"
METRICS_TOKEN = (
    "matrix-metrics-token-0123456789"  # no principal sends it: no session opens /metrics
)
UPDATE = {"update_id": 4242, "message": {"message_id": 1, "date": 0, "text": "/start"}}


class StoringReceiver:
    """Stores posted updates in the inbox as the bot's receiver does; processes nothing."""

    accepting = True

    def __init__(self, deps: TriageDeps) -> None:
        self.deps = deps

    async def receive(self, payload: dict[str, Any]) -> Receipt:
        stored = await inbox.store(
            self.deps, payload["update_id"], payload, "matrix:1", self.deps.clock()
        )
        return Receipt.STORED if stored else Receipt.DUPLICATE


@dataclass(frozen=True, slots=True)
class Sample:
    """A value for a path placeholder; `region_bound` when it names something in region A."""

    value: str
    region_bound: bool


# Every placeholder used in a route needs a sample here (a test fails when one is missing).
SAMPLES = {
    "reference": Sample(CASE_IN_A, region_bound=True),
    "worker_id": Sample(WORKER_IN_A, region_bound=True),
    "number": Sample("1", region_bound=False),  # the case's first evidence file
    "username": Sample("spv.b", region_bound=False),  # a staff account (admins only)
    "service_id": Sample("1", region_bound=False),  # a service of the directory (admins only)
}
PRINCIPALS = ("admin", "supervisor_a", "supervisor_b", "deactivated", "anonymous")
USERNAMES = {
    "admin": "admin",
    "supervisor_a": "spv.a",
    "supervisor_b": "spv.b",
    "deactivated": "spv.gone",
}
_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def _url(route: Route) -> str:
    return _PLACEHOLDER.sub(lambda m: SAMPLES[m.group(1)].value, route.path)


def _region_bound(route: Route) -> bool:
    return any(SAMPLES[name].region_bound for name in _PLACEHOLDER.findall(route.path))


def _route_id(route: Route) -> str:
    return f"{route.method} {route.path}"


def test_every_route_declares_who_may_use_it() -> None:
    undeclared = [_route_id(route) for route in ROUTES if access_of(route.handler) is None]
    assert undeclared == []


def test_every_placeholder_has_a_sample() -> None:
    names = {name for route in ROUTES for name in _PLACEHOLDER.findall(route.path)}
    assert names - SAMPLES.keys() == set()


async def _seed(uow_factory: UnitOfWorkFactory) -> None:
    deps = make_deps(uow_factory)
    await create_staff_user(deps, "admin", PASSWORD)
    await create_staff_user(deps, "spv.a", PASSWORD, "supervisor", [REGION_A])
    await create_staff_user(deps, "spv.b", PASSWORD, "supervisor", [REGION_B])
    await create_staff_user(deps, "spv.gone", PASSWORD, "supervisor", [REGION_A])
    await seed_reports(uow_factory, [(CASE_IN_A, REGION_A, "TINGGI", None)])
    async with uow_factory() as uow:
        now = deps.clock()
        worker = Worker(name="Wulan", region_codes=[REGION_A], created_at=now, updated_at=now)
        service = ServiceEntry(
            name="UPTD PPA", type="uptd_ppa", region_codes=[REGION_A], created_at=now,
            updated_at=now,
        )  # fmt: skip
        uow.session.add_all([worker, service])
        await uow.commit()
        assert str(worker.id) == WORKER_IN_A and service.id == 1
    async with uow_factory() as uow:
        report = (await uow.session.exec(select(Report))).one()
        report.evidence = [{"kind": "photo", "file_id": EVIDENCE_FILE_ID}]
        await uow.commit()


@pytest.fixture
async def admin_app(uow_factory: UnitOfWorkFactory) -> AsyncIterator[web.Application]:
    """The admin app with its evidence files served by the Bot API stand-in."""
    async with BotApiStub() as stub:
        stub.register_file(EVIDENCE_FILE_ID, b"\xff\xd8matrix", "photos/file_1.jpg")
        files = BotApiFiles(stub.token, stub.base_url, stub.base_file_url)
        deps = make_deps(uow_factory, files=files)
        webhook = TelegramWebhook(WEBHOOK_SECRET, StoringReceiver(deps))
        security = AdminSecurity(metrics_token=METRICS_TOKEN)
        yield create_admin_app(deps=deps, secret_key=SECRET_KEY, security=security, webhook=webhook)
        await files.close()


async def _deactivate(uow_factory: UnitOfWorkFactory, username: str) -> None:
    async with uow_factory() as uow:
        user = (
            await uow.session.exec(select(StaffUser).where(StaffUser.username == username))
        ).one()
        user.active = False
        uow.session.add(user)
        await uow.commit()


@pytest.fixture
async def principal_client(
    request: pytest.FixtureRequest, admin_app: web.Application, uow_factory: UnitOfWorkFactory
) -> AsyncIterator[tuple[str, Client]]:
    """A client logged in as the principal (the deactivated one was deactivated after login)."""
    principal: str = request.param
    await _seed(uow_factory)
    async with TestClient(TestServer(admin_app)) as client:
        if principal in USERNAMES:
            await log_in(client, USERNAMES[principal])
        else:
            await client.get("/login")  # an anonymous session with its own CSRF token
        if principal == "deactivated":
            await _deactivate(uow_factory, USERNAMES[principal])
        yield principal, client


def _expected(route: Route, principal: str) -> str:
    """'allowed', 'login' (sent to the login page), 'forbidden' (403), 'hidden' (404) or
    'unauthorised' (401: a machine's credential is missing)."""
    access = access_of(route.handler)
    if access in (Access.TELEGRAM, Access.MONITOR, Access.PARTNER):
        return "unauthorised"  # no session stands in for the webhook's secret or a token
    if access is Access.PUBLIC:
        return "allowed"
    if principal in ("anonymous", "deactivated"):
        return "login"
    if access is Access.ADMIN and principal != "admin":
        return "forbidden"
    if principal == "supervisor_b" and _region_bound(route):
        return "hidden"
    return "allowed"


def _outcome(response_status: int, location: str) -> str:
    if response_status in (302, 303) and location.startswith("/login?next="):
        return "login"
    if response_status == 401:
        return "unauthorised"
    if response_status == 403:
        return "forbidden"
    if response_status == 404:
        return "hidden"
    assert response_status < 500, response_status
    return "allowed"


async def _token(client: Client) -> str:
    """This session's CSRF token, from whichever page the principal may open."""
    for page in ("/reports", "/login"):
        response = await client.get(page)
        if response.status == 200:
            return csrf_from(await response.text())
    raise AssertionError("no page with a CSRF token")


async def _inbox_rows(uow_factory: UnitOfWorkFactory) -> list[int]:
    async with uow_factory() as uow:
        return list((await uow.session.exec(select(InboxUpdate.update_id))).all())


@pytest.mark.parametrize("principal_client", PRINCIPALS, indirect=True)
@pytest.mark.parametrize("route", ROUTES, ids=_route_id)
async def test_direct_request(
    route: Route, principal_client: tuple[str, Client], uow_factory: UnitOfWorkFactory
) -> None:
    principal, client = principal_client
    data = {"csrf_token": await _token(client)} if route.method == "POST" else None

    response = await client.request(route.method, _url(route), data=data, allow_redirects=False)

    location = response.headers.get("Location", "")
    assert _outcome(response.status, location) == _expected(route, principal)
    assert await _inbox_rows(uow_factory) == []


UNSAFE_ROUTES = [route for route in ROUTES if route.method != "GET"]
TELEGRAM_ROUTES = [route for route in ROUTES if access_of(route.handler) is Access.TELEGRAM]


def _refusal(route: Route) -> int:
    """A forged request's answer: 403 from the CSRF check, or 401 where the webhook's secret
    is the credential (no session authorises such a route, so CSRF does not apply)."""
    return 401 if access_of(route.handler) is Access.TELEGRAM else 403


@pytest.mark.parametrize("principal_client", PRINCIPALS, indirect=True)
@pytest.mark.parametrize("route", UNSAFE_ROUTES, ids=_route_id)
async def test_forged_post_without_token_is_refused(
    route: Route, principal_client: tuple[str, Client]
) -> None:
    _, client = principal_client

    response = await client.request(route.method, _url(route), data={}, allow_redirects=False)

    assert response.status == _refusal(route)


@pytest.mark.parametrize("principal_client", ["admin"], indirect=True)
@pytest.mark.parametrize("route", UNSAFE_ROUTES, ids=_route_id)
@pytest.mark.parametrize(
    "headers",
    [{"Origin": "https://evil.example"}, {"Sec-Fetch-Site": "cross-site"}],
    ids=["origin", "fetch-site"],
)
async def test_cross_site_post_with_a_valid_token_is_refused(
    route: Route, principal_client: tuple[str, Client], headers: dict[str, str]
) -> None:
    _, client = principal_client
    data = {"csrf_token": await _token(client)}

    response = await client.request(
        route.method, _url(route), data=data, headers=headers, allow_redirects=False
    )

    assert response.status == _refusal(route)


SECRETS = {
    "no secret": None,
    "empty": "",
    "wrong, same length": WEBHOOK_SECRET[:-1] + "X",
    "wrong, shorter": WEBHOOK_SECRET[:8],
    "right, then more": WEBHOOK_SECRET + "0",
    "another case": WEBHOOK_SECRET.upper(),
}


def test_telegram_routes_exist() -> None:
    assert [route.name for route in TELEGRAM_ROUTES] == ["telegram_webhook"]


PARTNER_ROUTES = [route for route in ROUTES if access_of(route.handler) is Access.PARTNER]


def test_partner_routes_are_the_read_only_api() -> None:
    assert [(r.method, r.path) for r in PARTNER_ROUTES] == [
        ("GET", "/api/v1/stats"),
        ("GET", "/api/v1/cases"),
    ]
    assert all(r.path.startswith("/api/v1/") for r in PARTNER_ROUTES)


@pytest.mark.parametrize("principal_client", ["admin"], indirect=True)
@pytest.mark.parametrize("route", PARTNER_ROUTES, ids=_route_id)
async def test_a_partner_route_answers_a_session_with_json_401(
    route: Route, principal_client: tuple[str, Client]
) -> None:
    """An admin's cookies and CSRF token are no bearer token; the answer is JSON."""
    _, client = principal_client
    headers = {"X-CSRF-Token": await _token(client)}

    response = await client.get(_url(route), headers=headers)

    assert response.status == 401
    assert (await response.json())["error"]["code"] == "missing_token"


@pytest.mark.parametrize("principal_client", ["admin", "anonymous"], indirect=True)
@pytest.mark.parametrize("route", TELEGRAM_ROUTES, ids=_route_id)
@pytest.mark.parametrize("secret", SECRETS.values(), ids=SECRETS.keys())
async def test_a_telegram_route_without_the_secret_is_refused_and_stores_nothing(
    route: Route,
    principal_client: tuple[str, Client],
    secret: str | None,
    uow_factory: UnitOfWorkFactory,
) -> None:
    _, client = principal_client
    headers = {} if secret is None else {TELEGRAM_SECRET_HEADER: secret}
    headers["X-CSRF-Token"] = await _token(client)  # a session's token is no credential here

    response = await client.post(_url(route), data=json.dumps(UPDATE), headers=headers)

    assert response.status == 401
    assert await _inbox_rows(uow_factory) == []


@pytest.mark.parametrize("principal_client", ["anonymous"], indirect=True)
@pytest.mark.parametrize("route", TELEGRAM_ROUTES, ids=_route_id)
@pytest.mark.parametrize(
    "headers",
    [{}, {"Origin": "https://evil.example"}, {"Sec-Fetch-Site": "cross-site"}],
    ids=["plain", "origin", "fetch-site"],
)
async def test_a_telegram_route_with_the_secret_stores_the_update_once(
    route: Route,
    principal_client: tuple[str, Client],
    headers: dict[str, str],
    uow_factory: UnitOfWorkFactory,
) -> None:
    """No CSRF token and any origin: the secret is the credential, checked alone."""
    _, client = principal_client
    secret = {TELEGRAM_SECRET_HEADER: WEBHOOK_SECRET, "Content-Type": "application/json"}

    first = await client.post(_url(route), data=json.dumps(UPDATE), headers=headers | secret)
    again = await client.post(_url(route), data=json.dumps(UPDATE), headers=headers | secret)

    assert (first.status, again.status) == (200, 200)
    assert await _inbox_rows(uow_factory) == [UPDATE["update_id"]]


# Pages that aggregate cases (no case in their path): what shows that region A's case was
# counted. Only those who cover region A may see it.
AGGREGATE_SAMPLES = {
    "/dashboard": "Kota Bandung, Jawa Barat",
    "/map?province=": 'href="/reports?kabkota=32.73"',
    "/stats?from=2026-11-01&to=2026-11-30&rows=kabkota&columns=urgency": (
        '<th scope="row">Kota Bandung, Jawa Barat</th>'
    ),
}


@pytest.mark.parametrize("principal_client", PRINCIPALS[:3], indirect=True)
@pytest.mark.parametrize("path", AGGREGATE_SAMPLES)
async def test_aggregate_pages_count_a_case_only_for_those_who_cover_it(
    path: str, principal_client: tuple[str, Client]
) -> None:
    principal, client = principal_client

    response = await client.get(path)

    assert response.status == 200
    assert (AGGREGATE_SAMPLES[path] in await response.text()) is (principal != "supervisor_b")
