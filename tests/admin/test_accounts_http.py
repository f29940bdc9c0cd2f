"""Accounts over HTTP: one's own password change (other sessions end), and an admin creating,
deactivating and resetting staff accounts, with errors beside the fields."""

from __future__ import annotations

import re

from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer

from admin.sessions import SESSION_COOKIE
from tests.admin.seed import PASSWORD, csrf_from, log_in
from triage.storage.uow import UnitOfWorkFactory

Client = TestClient[web.Request, web.Application]
NEW_PASSWORD = "sebuah kalimat sandi baru"
_TEMPORARY = re.compile(r'class="temporary-password">([a-z0-9-]+)<')


async def _token(client: Client, page: str = "/account") -> str:
    return csrf_from(await (await client.get(page)).text())


async def _change(client: Client, current: str, new: str, repeat: str | None = None):
    data = {
        "csrf_token": await _token(client),
        "current": current,
        "new": new,
        "repeat": new if repeat is None else repeat,
    }
    return await client.post("/account/password", data=data, allow_redirects=False)


def _cookie(client: Client) -> str:
    return client.session.cookie_jar.filter_cookies(client.make_url("/"))[SESSION_COOKIE].value


async def _status_with(client: Client, cookie: str, path: str = "/reports") -> int:
    response = await client.get(
        path, headers={"Cookie": f"{SESSION_COOKIE}={cookie}"}, allow_redirects=False
    )
    return response.status


async def test_the_account_page_names_the_user_and_lists_open_sessions(client: Client) -> None:
    await log_in(client, "spv.bandung")

    html = await (await client.get("/account", headers={"User-Agent": "Firefox/133.0"})).text()

    assert "Akun saya" in html and "spv.bandung" in html and "Kota Bandung" in html
    assert "perangkat ini" in html and "127.0.0.1" in html
    assert 'autocomplete="new-password"' in html


async def test_a_password_change_ends_the_other_sessions_but_keeps_this_one(
    client: Client, admin_app: web.Application
) -> None:
    await log_in(client, "spv.bandung")
    async with TestClient(TestServer(admin_app)) as other_browser:
        await log_in(other_browser, "spv.bandung")
        elsewhere = _cookie(other_browser)
        before = _cookie(client)

        response = await _change(client, PASSWORD, NEW_PASSWORD)

        assert (response.status, response.headers["Location"]) == (303, "/account")
        assert "Kata sandi diganti" in await (await client.get("/account")).text()
        assert _cookie(client) != before  # a fresh session id for this browser
        assert (await client.get("/reports", allow_redirects=False)).status == 200
        assert await _status_with(other_browser, elsewhere) == 303
        assert await _status_with(other_browser, before) == 303
    await client.post("/logout", data={"csrf_token": await _token(client)})
    assert await log_in(client, "spv.bandung", NEW_PASSWORD) == "/reports"


async def test_password_form_errors_are_beside_their_fields(client: Client) -> None:
    await log_in(client, "spv.bandung")

    cases = [
        ("", NEW_PASSWORD, None, "current", "Isi kata sandi Anda yang sekarang."),
        (PASSWORD, NEW_PASSWORD, "something else", "repeat", "Kedua isian kata sandi baru"),
        (PASSWORD, "pendek", None, "new", "minimal 10 karakter"),
        ("salah sekali", NEW_PASSWORD, None, "current", "Kata sandi sekarang tidak cocok."),
    ]
    for current, new, repeat, field, message in cases:
        response = await _change(client, current, new, repeat)
        html = await response.text()
        assert response.status == 400, field
        assert f'id="password-{field}-error"' in html, field
        assert message in html
        assert NEW_PASSWORD not in html and PASSWORD not in html  # never echoed

    assert (await client.get("/reports", allow_redirects=False)).status == 200


async def test_an_admin_creates_an_account_that_must_change_its_password(
    client: Client, admin_app: web.Application
) -> None:
    await log_in(client)
    data = {
        "csrf_token": await _token(client, "/staff"),
        "username": "Sari.Bandung",
        "role": "supervisor",
        "regions": "32.73; 32.04",
    }

    html = await (await client.post("/staff", data=data)).text()

    temporary = _TEMPORARY.search(html)
    assert temporary, html
    assert "Akun sari.bandung dibuat." in html
    assert "Kota Bandung, Jawa Barat, Kab. Bandung, Jawa Barat" in html
    async with TestClient(TestServer(admin_app)) as newcomer:
        await log_in(newcomer, "sari.bandung", temporary.group(1))
        forced = await newcomer.get("/reports", allow_redirects=False)
        assert (forced.status, forced.headers["Location"]) == (303, "/account")
        assert "kata sandi sementara" in await (await newcomer.get("/account")).text()
        assert (await _change(newcomer, temporary.group(1), NEW_PASSWORD)).status == 303
        assert (await newcomer.get("/reports", allow_redirects=False)).status == 200


