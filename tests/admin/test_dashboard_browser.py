"""The dashboard and the case map in a real Chromium, at 1280 and 390 pixels wide, with
screenshots under the test run's screenshot folder to look at; a map region leads to the filtered queue."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from aiohttp import web

from admin.web import create_admin_app
from tests.admin.browser import BROWSER_TEST, chromium, log_in, screenshots
from tests.admin.conftest import SECRET_KEY
from tests.admin.seed import seed_staff
from tests.admin.serving import served
from tests.support.deps import Clock, make_deps
from tests.triage.services.dashboard.seed import NOW, seed_cases, spread_cases
from triage.storage.uow import UnitOfWorkFactory

pytestmark = BROWSER_TEST


@pytest.fixture
async def base_url(uow_factory: UnitOfWorkFactory) -> AsyncIterator[str]:
    await seed_staff(uow_factory)
    await seed_cases(uow_factory, spread_cases(400, weeks=14))
    app: web.Application = create_admin_app(
        deps=make_deps(uow_factory, clock=Clock(NOW)), secret_key=SECRET_KEY
    )
    async with served(app) as url:
        yield url


async def test_browser_dashboard_and_map(base_url: str) -> None:
    async with chromium() as browser:
        await _admin_at_a_desk(browser, base_url)
        await _supervisor_on_a_phone(browser, base_url)


async def _admin_at_a_desk(browser, base_url: str) -> None:
    page = await browser.new_page(viewport={"width": 1280, "height": 900})
    await log_in(page, base_url, "admin", "/dashboard")
    assert await page.get_by_role("heading", name="Dasbor", level=1).is_visible()
    charts = page.get_by_role("img", name="Kasus terbuka menurut urgensi")
    assert await charts.is_visible()
    assert await page.locator("svg.chart").count() == 8
    assert await page.get_by_role("table", name="Kabupaten/kota").is_visible()
    await page.screenshot(path=screenshots() / "admin-dashboard-1280x900.png", full_page=True)
    await page.locator("#times").screenshot(path=screenshots() / "admin-dashboard-times-1280.png")

    await page.get_by_label("Dari tanggal").fill("2026-11-20")
    await page.get_by_label("Sampai tanggal").fill("2026-11-01")
    await page.get_by_role("button", name="Tampilkan").click()
    await page.get_by_text("lebih awal dari tanggal mulai").wait_for()
    await page.screenshot(path=screenshots() / "admin-dashboard-wrong-range-1280x900.png")
    await page.get_by_role("link", name="Tukar tanggalnya").click()
    await page.wait_for_url("**/dashboard?*from=2026-11-01*")
    assert await page.locator("svg.chart").count() == 8

    await page.get_by_role("link", name="Peta kasus").click()
    await page.wait_for_url(f"{base_url}/map")
    assert await page.locator("svg.map a").count() == 514
    await page.screenshot(path=screenshots() / "admin-map-1280x900.png", full_page=True)
    await page.get_by_label("Wilayah peta").select_option("32")
    await page.get_by_label("Batas terima yang terlewati").check()
    await page.get_by_role("button", name="Tampilkan").click()
    await page.wait_for_url("**/map?*province=32*")
    await page.screenshot(
        path=screenshots() / "admin-map-jawa-barat-breaches-1280x900.png", full_page=True
    )
    region = page.locator('svg.map a[href="/reports?kabkota=32.73"]')
    await region.hover()
    await region.click()
    await page.wait_for_url("**/reports?kabkota=32.73")
    await page.close()


async def _supervisor_on_a_phone(browser, base_url: str) -> None:
    context = await browser.new_context(
        viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True
    )
    page = await context.new_page()
    await log_in(page, base_url, "spv.bandung", "/dashboard")
    width = await page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, width  # wide tables scroll inside their box, not the page
    await page.screenshot(path=screenshots() / "supervisor-dashboard-390x844.png", full_page=True)
    await page.locator("#open").screenshot(path=screenshots() / "supervisor-dashboard-open-390.png")
    await page.goto(f"{base_url}/map")
    assert await page.locator("svg.map a").count() == 1  # Kota Bandung only
    assert await page.locator("svg.map g.map-outside").count() == 26
    await page.screenshot(path=screenshots() / "supervisor-map-390x844.png", full_page=True)
    await page.goto(f"{base_url}/dashboard?from=kemarin&lang=en")
    await page.get_by_text("This date cannot be read").wait_for()
    await page.screenshot(path=screenshots() / "supervisor-dashboard-bad-date-en-390x844.png")
    await context.close()
