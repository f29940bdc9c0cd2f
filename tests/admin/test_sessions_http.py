"""Server-side sessions over HTTP: a copied cookie dies at logout, idle and absolute limits,
deactivation, and a cookie that holds nothing but an id."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer
from sqlmodel import select

from admin.sessions import SESSION_COOKIE
from admin.state import AdminSecurity
from admin.web import create_admin_app
from tests.admin.conftest import SECRET_KEY
from tests.admin.seed import csrf_from, log_in, seed_staff
from tests.support.deps import Clock, make_deps
from triage.services.staff.sessions import SessionPolicy
from triage.storage.tables import StaffSession, StaffUser
from triage.storage.uow import UnitOfWorkFactory

Client = TestClient[web.Request, web.Application]
POLICY = SessionPolicy(idle=timedelta(minutes=30), lifetime=timedelta(hours=8))


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def clocked_app(uow_factory: UnitOfWorkFactory, clock: Clock) -> web.Application:
    return create_admin_app(
        deps=make_deps(uow_factory, clock=clock),
        secret_key=SECRET_KEY,
        security=AdminSecurity(sessions=POLICY),
    )


@pytest.fixture
async def clocked(
    clocked_app: web.Application, uow_factory: UnitOfWorkFactory
) -> AsyncIterator[Client]:
    await seed_staff(uow_factory)
    async with TestClient(TestServer(clocked_app)) as client:
        yield client


def _session_cookie(client: Client) -> str:
    cookie = client.session.cookie_jar.filter_cookies(client.make_url("/"))[SESSION_COOKIE]
    return cookie.value


async def _open_with(client: Client, cookie: str) -> int:
    """GET /reports from a browser that has only a copy of the cookie."""
    response = await client.get(
        "/reports",
        headers={"Cookie": f"{SESSION_COOKIE}={cookie}"},
        allow_redirects=False,
    )
    return response.status


async def test_a_copied_cookie_stops_working_after_logout(
    clocked: Client, clocked_app: web.Application
) -> None:
    await log_in(clocked)
    copied = _session_cookie(clocked)
    async with TestClient(TestServer(clocked_app)) as elsewhere:
        assert await _open_with(elsewhere, copied) == 200
        token = csrf_from(await (await clocked.get("/reports")).text())

        await clocked.post("/logout", data={"csrf_token": token}, allow_redirects=False)

        assert await _open_with(elsewhere, copied) == 303


async def test_the_cookie_holds_only_a_random_id_and_the_database_only_its_hash(
    clocked: Client, uow_factory: UnitOfWorkFactory
) -> None:
    await log_in(clocked)
    cookie = _session_cookie(clocked)

    async with uow_factory() as uow:
        [row] = (await uow.session.exec(select(StaffSession))).all()
    assert len(cookie) == 43  # 32 random bytes, URL-safe base64
    assert row.token_hash != cookie and cookie not in row.token_hash
    assert "csrf" in row.data  # the session's data is on the server, not in the cookie


async def test_idle_timeout_with_an_injected_clock(clocked: Client, clock: Clock) -> None:
    await log_in(clocked)
    clock.now += timedelta(minutes=29)
    assert (await clocked.get("/reports", allow_redirects=False)).status == 200
    clock.now += timedelta(minutes=29)
    assert (await clocked.get("/reports", allow_redirects=False)).status == 200

    clock.now += timedelta(minutes=31)
    response = await clocked.get("/reports", allow_redirects=False)

    assert response.status == 303
    assert response.headers["Location"].startswith("/login")
    assert f'{SESSION_COOKIE}="";' in response.headers["Set-Cookie"]  # the dead id is cleared


async def test_absolute_lifetime_with_an_injected_clock(clocked: Client, clock: Clock) -> None:
    await log_in(clocked)
    for _ in range(24):  # busy all day, a request every 20 minutes
        clock.now += timedelta(minutes=20)
        assert (await clocked.get("/reports", allow_redirects=False)).status == 200

    clock.now += timedelta(minutes=1)

    assert (await clocked.get("/reports", allow_redirects=False)).status == 303


async def test_deactivation_ends_the_session_at_once(
    clocked: Client, uow_factory: UnitOfWorkFactory
) -> None:
    await log_in(clocked, "spv.bandung")
    async with uow_factory() as uow:
        user = (
            await uow.session.exec(select(StaffUser).where(StaffUser.username == "spv.bandung"))
        ).one()
        user.active = False
        uow.session.add(user)
        await uow.commit()

    assert (await clocked.get("/reports", allow_redirects=False)).status == 303


async def test_logging_in_again_replaces_the_old_session(
    clocked: Client, uow_factory: UnitOfWorkFactory
) -> None:
    await log_in(clocked)
    first = _session_cookie(clocked)

    await log_in(clocked)

    assert _session_cookie(clocked) != first
    async with uow_factory() as uow:
        assert len((await uow.session.exec(select(StaffSession))).all()) == 1


async def test_an_anonymous_visit_writes_no_session_row(
    clocked: Client, uow_factory: UnitOfWorkFactory
) -> None:
    for _ in range(3):
        assert (await clocked.get("/login")).status == 200

    async with uow_factory() as uow:
        assert (await uow.session.exec(select(StaffSession))).all() == []


async def test_a_forged_session_cookie_is_just_not_logged_in(clocked: Client) -> None:
    assert await _open_with(clocked, "A" * 43) == 303
