"""The case page and the urgency override over HTTP: login, scoping, CSRF, escaping, audit."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta
from typing import Any

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient
from markupsafe import escape
from sqlmodel import col, select

from admin.presentation.case import CaseWords
from admin.web import create_admin_app
from tests.admin.browser import CHROMIUM, chromium, screenshots, submit_login
from tests.admin.conftest import SECRET_KEY
from tests.admin.seed import (
    SECRET_DESCRIPTION,
    csrf_from,
    log_in,
    region_name,
    seed_reports,
    seed_staff,
    seed_undelivered,
)
from tests.admin.serving import served
from tests.support.deps import make_deps
from tests.triage.services.cases.test_detail import REF, RULES, T0, seed_case
from tests.triage.services.cases.test_undelivered import seed_messages
from triage.domain.timezones import WIB
from triage.i18n import load_translator
from triage.storage.tables import AuditLog, CaseEvent, Report
from triage.storage.uow import UnitOfWorkFactory

Client = TestClient[web.Request, web.Application]
NOW = T0 + timedelta(hours=5)
PAGE = f"/reports/{REF}"
REASON = "Anak <i>sendirian</i> malam ini"


@pytest.fixture
def admin_app(uow_factory: UnitOfWorkFactory) -> web.Application:
    """The admin app with rules (SLA targets, overrides) and a clock five hours after T0."""
    deps = make_deps(uow_factory, clock=lambda: NOW, rules=RULES)
    return create_admin_app(deps=deps, secret_key=SECRET_KEY)


@pytest.mark.parametrize(
    ("span", "id_text", "en_text"),
    [
        (timedelta(seconds=59), "0 menit", "0 min"),
        (timedelta(minutes=15), "15 menit", "15 min"),
        (timedelta(hours=1), "1 jam", "1 h"),
        (timedelta(hours=3, minutes=5), "3 jam 5 menit", "3 h 5 min"),
        (timedelta(days=14), "14 hari", "14 d"),
        (timedelta(days=2, hours=3, minutes=59), "2 hari 3 jam", "2 d 3 h"),
    ],
)
def test_durations_in_two_units_at_most(span: timedelta, id_text: str, en_text: str) -> None:
    translator = load_translator()
    for lang, expected in (("id", id_text), ("en", en_text)):
        words = CaseWords(lang, translator, WIB, region_name)
        assert words.duration(span) == expected


async def _urgency(uow_factory: UnitOfWorkFactory) -> str:
    async with uow_factory() as uow:
        return (await uow.session.exec(select(col(Report.urgency)))).one()


async def _override(client: Client, urgency: str, reason: str, token: str | None = None) -> str:
    """Post the form with the page's CSRF token; returns the response text (redirects followed)."""
    token = token if token is not None else csrf_from(await (await client.get(PAGE)).text())
    data = {"csrf_token": token, "urgency": urgency, "reason": reason}
    response = await client.post(f"{PAGE}/urgency", data=data)
    return f"{response.status} {await response.text()}"


async def test_login_required(client: Client, uow_factory: UnitOfWorkFactory) -> None:
    await seed_case(uow_factory)
    response = await client.get(PAGE, allow_redirects=False)
    assert response.status == 303
    assert response.headers["Location"] == f"/login?next=/reports/{REF}"
    posted = await client.post(
        f"{PAGE}/urgency", data={"urgency": "DARURAT"}, allow_redirects=False
    )
    assert posted.status == 403  # no session, so no CSRF token: refused before the login check
    assert await _urgency(uow_factory) == "TINGGI"


async def test_the_list_links_to_the_case(client: Client, uow_factory: UnitOfWorkFactory) -> None:
    await seed_case(uow_factory)
    await log_in(client)
    assert f'<a href="/reports/{REF}">{REF}</a>' in await (await client.get("/reports")).text()


async def test_page_shows_the_case_with_the_story_escaped(
    client: Client, uow_factory: UnitOfWorkFactory
) -> None:
    await seed_case(uow_factory, description=SECRET_DESCRIPTION)
    await log_in(client, "spv.bandung")
    response = await client.get(PAGE)
    assert response.status == 200
    page = await response.text()
    assert "<script" not in page
    assert str(escape(SECRET_DESCRIPTION)) in page
    for expected in (
        '<span class="badge badge-tinggi">TINGGI</span>', "23 Nov 2026 08:00 WIB",
        "Kota Bandung", "Jl. Melati 7", "+628123", "Sari Wulandari (Petugas)",
        "Kasus ditolak: Lainnya", "sedang di luar kota", "Petugas menambahkan catatan",
        "Kontak pertama", "20 menit", "Target 1 jam", "Tepat waktu", "Batas penutupan kasus",
        "Ubah urgensi",
    ):  # fmt: skip
        assert expected in page, expected
    for hidden in ("catatan rahasia petugas", "AgACAgSECRET", "awaiting_input"):
        assert hidden not in page


