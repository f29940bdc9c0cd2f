"""Accessibility of every admin page in a real Chromium: text contrast (WCAG AA), a label
for every form field, and keyboard use (every control reachable with Tab, its focus
visible). Charts are SVG with their numbers in a table beside them; SVG text is left out
of the contrast check (its colour is a fill, drawn over shapes rather than a background)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from aiohttp import web

from tests.admin.browser import BROWSER_TEST, chromium, log_in
from tests.admin.seed import seed_reports, seed_staff, seed_undelivered
from tests.admin.serving import served
from tests.admin.test_admin_browser import ROWS
from tests.triage.services.referrals.helpers import add_service
from triage.storage.uow import UnitOfWorkFactory

PAGES = [
    "/reports",
    "/reports?status=open&sort=urgency",
    f"/reports/{ROWS[1][0]}",
    "/dashboard",
    "/map",
    "/stats",
    "/stats?rows=age_band&columns=sex&period=month&unit=children",
    "/workers",
    "/workers/new",
    "/workers/import",
    "/workers/1",
    "/workers/1/deactivate",
    "/coverage",
    "/services",
    "/services/new",
    "/services/1",
    "/audit",
    "/account",
    "/staff",
]

pytestmark = BROWSER_TEST

# WCAG 2.1 relative luminance and contrast ratio; the background is the first opaque one
# up the tree, with translucent layers blended over it.
CONTRAST_FAILURES = """() => {
  const parse = c => {
    const m = c.match(/rgba?\\(([^)]+)\\)/);
    if (!m) return null;
    const p = m[1].split(/[ ,\\/]+/).filter(Boolean).map(Number);
    return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
  };
  const channel = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
  const luminance = c => 0.2126 * channel(c[0]) + 0.7152 * channel(c[1]) + 0.0722 * channel(c[2]);
  const over = (top, below) => [0, 1, 2].map(i => top[i] * top[3] + below[i] * (1 - top[3])).concat([1]);
  const background = el => {
    const layers = [];
    for (let e = el; e; e = e.parentElement) {
      const s = getComputedStyle(e);
      if (s.backgroundImage !== 'none') return null;
      const c = parse(s.backgroundColor);
      if (c && c[3] > 0) { layers.push(c); if (c[3] >= 1) break; }
    }
    return layers.reverse().reduce((below, top) => over(top, below), [255, 255, 255, 1]);
  };
  const failures = [];
  const seen = new Set();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const el = walker.currentNode.parentElement;
    if (!walker.currentNode.textContent.trim() || seen.has(el)) continue;
    seen.add(el);
    if (el.closest('svg') || el.closest('[disabled]')) continue;
    const s = getComputedStyle(el);
    const box = el.getBoundingClientRect();
    if (s.visibility === 'hidden' || box.width <= 1 || box.height <= 1) continue;
    const bg = background(el);
    const fg = parse(s.color);
    if (!bg || !fg) continue;
    const a = luminance(over(fg, bg)), b = luminance(bg);
    const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    const size = parseFloat(s.fontSize), bold = parseInt(s.fontWeight, 10) >= 700;
    const needed = size >= 24 || (bold && size >= 18.66) ? 3 : 4.5;
    if (ratio < needed - 0.005) {
      failures.push(`${el.tagName.toLowerCase()}.${el.className} "${el.textContent.trim().slice(0, 30)}" ${ratio.toFixed(2)} < ${needed} (${s.color} on rgb(${bg.slice(0, 3).map(Math.round)}))`);
    }
  }
  return failures;
}"""

UNLABELLED_FIELDS = """() => [...document.querySelectorAll('input, select, textarea')]
  .filter(f => f.type !== 'hidden' && f.type !== 'submit' && f.type !== 'button')
  .filter(f => f.getClientRects().length > 0)
  .filter(f => !(f.labels && f.labels.length) && !f.getAttribute('aria-label')
               && !f.getAttribute('aria-labelledby') && !f.getAttribute('title'))
  .map(f => f.outerHTML.slice(0, 80))"""

FOCUSED = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const s = getComputedStyle(el);
  const visible = (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0)
                  || s.boxShadow !== 'none';
  return {tag: el.tagName.toLowerCase(), text: (el.textContent || el.name || '').trim().slice(0, 30),
          visible};
}"""

FOCUSABLE = """() => [...document.querySelectorAll(
  'a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex]')]
  .filter(e => !e.disabled && e.tabIndex >= 0 && e.checkVisibility()).length"""


@pytest.fixture
async def base_url(
    admin_app: web.Application, uow_factory: UnitOfWorkFactory
) -> AsyncIterator[str]:
    await seed_staff(uow_factory)
    await seed_reports(uow_factory, ROWS)
    await seed_undelivered(uow_factory, ROWS[1][0], datetime.now(UTC) - timedelta(days=1))
    await add_service(uow_factory, "UPTD PPA Kota Bandung", "uptd_ppa", ["32.73"])
    async with served(admin_app) as url:
        yield url


async def test_every_page_has_contrast_labels_and_keyboard_focus(base_url: str) -> None:
    async with chromium() as browser:
        page = await browser.new_page(viewport={"width": 1280, "height": 800})
        await page.goto(f"{base_url}/login")
        problems = await _page_problems(page, "/login")
        await log_in(page, base_url)
        for path in PAGES:
            await page.goto(f"{base_url}{path}")
            assert page.url == f"{base_url}{path}", f"{path} went to {page.url}"
            problems += await _page_problems(page, path)
    assert problems == [], "\n".join(problems)


async def _page_problems(page: Any, path: str) -> list[str]:
    """What keeps one page from WCAG AA contrast, labelled fields and keyboard use."""
    problems = [f"{path}: contrast {f}" for f in await page.evaluate(CONTRAST_FAILURES)]
    problems += [f"{path}: no label {f}" for f in await page.evaluate(UNLABELLED_FIELDS)]
    return problems + await _keyboard_problems(page, path)


async def _keyboard_problems(page: Any, path: str) -> list[str]:
    """Tab from the top of the page through every control: each gets the focus, visibly."""
    reachable = await page.evaluate(FOCUSABLE)
    await page.evaluate("() => document.activeElement && document.activeElement.blur()")
    problems, reached, last = [], 0, None
    for _ in range(min(reachable, 60)):
        await page.keyboard.press("Tab")
        focused = await page.evaluate(FOCUSED)
        if focused is None:
            break
        reached, last = reached + 1, focused
        if not focused["visible"]:
            problems.append(f"{path}: focus not visible on {focused['tag']} {focused['text']!r}")
    if reached < min(reachable, 60):
        problems.append(f"{path}: Tab reached {reached} of {reachable} controls, last {last}")
    return problems
