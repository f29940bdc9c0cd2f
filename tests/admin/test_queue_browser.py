"""The queue in a real Chromium: filter, sort, page, a wrong date range, the CSV download; on a
desk screen and at 390 px. Screenshots go to the test run's screenshot folder to be looked at."""

from __future__ import annotations

import csv
import io
from collections.abc import AsyncIterator
from datetime import timedelta
from typing import Any

import pytest

from admin.web import create_admin_app
from tests.admin.browser import BROWSER_TEST, chromium, log_in, screenshots
from tests.admin.conftest import SECRET_KEY
from tests.admin.seed import T0, seed_staff
from tests.admin.serving import served
from tests.support.deps import Clock, make_deps
from triage.storage.tables import Report, Worker
from triage.storage.uow import UnitOfWorkFactory

NOW = T0 + timedelta(days=2)
REGIONS = ("32.73", "32.04", "32.01", "31.74", "31.71")
URGENCIES = ("DARURAT", "TINGGI", "SEDANG", "SEDANG", "RENDAH")
STATUSES = ("new", "assigned", "accepted", "contacted", "closed", "referred", "visited")
STORY = '=HYPERLINK("http://example.com") <img src=x onerror=alert(1)>'

pytestmark = BROWSER_TEST


async def _seed(uow_factory: UnitOfWorkFactory) -> None:
    """60 cases over two days in five kabupaten/kota, some late, some unassigned."""
    async with uow_factory() as uow:
        names = ("Sari Wulandari", "Eko Prasetyo", "Dewi Lestari", "=Budi Santoso")
        workers = [Worker(name=n, region_codes=[REGIONS[i]], created_at=T0, updated_at=T0)
                   for i, n in enumerate(names)]  # fmt: skip
        uow.session.add_all(workers)
        await uow.session.flush()
        for n in range(60):
            received = NOW - timedelta(minutes=47 * n + 5)
            status = STATUSES[n % len(STATUSES)]
            worker = None if status == "new" else workers[n % len(workers)]
            accepted = status not in ("new", "assigned")
            uow.session.add(
                Report(
                    reference=f"LS-{n:04d}-Q{n % 7}RT", received_at=received,
                    reporter_chat_id=n, kabkota_code=REGIONS[n % len(REGIONS)],
                    urgency=URGENCIES[n % len(URGENCIES)], status=status,
                    assigned_worker_id=worker.id if worker else None,
                    accepted_at=received + timedelta(minutes=10) if accepted else None,
                    first_contact_at=received + timedelta(minutes=40) if accepted else None,
                    categories=["penelantaran"] if n % 3 else ["kekerasan_fisik"],
                    description=STORY, address="Jl. Melati 7", contact_phone="+6281234567890",
                    contact_consent=True,
                )
            )  # fmt: skip
        await uow.commit()


@pytest.fixture
async def base_url(uow_factory: UnitOfWorkFactory) -> AsyncIterator[str]:
    app = create_admin_app(deps=make_deps(uow_factory, clock=Clock(NOW)), secret_key=SECRET_KEY)
    await seed_staff(uow_factory)
    await _seed(uow_factory)
    async with served(app) as url:
        yield url


async def _download_csv(page: Any, name: str) -> list[list[str]]:
    async with page.expect_download() as info:
        await page.get_by_role("link", name="Unduh CSV").click()
    download = await info.value
    target = screenshots() / name
    await download.save_as(target)
    return list(csv.reader(io.StringIO(target.read_text("utf-8-sig"), newline="")))


async def test_browser_queue_filter_sort_page_and_csv(base_url: str) -> None:
    async with chromium() as browser:
        await _desktop(browser, base_url)
        await _phone(browser, base_url)


async def _desktop(browser: Any, base_url: str) -> None:
    context = await browser.new_context(
        viewport={"width": 1280, "height": 900}, accept_downloads=True
    )
    page = await context.new_page()
    await log_in(page, base_url, "admin")
    rows = page.locator("table.reports tbody tr")
    assert await rows.count() == 25
    assert "60 laporan." in await page.locator(".results-count").inner_text()
    await page.screenshot(path=screenshots() / "queue-1280.png", full_page=True)

    await page.get_by_label("Status").select_option("open")
    await page.get_by_label("Provinsi").select_option("32")
    await page.get_by_label("Hanya yang lewat tenggat").check()
    await page.get_by_role("button", name="Terapkan").click()
    await page.wait_for_url("**/reports?*overdue=1*")
    assert "status=open" in page.url and "province=32" in page.url
    count = await rows.count()
    assert 0 < count < 25
    for n in range(count):
        assert "Lewat tenggat" in await rows.nth(n).inner_text()
    await page.screenshot(path=screenshots() / "queue-filtered-1280.png", full_page=True)

    table = await _download_csv(page, "queue-filtered.csv")
    assert len(table) == 1 + count
    assert table[0][-3:] == ["Cerita pelapor", "Alamat", "Telepon pelapor"]
    assert all(row[-3] == "'" + STORY and row[7] == "Ya" for row in table[1:])

    await page.get_by_role("link", name="Waktu masuk").click()
    await page.wait_for_url("**sort=received*")
    assert "overdue=1" in page.url
    assert (await page.locator("th[aria-sort=descending]").text_content() or "").split() == [
        "Waktu",
        "masuk",
        "▼",
    ]

    await page.get_by_role("link", name="Hapus filter").click()
    await page.get_by_role("link", name="Berikutnya").click()
    await page.wait_for_url("**after=*")
    assert "Menampilkan 26–50 dari 60 laporan" in await page.locator("caption").inner_text()
    await page.screenshot(path=screenshots() / "queue-page2-1280.png", full_page=True)

    await page.get_by_label("Dari tanggal").fill("2026-11-30")
    await page.get_by_label("Sampai tanggal").fill("2026-11-01")
    await page.get_by_role("button", name="Terapkan").click()
    await page.locator("#error-range").wait_for()
    assert await page.locator("table.reports").count() == 0
    await page.screenshot(path=screenshots() / "queue-date-error-1280.png", full_page=True)
    await context.close()


async def _phone(browser: Any, base_url: str) -> None:
    context = await browser.new_context(
        viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True,
        accept_downloads=True,
    )  # fmt: skip
    page = await context.new_page()
    await log_in(page, base_url, "spv.bandung")
    assert await page.locator("table.reports tbody tr").count() == 12
    width = await page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the page is {width} px wide at 390"
    await page.screenshot(path=screenshots() / "queue-supervisor-390.png", full_page=True)
    await page.screenshot(path=screenshots() / "queue-supervisor-390-top.png")
    await page.locator("tr.row-overdue").first.scroll_into_view_if_needed()
    await page.screenshot(path=screenshots() / "queue-supervisor-390-rows.png")

    await page.get_by_label("Urgensi").select_option("DARURAT")
    await page.get_by_role("button", name="Terapkan").click()
    await page.wait_for_url("**urgency=DARURAT*")
    await page.screenshot(path=screenshots() / "queue-supervisor-filtered-390.png", full_page=True)
    table = await _download_csv(page, "queue-supervisor.csv")
    assert table[0][-1] == "Ditutup (WIB)"  # no story or contact columns
    assert {row[4] for row in table[1:]} == {"32.73"}

    await page.goto(f"{base_url}/reports?from=2026-11-30&to=2026-11-01&lang=en")
    await page.locator("#error-range").scroll_into_view_if_needed()
    await page.screenshot(path=screenshots() / "queue-date-error-en-390.png")
    await context.close()
