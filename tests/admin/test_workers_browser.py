"""The workers pages in a real Chromium: a supervisor deactivates a worker and sees the open
cases passed on; the form's errors, coverage and the CSV import; desktop and 390 px phones."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime

import pytest
from aiohttp import web

from admin.state import ADMIN
from tests.admin.browser import BROWSER_TEST, chromium, log_in, screenshots
from tests.admin.seed import seed_staff
from tests.admin.serving import served
from tests.bot.cases import file_case
from tests.support.deps import Clock
from tests.triage.services.workers.staffing import add
from triage.storage.uow import UnitOfWorkFactory

pytestmark = BROWSER_TEST
MONDAY_9_WIB = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)
OFFICE = {"days": [0, 1, 2, 3, 4], "start": "08:00", "end": "16:00"}


@pytest.fixture
async def base_url(
    admin_app: web.Application, uow_factory: UnitOfWorkFactory
) -> AsyncIterator[tuple[str, list[str]]]:
    """Sari holds two cases of Kota Bandung; Budi joins after them; others for the list."""
    deps = admin_app[ADMIN].deps
    deps.clock = Clock(MONDAY_9_WIB)  # Budi's office hours: he is on duty
    await seed_staff(uow_factory)
    await add(deps, "Sari Wulandari", ["32.73"], telegram_user_id=1001, phone="+6281234567890")
    cases = [await file_case(deps, 5001 + n, region="32.73", danger=n == 0) for n in range(2)]
    await add(deps, "Budi Santoso", ["32.73", "32.77"], telegram_user_id=1002, duty_hours=OFFICE)
    await add(deps, "Made Wirawan", ["51.71"], telegram_user_id=1003, duty_hours=OFFICE)
    await add(deps, "Rina Kusuma", ["32"], telegram_user_id=1004, role="supervisor")
    await add(deps, "Yusuf Baru", ["32.77"])
    async with served(admin_app) as url:
        yield url, cases


async def test_browser_deactivate_a_worker_and_see_the_cases_passed_on(
    base_url: tuple[str, list[str]],
) -> None:
    url, cases = base_url
    async with chromium() as browser:
        await _supervisor_deactivates(browser, url, cases)
        await _admin_pages(browser, url)
        await _phone(browser, url)


async def _supervisor_deactivates(browser, url: str, cases: list[str]) -> None:  # type: ignore[no-untyped-def]
    page = await browser.new_page(viewport={"width": 1280, "height": 800})
    await log_in(page, url, "spv.bandung", "/login", lands="/reports")
    await (
        page.get_by_role("navigation", name="Menu utama")
        .get_by_role("link", name="Petugas")
        .click()
    )
    await page.wait_for_url(f"{url}/workers")
    names = await page.locator("table.workers tbody th a").all_inner_texts()
    assert names == ["Budi Santoso", "Rina Kusuma", "Sari Wulandari"]  # of Kota Bandung
    await page.screenshot(path=screenshots() / "workers-supervisor-1280x800.png", full_page=True)

    await page.get_by_role("link", name="Sari Wulandari").click()
    await page.get_by_role("heading", name="Sari Wulandari").wait_for()
    await page.screenshot(path=screenshots() / "worker-page-1280x800.png", full_page=True)
    await page.get_by_role("link", name="Nonaktifkan petugas ini…").click()
    await page.get_by_text("2 kasus terbuka akan dialihkan").wait_for()
    await page.get_by_role("button", name="Nonaktifkan dan alihkan kasus").click()
    await page.locator("#f-reason-error").wait_for()  # no reason: the form again
    await page.screenshot(
        path=screenshots() / "worker-deactivate-error-1280x800.png", full_page=True
    )
    await page.get_by_label("Alasan").fill("Pindah tugas ke Dinas Sosial provinsi")
    await page.get_by_role("button", name="Nonaktifkan dan alihkan kasus").click()
    await page.get_by_role("heading", name="Petugas dinonaktifkan").wait_for()
    moved = page.locator("table tbody tr")
    assert await moved.count() == 2
    for row in range(2):
        assert "Budi Santoso (Petugas)" in await moved.nth(row).inner_text()
    await page.screenshot(path=screenshots() / "worker-deactivated-1280x800.png", full_page=True)

    await page.get_by_role("link", name=cases[0]).click()
    await page.wait_for_url(f"**/reports/{cases[0]}")
    timeline = page.locator(".timeline")
    assert "kasus dialihkan" in await timeline.inner_text()
    assert "Budi Santoso" in await timeline.inner_text()
    await page.screenshot(
        path=screenshots() / "case-after-deactivation-1280x800.png", full_page=True
    )

    await page.goto(f"{url}/workers")
    assert "Sari Wulandari" not in await page.locator("table.workers").inner_text()
    budi = page.locator("table.workers tbody tr", has_text="Budi Santoso")
    assert "DARURAT" in await budi.inner_text()
    await page.goto(f"{url}/coverage")
    await page.screenshot(path=screenshots() / "coverage-supervisor-1280x800.png", full_page=True)
    await page.close()


async def _admin_pages(browser, url: str) -> None:  # type: ignore[no-untyped-def]
    page = await browser.new_page(viewport={"width": 1280, "height": 800})
    await log_in(page, url, "admin", "/login", lands="/reports")
    await page.goto(f"{url}/workers")
    await page.screenshot(path=screenshots() / "workers-admin-1280x800.png", full_page=True)
    await page.get_by_role("link", name="Tambah petugas").click()
    await page.get_by_label("Nama").fill("<img src=x onerror=alert(1)>")
    await page.get_by_label("Wilayah (kode)").fill("32.73; 99.99")
    await page.get_by_label("Jam tugas").fill("tiap hari")
    await page.get_by_label("Telepon").fill("12345")
    await page.get_by_role("button", name="Simpan petugas").click()
    await page.locator("#f-region_codes-error").wait_for()
    assert await page.get_by_label("Nama").input_value() == "<img src=x onerror=alert(1)>"
    await page.screenshot(path=screenshots() / "worker-new-errors-1280x800.png", full_page=True)
    await page.goto(f"{url}/workers/import")
    await page.get_by_label("atau tempel isinya").fill(
        "name,telegram_user_id,role,region_codes,on_duty,phone\n"
        "Ani,,worker,32.73,true,\nBudi,abc,worker,99.99,mungkin,\n"
    )
    await page.get_by_role("button", name="Impor", exact=True).click()
    await page.locator(".line-errors").wait_for()
    await page.screenshot(path=screenshots() / "workers-import-errors-1280x800.png", full_page=True)
    await page.goto(f"{url}/coverage")
    await page.screenshot(path=screenshots() / "coverage-admin-1280x800.png", full_page=True)
    await page.close()


async def _phone(browser, url: str) -> None:  # type: ignore[no-untyped-def]
    context = await browser.new_context(
        viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True
    )
    page = await context.new_page()
    await log_in(page, url, "spv.bandung", "/login", lands="/reports")
    for path, name in (
        ("/workers", "workers"),
        ("/workers?show=inactive", "workers-inactive"),
        ("/workers/2", "worker-page"),
        ("/workers/2/deactivate", "worker-deactivate"),
        ("/workers/new", "worker-new"),
        ("/coverage", "coverage"),
    ):
        await page.goto(f"{url}{path}")
        await page.screenshot(path=screenshots() / f"{name}-390x844.png", full_page=True)
        overflow = await page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, (path, overflow)
    await page.goto(f"{url}/workers?lang=en")
    await page.screenshot(path=screenshots() / "workers-en-390x844.png", full_page=True)
    await context.close()
