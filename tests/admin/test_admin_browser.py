"""The admin view in a real Chromium: login redirect, the table, a filter, two screen sizes."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from aiohttp import web

from tests.admin.browser import BROWSER_TEST, chromium, screenshots, submit_login
from tests.admin.seed import seed_reports, seed_staff
from tests.admin.serving import served
from triage.storage.uow import UnitOfWorkFactory

ROWS = [
    ("LS-2026-000101", "31.74", "RENDAH", None),
    ("LS-2026-000102", "32.73", "DARURAT", "Sari Wulandari"),
]

pytestmark = BROWSER_TEST


@pytest.fixture
async def base_url(
    admin_app: web.Application, uow_factory: UnitOfWorkFactory
) -> AsyncIterator[str]:
    """The admin app on 127.0.0.1, on a free port."""
    await seed_staff(uow_factory)
    await seed_reports(uow_factory, ROWS)
    async with served(admin_app) as url:
        yield url


async def _log_in(page, base_url: str) -> None:
    await page.goto(f"{base_url}/reports")
    assert page.url.startswith(f"{base_url}/login")
    await submit_login(page, "admin")
    await page.wait_for_url(f"{base_url}/reports")


async def test_browser_login_list_filter_logout(base_url: str) -> None:
    async with chromium() as browser:
        await _desktop(browser, base_url)
        await _phone(browser, base_url)


async def _desktop(browser, base_url: str) -> None:
    page = await browser.new_page(viewport={"width": 1280, "height": 800})
    await page.goto(f"{base_url}/login")
    await page.get_by_label("Nama pengguna").fill("admin")
    await page.get_by_label("Kata sandi").fill("not the password")
    await page.get_by_role("button", name="Masuk").click()
    await page.get_by_role("alert").wait_for()
    await page.screenshot(path=screenshots() / "admin-login-failed-1280x800.png")
    await _log_in(page, base_url)
    rows = page.locator("table.reports tbody tr")
    assert await rows.count() == 2
    assert await rows.first.locator(".badge").inner_text() == "DARURAT"
    await page.screenshot(path=screenshots() / "admin-reports-1280x800.png", full_page=True)

    await page.get_by_label("Urgensi").select_option("RENDAH")
    await page.get_by_role("button", name="Terapkan").click()
    await page.wait_for_url("**/reports?*urgency=RENDAH*")
    assert await rows.count() == 1
    assert "LS-2026-000101" in await rows.first.inner_text()
    await page.screenshot(path=screenshots() / "admin-reports-filtered-1280x800.png")

    await page.get_by_role("button", name="Keluar").click()
    await page.wait_for_url(f"{base_url}/login")
    await page.goto(f"{base_url}/reports")
    assert page.url.startswith(f"{base_url}/login")
    await page.close()


async def _phone(browser, base_url: str) -> None:
    context = await browser.new_context(
        viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True
    )
    page = await context.new_page()
    await _log_in(page, base_url)
    assert await page.locator("table.reports tbody tr").count() == 2
    await page.screenshot(path=screenshots() / "admin-reports-390x844.png", full_page=True)
    await page.goto(f"{base_url}/reports?lang=en")
    await page.screenshot(path=screenshots() / "admin-reports-en-390x844.png", full_page=True)
    await page.goto(f"{base_url}/no-such-page")
    await page.screenshot(path=screenshots() / "admin-404-390x844.png")
    await context.close()


async def test_browser_language_follows_the_account(base_url: str) -> None:
    """English chosen with the switcher on a desk keeps the page's filters, and a phone that
    never chose a language shows English once the same person logs in."""
    async with chromium() as browser:
        desk = await browser.new_page(viewport={"width": 1280, "height": 800})
        await _log_in(desk, base_url)
        await desk.goto(f"{base_url}/reports?urgency=RENDAH")
        await desk.get_by_role("button", name="English").click()
        await desk.wait_for_url(f"{base_url}/reports?urgency=RENDAH")
        assert await desk.locator("html").get_attribute("lang") == "en"
        assert await desk.get_by_role("button", name="Log out").is_visible()
        await desk.screenshot(path=screenshots() / "admin-language-en-1280x800.png")

        phone = await browser.new_context(
            viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True
        )
        page = await phone.new_page()
        await _log_in(page, base_url)  # the login form is Indonesian: a new browser
        assert await page.locator("html").get_attribute("lang") == "en"
        await page.screenshot(path=screenshots() / "admin-language-en-390x844.png")
        await page.get_by_role("button", name="Bahasa Indonesia").click()
        await page.wait_for_url(f"{base_url}/reports")
        assert await page.get_by_role("button", name="Keluar").is_visible()
        await desk.reload()
        assert await desk.locator("html").get_attribute("lang") == "id"
        await phone.close()
