"""Accounts and the audit log in a real Chromium: log in, change the password (the old one
stops working), read and filter the audit log, the staff page; desktop and 390 px wide."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from aiohttp import web

from tests.admin.browser import BROWSER_TEST, chromium, log_in, screenshots
from tests.admin.seed import PASSWORD, seed_reports, seed_staff
from tests.admin.serving import served
from triage.storage.uow import UnitOfWorkFactory

NEW_PASSWORD = "pagi ini hujan deras sekali"
CASE = "LS-2026-000201"

pytestmark = BROWSER_TEST


@pytest.fixture
async def base_url(
    admin_app: web.Application, uow_factory: UnitOfWorkFactory
) -> AsyncIterator[str]:
    await seed_staff(uow_factory)
    await seed_reports(uow_factory, [(CASE, "32.73", "TINGGI", "Sari Wulandari")])
    async with served(admin_app) as url:
        yield url


async def test_browser_password_change_audit_log_and_staff(base_url: str) -> None:
    async with chromium() as browser:
        await _supervisor_changes_password(browser, base_url)
        await _admin_reads_the_audit_log(browser, base_url)
        await _phone(browser, base_url)


async def _supervisor_changes_password(browser, base_url: str) -> None:
    page = await browser.new_page(viewport={"width": 1280, "height": 800})
    await log_in(page, base_url, "spv.bandung", "/login", lands="/reports", password=PASSWORD)
    await page.goto(f"{base_url}/reports/{CASE}")  # a case view, for the audit log
    await page.get_by_role("link", name="Akun saya").click()
    await page.wait_for_url(f"{base_url}/account")

    await page.get_by_label("Kata sandi sekarang").fill(PASSWORD)
    await page.get_by_label("Kata sandi baru", exact=True).fill(NEW_PASSWORD)
    await page.get_by_label("Ulangi kata sandi baru").fill("tidak sama")
    await page.get_by_role("button", name="Simpan kata sandi baru").click()
    error = page.locator("#password-repeat-error")
    await error.wait_for()
    assert "tidak sama" in await error.inner_text()
    assert await page.get_by_label("Ulangi kata sandi baru").get_attribute("aria-invalid") == "true"
    await page.screenshot(
        path=screenshots() / "account-password-error-1280x800.png", full_page=True
    )

    await page.get_by_label("Kata sandi sekarang").fill(PASSWORD)
    await page.get_by_label("Kata sandi baru", exact=True).fill(NEW_PASSWORD)
    await page.get_by_label("Ulangi kata sandi baru").fill(NEW_PASSWORD)
    await page.get_by_role("button", name="Simpan kata sandi baru").click()
    await page.get_by_role("status").wait_for()
    assert "Kata sandi diganti" in await page.get_by_role("status").inner_text()
    await page.screenshot(
        path=screenshots() / "account-password-changed-1280x800.png", full_page=True
    )

    await page.get_by_role("button", name="Keluar").click()
    await page.wait_for_url(f"{base_url}/login")
    await page.get_by_label("Nama pengguna").fill("spv.bandung")
    await page.get_by_label("Kata sandi").fill(PASSWORD)
    await page.get_by_role("button", name="Masuk").click()
    assert "salah" in await page.get_by_role("alert").inner_text()  # the old one is gone
    await log_in(page, base_url, "spv.bandung", "/login", lands="/reports", password=NEW_PASSWORD)
    await page.close()


async def _admin_reads_the_audit_log(browser, base_url: str) -> None:
    page = await browser.new_page(viewport={"width": 1280, "height": 800})
    await log_in(page, base_url, "admin", "/login", lands="/reports", password=PASSWORD)
    await page.get_by_role("link", name="Log audit").click()
    await page.wait_for_url(f"{base_url}/audit")
    rows = page.locator("table.audit tbody tr")
    assert await rows.count() >= 6
    await page.screenshot(path=screenshots() / "audit-1280x800.png", full_page=True)

    await page.get_by_label("Pengguna").fill("spv.bandung")
    await page.get_by_label("Tindakan").select_option("view_case")
    await page.get_by_role("button", name="Terapkan").click()
    await page.wait_for_url("**/audit?*user=spv.bandung*")
    assert await rows.count() == 1
    assert CASE in await rows.first.inner_text()
    assert "127.0.0.1" in await rows.first.inner_text()

    await page.get_by_label("Dari tanggal").fill("2026-11-30")
    await page.get_by_label("Sampai tanggal").fill("2026-11-01")
    await page.get_by_role("button", name="Terapkan").click()
    await page.locator("#audit-to-error").wait_for()
    await page.screenshot(path=screenshots() / "audit-date-error-1280x800.png", full_page=True)

    async with page.expect_download() as download_info:
        await page.goto(f"{base_url}/audit?action=login_failed")
        await page.get_by_role("link", name="Unduh CSV").click()
    download = await download_info.value
    assert download.suggested_filename.startswith("audit-")
    content = (await download.path()).read_text(encoding="utf-8-sig")
    assert content.splitlines()[0] == "time,user,action,case,source_address,detail"
    assert "login_failed" in content and "spv.bandung" in content

    await page.get_by_role("link", name="Staf").click()
    await page.wait_for_url(f"{base_url}/staff")
    await page.get_by_label("Nama pengguna").fill("dewi.bandung")
    await page.get_by_label("Kode wilayah (supervisor)").fill("32.73")
    await page.get_by_role("button", name="Buat akun dengan kata sandi sementara").click()
    temporary = page.locator(".temporary-password")
    await temporary.wait_for()
    assert len(await temporary.inner_text()) == 14
    await page.screenshot(path=screenshots() / "staff-created-1280x800.png", full_page=True)
    await page.close()


async def _phone(browser, base_url: str) -> None:
    context = await browser.new_context(
        viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True
    )
    page = await context.new_page()
    await log_in(page, base_url, "admin", "/login", lands="/reports", password=PASSWORD)
    for path, name in (("/account", "account"), ("/audit", "audit"), ("/staff", "staff")):
        await page.goto(f"{base_url}{path}")
        await page.screenshot(path=screenshots() / f"{name}-390x844.png", full_page=True)
        await page.screenshot(path=screenshots() / f"{name}-top-390x844.png")
        width = await page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, f"{path} scrolls sideways at 390 px ({width})"
    await page.goto(f"{base_url}/audit")
    await page.evaluate("document.querySelector('table.audit').scrollIntoView()")
    await page.screenshot(path=screenshots() / "audit-rows-390x844.png")
    await page.goto(f"{base_url}/account")
    await page.get_by_role("button", name="Siapkan verifikasi dua langkah").click()
    await page.locator("#two-factor .temporary-password").wait_for()
    await page.evaluate("document.getElementById('two-factor').scrollIntoView()")
    await page.screenshot(path=screenshots() / "account-2fa-setup-390x844.png")
    await page.goto(f"{base_url}/account?lang=en")
    await page.screenshot(path=screenshots() / "account-en-390x844.png", full_page=True)
    await context.close()