async def test_undelivered_messages_are_shown_with_their_reason_in_both_languages(
    client: Client, uow_factory: UnitOfWorkFactory
) -> None:
    await seed_messages(uow_factory)
    await log_in(client, "spv.bandung")

    page = await (await client.get(PAGE)).text()
    english = await (await client.get(f"{PAGE}?lang=en")).text()

    section = page.split('id="undelivered-title"', 1)[1].split("</section>", 1)[0]
    for expected in (
        "Pesan Telegram belum sampai", "Sari Wulandari", "Dicoba lagi",
        "Telegram belum dapat dihubungi", "Pelapor", "Penerima memblokir bot",
        "Penerima yang tidak lagi terdaftar",
        "Telegram tidak dapat dihubungi setelah 12 kali percobaan",
    ):  # fmt: skip
        assert expected in section, expected
    assert section.count("Tidak terkirim") == 2
    assert "The recipient blocked the bot" in english
    assert "Telegram could not be reached in 12 tries" in english


async def test_a_case_without_undelivered_messages_has_no_such_section(
    client: Client, uow_factory: UnitOfWorkFactory
) -> None:
    await seed_case(uow_factory)
    await log_in(client)

    assert "Pesan Telegram belum sampai" not in await (await client.get(PAGE)).text()


async def test_no_phone_without_consent(client: Client, uow_factory: UnitOfWorkFactory) -> None:
    await seed_case(uow_factory, contact_consent=False)
    await log_in(client)
    page = await (await client.get(PAGE)).text()
    assert "+628123" not in page
    assert "Pelapor tidak bersedia dihubungi" in page


@pytest.mark.parametrize("reference", [REF, "LS-2026-000001", "tidak-ada"])
async def test_out_of_region_and_unknown_are_the_same_404(
    client: Client, uow_factory: UnitOfWorkFactory, reference: str
) -> None:
    await seed_case(uow_factory, kabkota_code="31.74")
    await log_in(client, "spv.bandung")
    response = await client.get(f"/reports/{reference}")
    assert response.status == 404
    assert "Halaman tidak ditemukan" in await response.text()
    token = csrf_from(await (await client.get("/reports")).text())
    assert (await _override(client, "DARURAT", "alasan", token)).startswith("404")
    assert await _urgency(uow_factory) == "TINGGI"


@pytest.mark.parametrize("token", ["", "wrong-token"])
async def test_override_needs_the_csrf_token(
    client: Client, uow_factory: UnitOfWorkFactory, token: str
) -> None:
    await seed_case(uow_factory)
    await log_in(client)
    assert (await _override(client, "DARURAT", "alasan", token)).startswith("403")
    assert await _urgency(uow_factory) == "TINGGI"


async def test_override_changes_urgency_and_shows_on_the_timeline(
    client: Client, uow_factory: UnitOfWorkFactory
) -> None:
    await seed_case(uow_factory)
    await log_in(client, "spv.bandung")
    token = csrf_from(await (await client.get(PAGE)).text())
    response = await client.post(
        f"{PAGE}/urgency",
        data={"csrf_token": token, "urgency": "DARURAT", "reason": REASON},
        allow_redirects=False,
    )
    assert (response.status, response.headers["Location"]) == (303, PAGE)
    page = await (await client.get(PAGE)).text()
    assert "Urgensi diubah ke DARURAT." in page
    assert '<span class="badge badge-darurat">DARURAT</span>' in page
    assert "Urgensi diubah dari TINGGI ke DARURAT" in page
    assert "Staf spv.bandung" in page
    assert str(escape(REASON)) in page
    assert "Urgensi diubah ke DARURAT." not in await (await client.get(PAGE)).text()
    assert await _urgency(uow_factory) == "DARURAT"
    async with uow_factory() as uow:
        event = (
            await uow.session.exec(select(CaseEvent).where(CaseEvent.kind == "urgency_override"))
        ).one()
    assert (event.actor, event.data["reason"]) == ("staff:spv.bandung", REASON)


