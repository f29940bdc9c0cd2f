"""The admin app over HTTP: login, CSRF, throttle, sessions, headers, error pages, language."""

from __future__ import annotations

import logging

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer

from admin.access import Access, allow
from tests.admin.seed import PASSWORD, csrf_from, log_in

Client = TestClient[web.Request, web.Application]
GENERIC_FAILURE = "Nama pengguna atau kata sandi salah."


async def _post_login(client: Client, username: str, password: str) -> tuple[int, str]:
    token = csrf_from(await (await client.get("/login")).text())
    data = {"csrf_token": token, "username": username, "password": password}
    response = await client.post("/login", data=data, allow_redirects=False)
    return response.status, await response.text()


async def test_login_page_renders_with_csrf_token(client: Client) -> None:
    response = await client.get("/login")

    html = await response.text()
    assert response.status == 200
    assert len(csrf_from(html)) >= 32
    assert 'type="password"' in html
    assert "Lapor Sosial" in html


@pytest.mark.parametrize("token", [None, "", "forged-token"])
async def test_login_without_the_right_token_is_refused(client: Client, token: str | None) -> None:
    await client.get("/login")
    data = {"username": "admin", "password": PASSWORD}
    if token is not None:
        data["csrf_token"] = token

    response = await client.post("/login", data=data, allow_redirects=False)

    assert response.status == 403
    assert "Akses ditolak" in await response.text()
    assert (await client.get("/reports", allow_redirects=False)).status == 303


@pytest.mark.parametrize(
    ("username", "password"), [("admin", "wrong password"), ("ghost", PASSWORD)]
)
async def test_failed_login_shows_one_generic_message(
    client: Client, username: str, password: str
) -> None:
    status, html = await _post_login(client, username, password)

    assert status == 200
    assert GENERIC_FAILURE in html
    assert password not in html


async def test_good_login_sets_a_safe_cookie_and_redirects(client: Client) -> None:
    anonymous_token = csrf_from(await (await client.get("/login")).text())
    data = {"csrf_token": anonymous_token, "username": "Admin", "password": PASSWORD}

    response = await client.post("/login", data=data, allow_redirects=False)

    assert (response.status, response.headers["Location"]) == (303, "/reports")
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie
    assert "Max-Age=28800" in cookie
    page = await (await client.get("/reports")).text()
    assert csrf_from(page) != anonymous_token  # a new session, a new token
    assert "admin" in page


async def test_login_returns_to_a_local_next_only(client: Client) -> None:
    assert await log_in(client, next_path="/reports?urgency=TINGGI") == "/reports?urgency=TINGGI"
    await client.post("/logout", data={"csrf_token": csrf_from(await _reports(client))})
    assert await log_in(client, next_path="//evil.example/") == "/reports"


async def _reports(client: Client) -> str:
    return await (await client.get("/reports")).text()


async def test_reports_require_login(client: Client) -> None:
    response = await client.get("/reports?urgency=DARURAT", allow_redirects=False)

    assert response.status == 303
    assert response.headers["Location"] == "/login?next=/reports?urgency%3DDARURAT"


async def test_index_redirects_to_reports(client: Client) -> None:
    response = await client.get("/", allow_redirects=False)

    assert (response.status, response.headers["Location"]) == (302, "/reports")


async def test_an_account_waits_after_three_failures(client: Client) -> None:
    for _ in range(3):
        assert (await _post_login(client, "admin", "wrong password"))[0] == 200

    status, html = await _post_login(client, "admin", PASSWORD)

    assert status == 429
    assert "Terlalu banyak percobaan untuk nama pengguna ini" in html
    assert (await _post_login(client, "spv.bandung", PASSWORD))[0] == 303


async def test_logout_needs_the_token_and_ends_the_session(client: Client) -> None:
    await log_in(client)
    refused = await client.post("/logout", data={"csrf_token": "nope"}, allow_redirects=False)
    assert refused.status == 403

    token = csrf_from(await _reports(client))
    response = await client.post("/logout", data={"csrf_token": token}, allow_redirects=False)

    assert (response.status, response.headers["Location"]) == (303, "/login")
    assert (await client.get("/reports", allow_redirects=False)).status == 303


@pytest.mark.parametrize("path", ["/login", "/reports", "/no-such-page", "/static/admin.css"])
async def test_security_headers_everywhere(client: Client, path: str) -> None:
    await log_in(client)

    response = await client.get(path)

    csp = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["X-Frame-Options"] == "DENY"
    if path != "/static/admin.css":
        assert response.headers["Cache-Control"] == "no-store"


async def test_404_page_is_friendly(client: Client) -> None:
    response = await client.get("/no-such-page")

    html = await response.text()
    assert response.status == 404
    assert "Halaman tidak ditemukan" in html
    assert 'href="/reports"' in html


async def test_unexpected_error_is_a_friendly_500_logged_without_details(
    admin_app: web.Application, caplog: pytest.LogCaptureFixture
) -> None:
    @allow(Access.PUBLIC)
    async def boom(request: web.Request) -> web.Response:
        raise RuntimeError("secret detail: 0812-3456-7890")

    admin_app.router.add_get("/boom", boom)
    async with TestClient(TestServer(admin_app)) as client:
        with caplog.at_level(logging.ERROR):
            response = await client.get("/boom")
        html = await response.text()

    assert response.status == 500
    assert "Terjadi kesalahan" in html
    assert "Traceback" not in html
    assert "secret detail" not in html
    assert "RuntimeError on /boom" in caplog.text
    assert "secret detail" not in caplog.text


async def test_healthz(client: Client) -> None:
    response = await client.get("/healthz")

    assert (response.status, await response.json()) == (200, {"status": "ok"})


async def test_english_by_query_then_cookie(client: Client) -> None:
    first = await client.get("/login?lang=en")
    assert "Log in to the staff panel" in await first.text()
    assert '<html lang="en">' in await first.text()

    again = await (await client.get("/login")).text()

    assert "Log in to the staff panel" in again
    assert "Masuk ke panel staf" in await (await client.get("/login?lang=id")).text()


async def test_a_route_that_declares_no_access_is_refused(
    admin_app: web.Application, caplog: pytest.LogCaptureFixture
) -> None:
    async def undeclared(request: web.Request) -> web.Response:
        return web.Response(text="should never be served")

    admin_app.router.add_get("/undeclared", undeclared)
    async with TestClient(TestServer(admin_app)) as client:
        with caplog.at_level(logging.ERROR):
            response = await client.get("/undeclared")
        html = await response.text()

    assert response.status == 404
    assert "should never be served" not in html
    assert "declares no access" in caplog.text
