"""The TOTP second factor over HTTP: setting it up on the account page, the code step of the
login, recovery codes, and ADMIN_REQUIRE_2FA."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from datetime import timedelta

import pyotp
import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer

from admin.state import AdminSecurity
from admin.web import create_admin_app
from tests.admin.conftest import SECRET_KEY
from tests.admin.seed import PASSWORD, csrf_from, log_in, seed_staff
from tests.support.deps import Clock, make_deps
from triage.storage.uow import UnitOfWorkFactory

Client = TestClient[web.Request, web.Application]
_KEY = re.compile(r'class="temporary-password">([A-Z2-7 ]+)<')
_RECOVERY = re.compile(r"<li>([a-z2-9]{5}-[a-z2-9]{5})</li>")


@pytest.fixture
def clock() -> Clock:
    return Clock()


def _app(
    uow_factory: UnitOfWorkFactory, clock: Clock, *, required: bool = False
) -> web.Application:
    return create_admin_app(
        deps=make_deps(uow_factory, clock=clock),
        secret_key=SECRET_KEY,
        security=AdminSecurity(require_admin_second_factor=required),
    )


@pytest.fixture
async def client(uow_factory: UnitOfWorkFactory, clock: Clock) -> AsyncIterator[Client]:
    await seed_staff(uow_factory)
    async with TestClient(TestServer(_app(uow_factory, clock))) as test_client:
        yield test_client


async def _post(client: Client, path: str, **fields: str):
    token = csrf_from(await (await client.get("/account")).text())
    return await client.post(path, data={"csrf_token": token, **fields}, allow_redirects=False)


async def _set_up(client: Client, clock: Clock) -> tuple[str, list[str]]:
    """Turn the factor on for the logged-in user; returns the secret and recovery codes."""
    await _post(client, "/account/two-factor")
    page = await (await client.get("/account")).text()
    key = _KEY.search(page)
    assert key, page
    secret = key.group(1).replace(" ", "")
    assert "otpauth://totp/" in page
    wrong = await _post(client, "/account/two-factor/confirm", code="123456")
    assert wrong.status == 400 and "Kode itu tidak cocok" in await wrong.text()
    done = await _post(client, "/account/two-factor/confirm", code=pyotp.TOTP(secret).at(clock.now))
    html = await done.text()
    assert done.status == 200 and "Verifikasi dua langkah aktif" in html
    return secret, _RECOVERY.findall(html)


async def _password_step(client: Client, username: str = "spv.bandung") -> str:
    token = csrf_from(await (await client.get("/login")).text())
    response = await client.post(
        "/login",
        data={"csrf_token": token, "username": username, "password": PASSWORD},
        allow_redirects=False,
    )
    return response.headers["Location"]


async def _code_step(client: Client, code: str) -> int:
    token = csrf_from(await (await client.get("/login/code")).text())
    response = await client.post(
        "/login/code", data={"csrf_token": token, "code": code}, allow_redirects=False
    )
    return response.status


async def test_set_up_then_log_in_with_a_code(
    client: Client, clock: Clock, uow_factory: UnitOfWorkFactory
) -> None:
    await log_in(client, "spv.bandung")
    secret, recovery = await _set_up(client, clock)
    assert len(recovery) == 10
    await _post(client, "/logout")

    assert await _password_step(client) == "/login/code"
    assert (await client.get("/reports", allow_redirects=False)).status == 303  # not in yet
    assert await _code_step(client, "000000") == 400
    clock.now += timedelta(seconds=30)

    assert await _code_step(client, pyotp.TOTP(secret).at(clock.now)) == 303
    assert (await client.get("/reports", allow_redirects=False)).status == 200


async def test_a_code_cannot_be_replayed_and_a_recovery_code_works_once(
    client: Client, clock: Clock, uow_factory: UnitOfWorkFactory, admin_app: web.Application
) -> None:
    await log_in(client, "spv.bandung")
    secret, recovery = await _set_up(client, clock)
    await _post(client, "/logout")
    clock.now += timedelta(seconds=30)
    code = pyotp.TOTP(secret).at(clock.now)
    await _password_step(client)
    assert await _code_step(client, code) == 303
    await _post(client, "/logout")

    await _password_step(client)
    assert await _code_step(client, code) == 400  # the same code again
    assert await _code_step(client, recovery[0]) == 303
    await _post(client, "/logout")
    clock.now += timedelta(seconds=2)  # past the account's short wait after two misses
    await _password_step(client)
    assert await _code_step(client, recovery[0]) == 400


async def test_the_code_step_needs_a_recent_password(client: Client, clock: Clock) -> None:
    response = await client.get("/login/code", allow_redirects=False)
    assert (response.status, response.headers["Location"]) == (303, "/login")

    await log_in(client, "spv.bandung")
    secret, _ = await _set_up(client, clock)
    await _post(client, "/logout")
    await _password_step(client)
    clock.now += timedelta(minutes=6)

    response = await client.get("/login/code", allow_redirects=False)
    assert response.headers["Location"] == "/login"
    assert await _code_step_raw(client, pyotp.TOTP(secret).at(clock.now)) == "/login"


async def _code_step_raw(client: Client, code: str) -> str:
    token = csrf_from(await (await client.get("/login")).text())
    response = await client.post(
        "/login/code", data={"csrf_token": token, "code": code}, allow_redirects=False
    )
    return response.headers.get("Location", "")


async def test_turning_it_off_needs_the_password(client: Client, clock: Clock) -> None:
    await log_in(client, "spv.bandung")
    await _set_up(client, clock)

    refused = await _post(client, "/account/two-factor/disable", password="wrong password")
    assert refused.status == 400
    done = await _post(client, "/account/two-factor/disable", password=PASSWORD)

    assert done.status == 303
    assert "Siapkan verifikasi dua langkah" in await (await client.get("/account")).text()


async def test_admins_must_set_it_up_when_required(
    uow_factory: UnitOfWorkFactory, clock: Clock
) -> None:
    await seed_staff(uow_factory)
    async with TestClient(TestServer(_app(uow_factory, clock, required=True))) as client:
        await log_in(client, "admin")
        forced = await client.get("/reports", allow_redirects=False)
        assert (forced.status, forced.headers["Location"]) == (303, "/account")
        assert (
            "Admin wajib memakai verifikasi dua langkah"
            in await (await client.get("/account")).text()
        )

        await _set_up(client, clock)

        assert (await client.get("/reports", allow_redirects=False)).status == 200
        page = await (await client.get("/account")).text()
        assert "tidak dapat dimatikan" in page and "account/two-factor/disable" not in page
        refused = await _post(client, "/account/two-factor/disable", password=PASSWORD)
        assert (
            refused.status == 303
            and "Sisa kode pemulihan" in await (await client.get("/account")).text()
        )

        await log_in(client, "spv.bandung")  # supervisors may choose
        assert (await client.get("/reports", allow_redirects=False)).status == 200
