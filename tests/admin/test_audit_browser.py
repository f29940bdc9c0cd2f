"""The audit page's retention note in Chromium, on a desk and a phone: when it last ran,
what it did and under which limits, above the log (screenshots in test-artifacts/)."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from aiohttp import web

from tests.admin.seed import seed_reports, seed_staff
from tests.admin.serving import served
from tests.admin.test_admin_browser import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, ROWS, _log_in
from tests.support.deps import make_deps
from triage.domain.retention import RetentionPolicy
from triage.services.retention.run import run_retention
from triage.storage.uow import UnitOfWorkFactory

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not CHROMIUM.exists(), reason=f"Chromium not found at {CHROMIUM}"),
]


@pytest.fixture
async def base_url(
    admin_app: web.Application, uow_factory: UnitOfWorkFactory
) -> AsyncIterator[str]:
    await seed_staff(uow_factory)
    await seed_reports(uow_factory, ROWS)
    await run_retention(make_deps(uow_factory), RetentionPolicy())
    async with served(admin_app) as url:
        yield url


async def test_the_retention_note_on_a_desk_and_a_phone(base_url: str) -> None:
    from playwright.async_api import async_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS
        )
        try:
            for width, height in ((1280, 800), (390, 844)):
                page = await browser.new_page(viewport={"width": width, "height": height})
                await _log_in(page, base_url)
                await page.goto(f"{base_url}/audit")
                note = page.get_by_role("region", name="Retensi data")
                await note.wait_for()
                assert "0 kasus dianonimkan" in await note.inner_text()
                assert "365 hari setelah ditutup" in await note.inner_text()
                box = await note.bounding_box()
                assert box is not None and box["x"] + box["width"] <= width
                await page.screenshot(path=ARTIFACTS / f"audit-retention-{width}x{height}.png")
                await page.close()
        finally:
            await browser.close()
