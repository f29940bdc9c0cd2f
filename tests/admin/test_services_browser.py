"""The directory of services in a real Chromium: an admin adds a service (first with errors),
sees the stale flag, and a case page lists a referral; desktop and 390 px phones."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from aiohttp import web

from admin.state import ADMIN
from tests.admin.browser import BROWSER_TEST, chromium, log_in, screenshots
from tests.admin.seed import seed_staff
from tests.admin.serving import served
from tests.admin.test_case_page_referrals import seed_referrals
from tests.support.deps import Clock
from tests.triage.services.cases.test_detail import REF
from tests.triage.services.referrals.helpers import NOW, SERVICES, add_service
from triage.services.referrals.directory import import_services_csv
from triage.storage.uow import UnitOfWorkFactory

pytestmark = BROWSER_TEST


@pytest.fixture
async def base_url(
    admin_app: web.Application, uow_factory: UnitOfWorkFactory
) -> AsyncIterator[str]:
    deps = admin_app[ADMIN].deps
    deps.clock = Clock(NOW)
    deps.service_verified_days = 180
    await seed_staff(uow_factory)
    await import_services_csv(deps, SERVICES, deps.regions.directory)
    await seed_referrals(uow_factory)  # case REF of Kota Bandung, with two referrals
    async with served(admin_app) as url:
        yield url


async def test_browser_admin_adds_a_service_and_sees_stale_ones_flagged(base_url: str) -> None:
    url = base_url
    async with chromium() as browser:
        page = await browser.new_page(viewport={"width": 1280, "height": 800})
        await log_in(page, url, "admin", "/login", lands="/reports")
        await (
            page.get_by_role("navigation", name="Menu utama")
            .get_by_role("link", name="Layanan")
            .click()
        )
        await page.wait_for_url(f"{url}/services")
        flagged = page.locator("table.services tbody tr", has_text="Perlu diperiksa ulang")
        assert await flagged.count() == 3  # verified in 2024, and twice never
        await page.screenshot(path=screenshots() / "services-1280x800.png", full_page=True)

        await page.get_by_role("link", name="Tambah layanan").click()
        await page.get_by_label("Nama", exact=True).fill("Puskesmas <b>Coblong</b>")
        await page.get_by_label("Jenis").select_option("puskesmas")
        await page.get_by_label("Wilayah (kode)").fill("32.73; 32.99")
        await page.get_by_label("Telepon").fill("12345")
        await page.get_by_role("button", name="Simpan layanan").click()
        await page.locator("#f-region_codes-error").wait_for()
        assert await page.locator("#f-phone-error").count() == 1
        await page.screenshot(
            path=screenshots() / "service-new-errors-1280x800.png", full_page=True
        )
        await page.get_by_label("Wilayah (kode)").fill("32.73")
        await page.get_by_label("Telepon").fill("022 555 0110")
        await page.get_by_label("Terakhir diperiksa").fill("2026-11-30")
        await page.get_by_role("button", name="Simpan layanan").click()
        await page.get_by_text("Layanan ditambahkan.").wait_for()
        row = page.locator("table.services tbody tr", has_text="Puskesmas <b>Coblong</b>")
        assert "+62225550110" in await row.inner_text()
        assert "Perlu diperiksa ulang" not in await row.inner_text()

        await page.goto(f"{url}/reports/{REF}")
        referrals = page.locator(".card-referrals")
        assert "UPTD PPA Kota Bandung" in await referrals.inner_text()
        assert "Kuota penuh" in await referrals.inner_text()
        await referrals.scroll_into_view_if_needed()
        await page.screenshot(path=screenshots() / "case-referrals-1280x800.png", full_page=True)
        await page.close()

        context = await browser.new_context(
            viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True
        )
        phone = await context.new_page()
        await log_in(phone, url, "spv.bandung", "/login", lands="/reports")
        await phone.goto(f"{url}/services")
        await phone.screenshot(path=screenshots() / "services-390.png", full_page=True)
        await context.close()


async def test_browser_a_supervisor_pages_through_a_long_directory_on_a_phone(
    base_url: str, uow_factory: UnitOfWorkFactory
) -> None:
    for n in range(120):
        await add_service(uow_factory, f"Posyandu Mawar {n:03d}", "other", ["32.73"])
    async with chromium() as browser:
        context = await browser.new_context(
            viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True
        )
        phone = await context.new_page()
        await log_in(phone, base_url, "spv.bandung", "/login", lands="/reports")
        await phone.goto(f"{base_url}/services?kabkota=32.73")
        pages = phone.get_by_role("navigation", name="Halaman")
        await pages.get_by_role("link", name="Berikutnya").click()
        await phone.wait_for_url(f"{base_url}/services?kabkota=32.73&page=2")
        assert "Halaman 2 dari 2" in await pages.inner_text()
        assert await phone.locator("table.services tbody tr").count() == 22  # 122 in Bandung
        await pages.scroll_into_view_if_needed()
        await phone.screenshot(path=screenshots() / "services-page-2-390.png")
        await context.close()