@pytest.mark.parametrize(
    ("urgency", "reason", "message"),
    [
        ("DARURAT", "   ", "Tuliskan alasan perubahan urgensi."),
        ("TINGGI", "tetap", "Urgensi kasus ini sudah TINGGI. Pilih tingkat yang lain."),
        ("PALING", "alasan", "Pilih salah satu dari empat tingkat urgensi."),
        ("RENDAH", "x" * 501, "Alasannya terlalu panjang. Paling banyak 500 karakter."),
    ],
)
async def test_bad_input_is_explained_and_the_reason_kept(
    client: Client, uow_factory: UnitOfWorkFactory, urgency: str, reason: str, message: str
) -> None:
    await seed_case(uow_factory)
    await log_in(client)
    result = await _override(client, urgency, reason)
    assert result.startswith("400")
    assert f'<p class="alert" role="alert">{message}</p>' in result
    assert f">{reason}</textarea>" in result
    assert await _urgency(uow_factory) == "TINGGI"


async def test_views_are_audited(client: Client, uow_factory: UnitOfWorkFactory) -> None:
    await seed_case(uow_factory)
    await log_in(client)
    await client.get(PAGE)
    async with uow_factory() as uow:
        rows = (
            await uow.session.exec(select(AuditLog).where(AuditLog.action == "view_case"))
        ).all()
    assert [(row.actor, row.report_id is not None) for row in rows] == [("admin", True)]


@pytest.fixture
async def base_url(
    admin_app: web.Application, uow_factory: UnitOfWorkFactory
) -> AsyncIterator[str]:
    """The admin app on 127.0.0.1, on a free port, with one case and a quiet one in the list."""
    await seed_staff(uow_factory)
    await seed_case(uow_factory, description=SECRET_DESCRIPTION)
    await seed_reports(uow_factory, [("LS-2026-000101", "31.74", "RENDAH", None)])
    await seed_undelivered(uow_factory, REF, T0 + 2 * timedelta(hours=1))
    async with served(admin_app) as url:
        yield url


@pytest.mark.slow
@pytest.mark.skipif(not CHROMIUM.exists(), reason=f"Chromium not found at {CHROMIUM}")
async def test_browser_open_a_case_and_override_urgency(base_url: str) -> None:
    async with chromium() as browser:
        desktop = await browser.new_page(viewport={"width": 1280, "height": 800})
        await _open_and_override(desktop, base_url, "1280x800")
        phone = await browser.new_context(
            viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True
        )
        await _open_and_override(await phone.new_page(), base_url, "390x844")


async def _open_and_override(page: Any, base_url: str, size: str) -> None:
    """Log in, open the case from the list, raise or lower its urgency, screenshot each step."""
    await page.goto(f"{base_url}/reports")
    await submit_login(page, "admin")
    await page.wait_for_url(f"{base_url}/reports")
    await page.get_by_role("link", name=REF).click()
    await page.wait_for_url(f"{base_url}{PAGE}")
    assert await page.locator(".story").inner_text() == SECRET_DESCRIPTION
    await page.screenshot(path=screenshots() / f"admin-case-{size}.png", full_page=True)
    current = await page.locator(".case-meta .badge").inner_text()
    await _submit(page, current, "Tetap sama")
    assert "sudah" in await page.locator("#override").get_by_role("alert").inner_text()
    assert await page.locator("#override").get_by_label("Alasan").input_value() == "Tetap sama"
    await page.locator("#override").screenshot(
        path=screenshots() / f"admin-case-refused-{size}.png"
    )
    new = "DARURAT" if current != "DARURAT" else "SEDANG"
    await _submit(page, new, "Anak ditinggal sendirian malam ini, perlu segera.")
    await page.get_by_role("status").wait_for()
    assert await page.locator(".case-meta .badge").inner_text() == new
    assert f"Urgensi diubah dari {current} ke {new}" in await page.locator(".timeline").inner_text()
    await page.screenshot(path=screenshots() / f"admin-case-overridden-{size}.png", full_page=True)
    await page.goto(f"{base_url}{PAGE}?lang=en")
    await page.screenshot(path=screenshots() / f"admin-case-en-{size}.png", full_page=True)


async def _submit(page: Any, urgency: str, reason: str) -> None:
    form = page.locator("#override")  # the page has other forms with a reason too
    await form.get_by_label("Urgensi baru").select_option(urgency)
    await form.get_by_label("Alasan").fill(reason)
    await page.get_by_role("button", name="Simpan urgensi").click()
    await page.wait_for_load_state()
