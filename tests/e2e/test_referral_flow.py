"""A worker refers a case to a service of the directory from Telegram, through the real bot
against the Bot API stand-in; the referral and its status show on the admin's case page."""

from __future__ import annotations

import re

import aiohttp
import pytest

from tests.e2e.harness import add_worker, running_app
from tests.e2e.helpers_worker import file_case
from triage.services.referrals.csv_rows import HEADER
from triage.services.referrals.directory import import_services_csv
from triage.services.staff.accounts import create_staff_user

pytestmark = pytest.mark.slow
SARI, WARGA = 2001, 1001
DIRECTORY = f"""{HEADER}
UPTD PPA Kota Jakarta Selatan,uptd_ppa,31.74,Jl. Contoh 1,021-555-0101,,,,2026-11-01
Unit PPA Polres Metro Jakarta Selatan,unit_ppa_polres,31,,021-555-0102,,,,
UPTD PPA Kota Bandung,uptd_ppa,32.73,,022-555-0103,,,,
"""


async def test_a_referral_from_telegram_shows_on_the_case_page(database_url: str) -> None:
    async with running_app(database_url) as app:
        imported = await import_services_csv(
            app.deps, DIRECTORY, app.deps.regions.directory, actor="test"
        )
        assert imported.created == 3
        await add_worker(app.uow, "Sari", SARI, ["31.74"])
        sari = app.stub.private_user(user_id=SARI, first_name="Sari", started=True)
        app.stub.private_user(user_id=WARGA, first_name="Warga", started=True)
        reference = await file_case(app, WARGA)

        await sari.wait_for(reference)
        await sari.press("✅ Terima")
        await sari.wait_for("Pelapor bersedia dihubungi")
        await sari.press("➡️ Dirujuk")
        types = await sari.wait_for("Pilih jenisnya")
        assert types.button_texts()[:2] == ["UPTD PPA", "Unit PPA Polres"]
        await sari.press("UPTD PPA")
        services = await sari.wait_for("Pilih layanannya")
        assert "UPTD PPA Kota Bandung" not in services.button_texts()
        await sari.press("UPTD PPA Kota Jakarta Selatan")
        await sari.wait_for("• UPTD PPA Kota Jakarta Selatan (UPTD PPA): terkirim")
        await sari.press("🔄 Rujukan: UPTD PPA Kota Jakarta Selatan")
        await sari.wait_for("Apa kabar terbarunya?")
        await sari.press("✅ Diterima layanan")
        await sari.wait_for("(UPTD PPA): diterima layanan")

        await create_staff_user(app.deps, "admin", "correct horse battery")
        async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as http:
            page = await (await http.get(f"{app.admin_url}/login")).text()
            token = re.search(r'name="csrf_token" value="([^"]+)"', page)
            assert token, page
            form = {
                "username": "admin",
                "password": "correct horse battery",
                "csrf_token": token.group(1),
            }
            async with http.post(f"{app.admin_url}/login", data=form) as response:
                assert response.status == 200
            case_page = await (await http.get(f"{app.admin_url}/reports/{reference}")).text()
        section = case_page.split('id="referrals-title"', 1)[1].split("</section>", 1)[0]
        assert "UPTD PPA Kota Jakarta Selatan" in section
        assert "diterima layanan" in section and "+62215550101" in section
        assert "Dirujuk ke layanan: UPTD PPA" in case_page
        assert "Status rujukan diubah dari terkirim ke diterima layanan" in case_page
        print(sari.transcript())
