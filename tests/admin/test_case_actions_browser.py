"""The case page's actions in a real Chromium: open a case, hand it to another worker, see the
timeline change, add a note, a problem shown beside its field, a photo opened through the
server; at desktop size and at 390 px. Screenshots go to the test run's screenshot folder."""

from __future__ import annotations

import dataclasses
from collections.abc import AsyncIterator

import pytest

from admin.web import create_admin_app
from app.telegram_files import BotApiFiles
from tests.admin.browser import BROWSER_TEST, chromium, log_in, screenshots
from tests.admin.conftest import SECRET_KEY
from tests.admin.seed import PASSWORD, seed_staff
from tests.admin.serving import served
from tests.support.botapi_stub import BotApiStub
from tests.triage.services.cases.helpers import make_world, new_case
from tests.triage.services.cases.staff_helpers import change_report, reference
from triage.services.staff.accounts import create_staff_user
from triage.storage.uow import UnitOfWorkFactory

pytestmark = BROWSER_TEST
EVIDENCE = [
    {"kind": "photo", "file_id": "AgACAgBrowserPhoto"},
    {"kind": "voice", "file_id": "AwACAgBrowserVoice"},
]
BUDI = "Budi (Petugas) · bertugas · 0 kasus aktif"
REASON = "Sari cuti mendadak sampai Jumat"
NOTE = "Ibu anak bisa ditemui sore hari, setelah pukul 16.00."


@pytest.fixture
async def site(uow_factory: UnitOfWorkFactory) -> AsyncIterator[tuple[str, str]]:
    """The admin on 127.0.0.1 over a case held by Sari, with a photo the stand-in serves;
    yields the base URL and the case's path."""
    world = await make_world(uow_factory)
    await new_case(world)
    await change_report(world, evidence=EVIDENCE)
    await seed_staff(uow_factory)
    await create_staff_user(world.deps, "spv.jaksel", PASSWORD, "supervisor", ["31.74"])
    async with BotApiStub() as stub:
        stub.register_file(EVIDENCE[0]["file_id"], await _photo(), "photos/file_1.jpg")
        stub.register_file(EVIDENCE[1]["file_id"], b"OggS", "voice/file_2.oga")
        files = BotApiFiles(stub.token, stub.base_url, stub.base_file_url)
        deps = dataclasses.replace(world.deps, files=files)
        async with served(create_admin_app(deps=deps, secret_key=SECRET_KEY)) as url:
            yield url, f"/reports/{await reference(world)}"
        await files.close()


async def _photo() -> bytes:
    """A real JPEG, drawn by Chromium, as a reporter's photo would be."""
    async with chromium() as browser:
        page = await browser.new_page(viewport={"width": 320, "height": 200})
        await page.set_content('<body style="margin:0;background:#c4dfe6"><h1>bukti</h1></body>')
        return await page.screenshot(type="jpeg")


async def test_browser_reassign_note_problem_and_photo(site: tuple[str, str]) -> None:
    base_url, path = site
    async with chromium() as browser:
        await _desktop(browser, base_url, path)
        await _phone(browser, base_url, path)


async def _desktop(browser, base_url: str, path: str) -> None:
    page = await browser.new_page(viewport={"width": 1280, "height": 900})
    await log_in(page, base_url, "spv.jaksel", path)
    timeline = page.locator(".timeline")
    assert "Dipindahkan" not in await timeline.inner_text()
    await page.screenshot(path=screenshots() / "case-actions-1280.png", full_page=True)

    reassign = page.locator("#reassign")
    await reassign.locator("summary").click()
    await reassign.get_by_label("Petugas baru").select_option(label=BUDI)
    await reassign.get_by_label("Alasan").fill(REASON)
    await page.screenshot(
        path=screenshots() / "case-actions-reassign-form-1280.png", full_page=True
    )
    await reassign.get_by_role("button", name="Pindahkan kasus").click()
    await page.wait_for_url(f"{base_url}{path}#done")
    assert "Kasus dipindahkan ke Budi." in await page.get_by_role("status").inner_text()
    assert "Dipindahkan ke Budi (Petugas)" in await timeline.inner_text()
    assert REASON in await timeline.inner_text()

    await page.get_by_label("Catatan", exact=True).fill(NOTE)
    await page.get_by_label("Kirim juga ke Budi lewat Telegram").check()
    await page.get_by_role("button", name="Simpan catatan").click()
    await page.wait_for_load_state()
    entries = timeline.locator("li")
    last = entries.nth(await entries.count() - 1)
    assert "Catatan staf" in await last.inner_text() and NOTE in await last.inner_text()
    await page.screenshot(path=screenshots() / "case-actions-after-1280.png", full_page=True)

    close = page.locator("#close")
    await close.locator("summary").click()
    await close.get_by_label("Hasil akhir").select_option("handled")
    await close.get_by_label("Alasan").fill("   ")  # only blanks: the server explains
    await close.get_by_role("button", name="Tutup kasus").click()
    await page.wait_for_load_state()
    assert await close.get_attribute("open") is not None
    assert "Tuliskan alasannya." in await close.locator(".field-error").inner_text()
    assert await close.get_by_label("Alasan").get_attribute("aria-invalid") == "true"
    assert "Ditutup" not in await page.locator(".case-meta").inner_text()
    await page.screenshot(path=screenshots() / "case-actions-problem-1280.png", full_page=True)

    await page.goto(f"{base_url}{path}")
    await page.get_by_role("link", name="Foto 1").click()
    await page.wait_for_url(f"{base_url}{path}/evidence/1")
    width = await page.evaluate("document.images[0].naturalWidth")
    assert width == 320  # the JPEG arrived whole and the browser decoded it
    await page.close()


async def _phone(browser, base_url: str, path: str) -> None:
    context = await browser.new_context(
        viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True
    )
    page = await context.new_page()
    await log_in(page, base_url, "spv.jaksel", path)
    scroll = await page.evaluate("document.documentElement.scrollWidth")
    assert scroll <= 390, "nothing sticks out sideways"
    await page.screenshot(path=screenshots() / "case-actions-390-top.png")
    await page.locator(".card-timeline").scroll_into_view_if_needed()
    await page.screenshot(path=screenshots() / "case-actions-390-timeline.png")
    await page.get_by_role("link", name="Tindakan ↓").click()
    await page.locator("#status summary").click()
    await page.screenshot(path=screenshots() / "case-actions-390-actions.png")
    await page.screenshot(path=screenshots() / "case-actions-390-full.png", full_page=True)
    await page.goto(f"{base_url}{path}?lang=en")
    await page.locator("#reassign summary").click()
    await page.locator("#reassign").scroll_into_view_if_needed()
    await page.screenshot(path=screenshots() / "case-actions-en-390.png")
    assert await page.evaluate("document.documentElement.scrollWidth") <= 390
    await context.close()
