"""Production headers and cookies: Secure __Host- cookies, HSTS, a versionless Server header."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from http.cookies import SimpleCookie

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer

from admin.web import create_admin_app
from tests.admin.conftest import SECRET_KEY
from tests.admin.seed import PASSWORD, csrf_from, seed_staff
from tests.admin.serving import served
from tests.support.deps import make_deps
from triage.storage.uow import UnitOfWorkFactory

Client = TestClient[web.Request, web.Application]


@pytest.fixture
async def secure_client(uow_factory: UnitOfWorkFactory) -> AsyncIterator[Client]:
    await seed_staff(uow_factory)
    app = create_admin_app(deps=make_deps(uow_factory), secret_key=SECRET_KEY, cookie_secure=True)
    async with TestClient(TestServer(app)) as client:
        yield client


def _cookies(response: object) -> SimpleCookie:
    jar: SimpleCookie = SimpleCookie()
    for header in response.headers.getall("Set-Cookie", []):  # type: ignore[attr-defined]
        jar.load(header)
    return jar


async def _log_in_by_hand(client: Client) -> tuple[SimpleCookie, web.StreamResponse]:
    """The test client will not send Secure cookies over plain HTTP: carry them by hand."""
    page = await client.get("/login")
    login_cookie = _cookies(page)
    [name] = list(login_cookie)
    response = await client.post(
        "/login",
        data={
            "csrf_token": csrf_from(await page.text()),
            "username": "admin",
            "password": PASSWORD,
        },
        headers={"Cookie": f"{name}={login_cookie[name].value}"},
        allow_redirects=False,
    )
    return _cookies(response), response


async def test_secure_cookies_carry_the_host_prefix(secure_client: Client) -> None:
    page = await secure_client.get("/login")
    [login_name] = list(_cookies(page))
    assert login_name == "__Host-ls_admin_login"

    cookies, response = await _log_in_by_hand(secure_client)

    assert response.status == 303
    session = cookies["__Host-ls_admin_session"]
    assert session["secure"] and session["httponly"] and session["path"] == "/"
    assert not session["domain"]
    assert session["samesite"] == "Lax"
    assert cookies["__Host-ls_admin_login"].value == ""  # the login form's cookie is dropped
    assert cookies["__Host-ls_admin_login"]["secure"]  # else a browser would ignore the removal
    reports = await secure_client.get(
        "/reports",
        headers={"Cookie": f"__Host-ls_admin_session={session.value}"},
        allow_redirects=False,
    )
    assert reports.status == 200


@pytest.mark.parametrize("path", ["/login", "/reports", "/no-such-page", "/static/admin.css"])
async def test_hsts_and_a_versionless_server_header_when_secure(
    secure_client: Client, path: str
) -> None:
    response = await secure_client.get(path)

    assert response.headers["Strict-Transport-Security"] == "max-age=31536000"
    assert response.headers["Server"] == "lapor-sosial"


async def test_no_hsts_over_plain_http_and_no_versions_either(client: Client) -> None:
    response = await client.get("/login")

    assert "Strict-Transport-Security" not in response.headers
    assert response.headers["Server"] == "lapor-sosial"
    assert "__Host-" not in response.headers.get("Set-Cookie", "")


async def test_a_malformed_request_reveals_no_versions(admin_app: web.Application) -> None:
    async with served(admin_app) as base_url:
        host, port = base_url.removeprefix("http://").split(":")
        reader, writer = await asyncio.open_connection(host, int(port))
        writer.write(b"NOT-HTTP \x00\r\n\r\n")
        await writer.drain()
        answer = (await reader.read(4096)).decode("latin-1")
        writer.close()
        await writer.wait_closed()

    assert answer.split("\r\n")[0].endswith(" 400 Bad Request")
    assert "Server: lapor-sosial" in answer
    assert "aiohttp" not in answer and "Python" not in answer
