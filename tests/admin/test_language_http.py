"""The admin's language over HTTP: a logged-in person's choice is kept on their account, so
another browser shows it after login, and it outlives logout; the switcher is a form with
the CSRF token; bad values are refused politely with nothing saved; before login the cookie
decides as before."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from aiohttp import ClientResponse, web
from aiohttp.test_utils import TestClient, TestServer
from sqlmodel import select

from admin.language import LANG_COOKIE
from tests.admin.seed import csrf_from, log_in, seed_staff
from triage.storage.tables import AuditLog, StaffUser
from triage.storage.uow import UnitOfWorkFactory

Client = TestClient[web.Request, web.Application]
ENGLISH = '<html lang="en">'
INDONESIAN = '<html lang="id">'
SUPERVISOR = "spv.bandung"


@pytest.fixture
async def server(
    admin_app: web.Application, uow_factory: UnitOfWorkFactory
) -> AsyncIterator[TestServer]:
    await seed_staff(uow_factory)
    test_server = TestServer(admin_app)
    await test_server.start_server()
    yield test_server
    await test_server.close()


@pytest.fixture
async def browser(server: TestServer) -> AsyncIterator[Client]:
    async with _browser(server) as client:
        yield client


def _browser(server: TestServer) -> Client:
    """A browser of its own (its own cookies) on the shared server."""
    client: Client = TestClient(server)
    return client


async def _saved(uow_factory: UnitOfWorkFactory, username: str = SUPERVISOR) -> str | None:
    async with uow_factory() as uow:
        query = select(StaffUser).where(StaffUser.username == username)
        return (await uow.session.exec(query)).one().language


async def _choose(client: Client, lang: str, back: str = "/reports") -> ClientResponse:
    token = csrf_from(await (await client.get(back)).text())
    data = {"csrf_token": token, "lang": lang, "next": back}
    return await client.post("/language", data=data, allow_redirects=False)


async def _page(client: Client, path: str = "/reports") -> str:
    response = await client.get(path)
    assert response.status == 200
    return await response.text()


async def _log_out(client: Client) -> None:
    token = csrf_from(await _page(client))
    response = await client.post("/logout", data={"csrf_token": token}, allow_redirects=False)
    assert response.status == 303


async def test_english_chosen_in_one_browser_is_shown_in_another_after_login(
    server: TestServer, browser: Client, uow_factory: UnitOfWorkFactory
) -> None:
    await log_in(browser, SUPERVISOR)

    response = await _choose(browser, "en", "/reports?status=new")

    assert response.status == 303
    assert response.headers["Location"] == "/reports?status=new"
    assert ENGLISH in await _page(browser)
    assert await _saved(uow_factory) == "en"
    async with _browser(server) as phone:
        assert INDONESIAN in await _page(phone, "/login")  # not logged in: its own cookie
        await log_in(phone, SUPERVISOR)
        page = await _page(phone)
    assert ENGLISH in page and "Log out" in page


async def test_the_language_outlives_logout_and_cleared_cookies(
    browser: Client, uow_factory: UnitOfWorkFactory
) -> None:
    await log_in(browser, SUPERVISOR)
    await _choose(browser, "en")

    await _log_out(browser)
    login_page = await _page(browser, "/login")
    browser.session.cookie_jar.clear()
    cleared = await _page(browser, "/login")
    await log_in(browser, SUPERVISOR)

    assert "Log in to the staff panel" in login_page  # the cookie, set with the choice
    assert INDONESIAN in cleared
    assert ENGLISH in await _page(browser)
    assert await _saved(uow_factory) == "en"


async def test_the_account_wins_over_the_browser_cookie(
    server: TestServer, browser: Client
) -> None:
    await log_in(browser, SUPERVISOR)
    await _choose(browser, "en")
    async with _browser(server) as phone:
        assert INDONESIAN in await _page(phone, "/login?lang=id")

        await log_in(phone, SUPERVISOR)
        page = await _page(phone)
        cookie = phone.session.cookie_jar.filter_cookies(phone.make_url("/"))[LANG_COOKIE]

    assert ENGLISH in page
    assert cookie.value == "en"  # so its login page after logout speaks English too


async def test_switching_back_to_indonesian(
    browser: Client, uow_factory: UnitOfWorkFactory
) -> None:
    await log_in(browser, SUPERVISOR)
    await _choose(browser, "en")

    await _choose(browser, "id")

    assert INDONESIAN in await _page(browser)
    assert await _saved(uow_factory) == "id"


async def test_a_lang_query_shows_one_page_and_saves_nothing(
    browser: Client, uow_factory: UnitOfWorkFactory
) -> None:
    await log_in(browser, SUPERVISOR)
    await _choose(browser, "en")

    once = await _page(browser, "/reports?lang=id")

    assert INDONESIAN in once
    assert await _saved(uow_factory) == "en"
    assert ENGLISH in await _page(browser)


async def test_error_pages_speak_the_accounts_language(browser: Client) -> None:
    await log_in(browser, SUPERVISOR)
    await _choose(browser, "en")
    browser.session.cookie_jar.clear(lambda cookie: cookie.key == LANG_COOKIE)

    missing = await browser.get("/no-such-page")
    forged = await browser.post("/logout", data={"csrf_token": "forged"})

    assert missing.status == 404 and "Page not found" in await missing.text()
    assert forged.status == 403 and ENGLISH in await forged.text()


@pytest.mark.parametrize("lang", ["fr", "", "EN", "en-US", "<script>"])
async def test_an_unknown_language_is_refused_politely_and_nothing_is_saved(
    browser: Client, uow_factory: UnitOfWorkFactory, lang: str
) -> None:
    await log_in(browser, SUPERVISOR)

    response = await _choose(browser, lang)
    html = await response.text()

    assert response.status == 400
    assert "Bahasa tidak tersedia" in html and "Traceback" not in html
    assert "<script>" not in html
    assert await _saved(uow_factory) is None
    assert INDONESIAN in await _page(browser)


async def test_a_missing_language_is_refused_too(
    browser: Client, uow_factory: UnitOfWorkFactory
) -> None:
    await log_in(browser, SUPERVISOR)
    token = csrf_from(await _page(browser))

    response = await browser.post("/language", data={"csrf_token": token})

    assert response.status == 400
    assert await _saved(uow_factory) is None


async def test_the_switch_without_the_form_token_saves_nothing(
    browser: Client, uow_factory: UnitOfWorkFactory
) -> None:
    await log_in(browser, SUPERVISOR)

    response = await browser.post("/language", data={"lang": "en"}, allow_redirects=False)

    assert response.status == 403
    assert await _saved(uow_factory) is None


async def test_the_switch_goes_back_only_to_this_site(browser: Client) -> None:
    await log_in(browser, SUPERVISOR)
    token = csrf_from(await _page(browser))

    for target in ("//evil.example/x", "https://evil.example/", "javascript:alert(1)"):
        data = {"csrf_token": token, "lang": "en", "next": target}
        response = await browser.post("/language", data=data, allow_redirects=False)
        assert response.status == 303
        assert response.headers["Location"] == "/reports"


async def test_after_login_the_switcher_is_a_form_before_it_links(browser: Client) -> None:
    before = await _page(browser, "/login?next=/map")
    await log_in(browser, SUPERVISOR)

    after = await _page(browser, "/reports?status=new&lang=id")

    assert 'href="/login?next=/map&amp;lang=en"' in before
    assert 'action="/language"' not in before
    assert '<form method="post" action="/language"' in after
    assert 'name="next" value="/reports?status=new"' in after
    assert '<button type="submit" name="lang" value="en"' in after
    assert 'href="/reports?status=new&amp;lang=en"' not in after


async def test_a_page_shown_after_a_form_switches_back_to_its_page(browser: Client) -> None:
    await log_in(browser)  # an admin: the staff page's form
    token = csrf_from(await _page(browser, "/staff"))

    refused = await browser.post("/staff", data={"csrf_token": token, "username": "x"})

    assert refused.status == 400
    assert 'name="next" value="/staff"' in await refused.text()


async def test_someone_with_a_temporary_password_may_switch(
    browser: Client, uow_factory: UnitOfWorkFactory
) -> None:
    await log_in(browser, SUPERVISOR)
    async with uow_factory() as uow:
        query = select(StaffUser).where(StaffUser.username == SUPERVISOR)
        user = (await uow.session.exec(query)).one()
        user.must_change_password = True
        uow.session.add(user)
        await uow.commit()

    response = await _choose(browser, "en", "/account")

    assert (response.status, response.headers["Location"]) == (303, "/account")
    assert await _saved(uow_factory) == "en"
    assert ENGLISH in await _page(browser, "/account")


async def test_a_language_switch_is_not_audited(
    browser: Client, uow_factory: UnitOfWorkFactory
) -> None:
    await log_in(browser, SUPERVISOR)
    token = csrf_from(await _page(browser, "/account"))
    async with uow_factory() as uow:
        before = (await uow.session.exec(select(AuditLog))).all()

    response = await browser.post(
        "/language", data={"csrf_token": token, "lang": "en"}, allow_redirects=False
    )

    assert response.status == 303
    async with uow_factory() as uow:
        assert (await uow.session.exec(select(AuditLog))).all() == before


async def test_logged_out_the_switch_asks_to_log_in(
    browser: Client, uow_factory: UnitOfWorkFactory
) -> None:
    token = csrf_from(await _page(browser, "/login"))

    response = await browser.post(
        "/language", data={"csrf_token": token, "lang": "en"}, allow_redirects=False
    )

    assert response.status == 303
    assert response.headers["Location"].startswith("/login?next=")
    assert await _saved(uow_factory) is None