async def test_create_form_errors_are_beside_their_fields_and_nothing_is_saved(
    client: Client,
) -> None:
    await log_in(client)
    cases = [
        ({"username": "a b", "role": "supervisor", "regions": "32.73"}, "username"),
        ({"username": "spv.bandung", "role": "supervisor", "regions": "32.73"}, "username"),
        ({"username": "baru", "role": "supervisor", "regions": ""}, "regions"),
        ({"username": "baru", "role": "supervisor", "regions": "99.99"}, "regions"),
        ({"username": "baru", "role": "boss", "regions": ""}, "role"),
        ({"username": "baru", "role": "supervisor", "regions": "<script>x</script>"}, "regions"),
    ]
    for fields, field in cases:
        data = {"csrf_token": await _token(client, "/staff"), **fields}
        response = await client.post("/staff", data=data)
        html = await response.text()
        assert response.status == 400, fields
        assert f'id="create-{field}-error"' in html, fields
        assert "<script>x</script>" not in html
        assert "temporary-password" not in html
    staff_page = await (await client.get("/staff")).text()
    assert "baru" not in staff_page


async def test_deactivating_an_account_ends_its_sessions_at_once(
    client: Client, admin_app: web.Application
) -> None:
    async with TestClient(TestServer(admin_app)) as supervisor:
        await log_in(supervisor, "spv.bandung")
        await log_in(client)

        response = await client.post(
            "/staff/spv.bandung/deactivate",
            data={"csrf_token": await _token(client, "/staff")},
            allow_redirects=False,
        )

        assert (response.status, response.headers["Location"]) == (303, "/staff")
        assert "dinonaktifkan" in await (await client.get("/staff")).text()
        assert (await supervisor.get("/reports", allow_redirects=False)).status == 303


async def test_a_reset_shows_a_temporary_password_once_and_ends_sessions(
    client: Client, admin_app: web.Application
) -> None:
    async with TestClient(TestServer(admin_app)) as supervisor:
        await log_in(supervisor, "spv.bandung")
        await log_in(client)

        html = await (
            await client.post(
                "/staff/spv.bandung/password", data={"csrf_token": await _token(client, "/staff")}
            )
        ).text()

        temporary = _TEMPORARY.search(html)
        assert temporary
        assert (await supervisor.get("/reports", allow_redirects=False)).status == 303
        assert temporary.group(1) not in await (await client.get("/staff")).text()
        assert await log_in(supervisor, "spv.bandung", temporary.group(1)) == "/reports"


async def test_an_admin_cannot_deactivate_or_reset_their_own_account(client: Client) -> None:
    await log_in(client)
    page = await (await client.get("/staff")).text()
    assert "/staff/admin/deactivate" not in page

    for action in ("deactivate", "password"):
        response = await client.post(f"/staff/admin/{action}", data={"csrf_token": csrf_from(page)})
        assert response.status == 400
        assert "Akun Anda sendiri tidak dapat diubah di sini." in await response.text()
    assert (await client.get("/reports", allow_redirects=False)).status == 200


async def test_an_unknown_account_is_a_404(client: Client) -> None:
    await log_in(client)
    token = await _token(client, "/staff")

    for action in ("deactivate", "activate", "password"):
        response = await client.post(f"/staff/nobody/{action}", data={"csrf_token": token})
        assert response.status == 404


async def test_the_header_links_to_the_account_and_for_admins_to_staff_and_audit(
    client: Client, uow_factory: UnitOfWorkFactory
) -> None:
    await log_in(client, "spv.bandung")
    supervisor_page = await (await client.get("/reports")).text()
    await log_in(client)
    admin_page = await (await client.get("/reports")).text()

    assert 'href="/account"' in supervisor_page and 'href="/staff"' not in supervisor_page
    assert 'href="/staff"' in admin_page and 'href="/audit"' in admin_page
