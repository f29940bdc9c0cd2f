"""Retention in Chromium, on a desk and a phone (screenshots in the test run's screenshot folder): the audit
page's note (when it last ran, what it did, under which limits) and an anonymised case's
page (what was removed, no forms)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta

import pytest
from aiohttp import web

from tests.admin.browser import BROWSER_TEST, chromium, log_in, screenshots
from tests.admin.seed import seed_reports, seed_staff
from tests.admin.serving import served
from tests.admin.test_admin_browser import ROWS
from tests.support.deps import make_deps
from tests.triage.services.cases.test_detail import REF, T0, seed_case
from triage.domain.retention import RetentionPolicy
from triage.services.retention.run import run_retention
from triage.storage.uow import UnitOfWorkFactory

pytestmark = BROWSER_TEST


@pytest.fixture
async def base_url(
    admin_app: web.Application, uow_factory: UnitOfWorkFactory
) -> AsyncIterator[str]:
    await seed_staff(uow_factory)
    await seed_reports(uow_factory, ROWS)
    await seed_case(uow_factory, status="closed", closed_at=T0)
    later = T0 + timedelta(days=400)
    await run_retention(make_deps(uow_factory, clock=lambda: later), RetentionPolicy())
    async with served(admin_app) as url:
        yield url


async def test_the_retention_note_and_an_anonymised_case_on_a_desk_and_a_phone(
    base_url: str,
) -> None:
    async with chromium() as browser:
        for width, height in ((1280, 800), (390, 844)):
            page = await browser.new_page(viewport={"width": width, "height": height})
            await log_in(page, base_url)
            await page.goto(f"{base_url}/audit")
            note = page.get_by_role("region", name="Retensi data")
            await note.wait_for()
            assert "1 kasus dianonimkan" in await note.inner_text()
            assert "365 hari setelah ditutup" in await note.inner_text()
            box = await note.bounding_box()
            assert box is not None and box["x"] + box["width"] <= width
            await page.screenshot(path=screenshots() / f"audit-retention-{width}x{height}.png")
            await page.goto(f"{base_url}/reports/{REF}")
            notice = page.get_by_text("Data pribadi kasus ini dihapus pada")
            await notice.wait_for()
            assert await page.locator("#actions, #override, #note").count() == 0
            await page.screenshot(
                path=screenshots() / f"case-anonymised-{width}x{height}.png", full_page=True
            )
            await page.close()
