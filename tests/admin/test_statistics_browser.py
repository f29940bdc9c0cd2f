"""The statistics page in a real Chromium, at 1280 and 390 pixels wide, over a year of varied
reports: no visible cell holds a count below the threshold; screenshots to look at."""

from __future__ import annotations

import random
import re
from collections.abc import AsyncIterator
from datetime import timedelta

import pytest
from aiohttp import web

from admin.web import create_admin_app
from tests.admin.browser import BROWSER_TEST, chromium, log_in, screenshots
from tests.admin.conftest import SECRET_KEY
from tests.admin.seed import seed_staff
from tests.admin.serving import served
from tests.support.deps import Clock, make_deps
from tests.triage.services.statistics.seed import NOW, Filed, Referred, file_reports, refer
from triage.domain.model import Category
from triage.storage.uow import UnitOfWorkFactory

pytestmark = BROWSER_TEST
MINIMUM = 5
REGIONS = ["32.73"] * 9 + ["32.04"] * 6 + ["32.01"] * 3 + ["31.74"] * 5 + ["35.78"] * 4 + ["33.74"]
REFERRALS: list[Referred] = [
    ("32.73", "uptd_ppa", "completed", 12, NOW - timedelta(days=40)),
    ("32.73", "uptd_ppa", "sent", 6, NOW - timedelta(days=3)),
    ("32.04", "puskesmas", "accepted", 3, NOW - timedelta(days=20)),
    ("31.74", "unit_ppa_polres", "declined", 8, NOW - timedelta(days=60)),
    ("31.74", "lbh", "sent", 1, NOW - timedelta(days=2)),
]
# Every td's visible text; the counts of the workload's "(12 kasus, 3 petugas)".
VISIBLE_CELLS = """() => [...document.querySelectorAll('table.stat-table td')]
  .filter(td => td.checkVisibility()).map(td => td.innerText.trim())"""


def varied_reports(count: int, seed: int = 12) -> list[Filed]:
    rng = random.Random(seed)
    kinds = [c.value for c in Category]
    reports = []
    for n in range(count):
        received = NOW - timedelta(days=rng.uniform(1, 320))
        contact = timedelta(days=rng.expovariate(0.4)) if rng.random() < 0.8 else None
        closure = (
            timedelta(days=rng.expovariate(1 / 60)) if contact and rng.random() < 0.6 else None
        )
        reports.append(
            Filed(
                received,
                rng.choice(REGIONS),
                rng.sample(kinds, rng.choice((1, 1, 2))),
                age=rng.choice((None, rng.randint(0, 17))),
                sex=rng.choice(("female", "male", None)),
                relation=rng.choice(("family", "neighbour", "school", "self", "other", None)),
                urgency=rng.choice(("DARURAT", "TINGGI", "SEDANG", "SEDANG", "RENDAH")),
                children=rng.choice((None, None, 2, 3)),
                contact=contact,
                closure=closure,
                worker=f"Petugas {n % 11}" if rng.random() < 0.9 else None,
                deadlines=[rng.choice(("met", "met", "missed", "running")) for _ in range(3)],
            )
        )
    return reports


@pytest.fixture
async def base_url(uow_factory: UnitOfWorkFactory) -> AsyncIterator[str]:
    await seed_staff(uow_factory)
    await file_reports(uow_factory, varied_reports(500))
    await refer(uow_factory, REFERRALS)
    app: web.Application = create_admin_app(
        deps=make_deps(uow_factory, clock=Clock(NOW)), secret_key=SECRET_KEY, min_cases=MINIMUM
    )
    async with served(app) as url:
        yield url


def small_counts(cells: list[str]) -> list[str]:
    """Cells that show a count from 1 to MINIMUM - 1 (a share in % or a ratio is no count)."""
    found = []
    for text in cells:
        count = re.fullmatch(r"\d+", text.replace(".", ""))
        held = re.search(r"\((\d+) kasus", text)
        if (count and 0 < int(text.replace(".", "")) < MINIMUM) or (
            held and int(held.group(1)) < MINIMUM
        ):
            found.append(text)
    return found


async def _check(page, name: str) -> list[str]:
    cells = await page.evaluate(VISIBLE_CELLS)
    assert cells, "no table cells"
    assert small_counts(cells) == [], name
    await page.screenshot(path=screenshots() / f"{name}.png", full_page=True)
    return cells


async def test_browser_statistics_show_no_small_count(base_url: str) -> None:
    async with chromium() as browser:
        page = await browser.new_page(viewport={"width": 1280, "height": 900})
        await log_in(page, base_url, "admin", "/stats")
        assert await page.get_by_role("heading", name="Statistik", level=1).is_visible()
        cells = await _check(page, "admin-statistics-province-harm-1280")
        assert "< 5" in cells and "×" in cells  # something was small, and hidden with it
        assert any(re.fullmatch(r"\d+", c) and int(c) >= MINIMUM for c in cells)
        caption = page.get_by_text("Angka menghitung laporan.").first
        assert await caption.is_visible()
        referrals = page.get_by_role("table", name="Rujukan menurut jenis layanan")
        await referrals.scroll_into_view_if_needed()
        assert await referrals.get_by_role("rowheader", name="UPTD PPA").is_visible()

        await page.get_by_label("Baris", exact=True).select_option("age_band")
        await page.get_by_label("Kolom", exact=True).select_option("sex")
        await page.get_by_label("Periode", exact=True).select_option("quarter")
        await page.get_by_label("Yang dihitung").select_option("children")
        await page.get_by_role("button", name="Tampilkan").click()
        await page.wait_for_url("**/stats?*unit=children*")
        assert await page.get_by_text("Angka menghitung anak").first.is_visible()
        await _check(page, "admin-statistics-children-age-sex-quarter-1280")

        await page.goto(f"{base_url}/stats?rows=kabkota&columns=urgency&period=month")
        await _check(page, "admin-statistics-kabkota-urgency-month-1280")

        await page.get_by_label("Baris", exact=True).select_option("sex")
        await page.get_by_label("Kolom", exact=True).select_option("sex")
        await page.get_by_role("button", name="Tampilkan").click()
        await page.get_by_text("Pilih dimensi kolom yang berbeda").wait_for()
        await page.close()

        phone = await browser.new_context(
            viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True
        )
        mobile = await phone.new_page()
        await log_in(mobile, base_url, "spv.bandung", "/stats?rows=kabkota&columns=harm")
        assert await mobile.get_by_text("Wilayah Anda saja.").is_visible()
        cells = await _check(mobile, "supervisor-statistics-390")
        await phone.close()
