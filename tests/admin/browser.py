"""What every admin browser test shares: Debian's Chromium driven by Playwright, the folder its
screenshots go to (under the test run's temporary folder, named at the end of the run), and
logging in through the real form."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import pytest

from tests.admin.seed import PASSWORD

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
_SCREENSHOTS: dict[str, Path] = {}

BROWSER_TEST = [
    pytest.mark.slow,
    pytest.mark.skipif(not CHROMIUM.exists(), reason=f"Chromium not found at {CHROMIUM}"),
]


def use_screenshot_folder(folder: Path) -> None:
    _SCREENSHOTS["folder"] = folder


def screenshot_folder_in_use() -> Path | None:
    return _SCREENSHOTS.get("folder")


def screenshots() -> Path:
    """This test run's screenshot folder (set up by tests/admin/conftest.py)."""
    return _SCREENSHOTS["folder"]


@asynccontextmanager
async def chromium() -> AsyncIterator[Any]:
    """A headless Chromium for one test, closed whatever happens."""
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS
        )
        try:
            yield browser
        finally:
            await browser.close()


async def submit_login(page: Any, username: str, password: str = PASSWORD) -> None:
    await page.get_by_label("Nama pengguna").fill(username)
    await page.get_by_label("Kata sandi").fill(password)
    await page.get_by_role("button", name="Masuk").click()


async def log_in(
    page: Any,
    base_url: str,
    username: str = "admin",
    path: str = "/reports",
    *,
    lands: str | None = None,
    password: str = PASSWORD,
) -> None:
    """Open `path` (the login form, or a page that leads to it), log in, and wait to land on
    `lands` (by default back on `path`)."""
    await page.goto(f"{base_url}{path}")
    await submit_login(page, username, password)
    await page.wait_for_url(f"{base_url}{lands or path}")
