"""The directory pages over HTTP: the list with the stale flag and the national lines, the form
with an error beside each bad field, editing, deactivation, escaping, and supervisors reading."""

from __future__ import annotations

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient

from admin.state import ADMIN
from admin.web import create_admin_app
from tests.admin.conftest import SECRET_KEY
from tests.admin.seed import csrf_from, log_in
from tests.support.deps import make_deps
from tests.triage.services.referrals.helpers import NOW, SERVICES, add_service, stored_services
from triage.services.common.deps import TriageDeps
from triage.services.referrals.directory import import_services_csv
from triage.storage.uow import UnitOfWorkFactory

Client = TestClient[web.Request, web.Application]
GOOD = {
    "name": "LKSA <b>Harapan</b>",
    "type": "lksa",
    "region_codes": "32.73",
    "address": "Jl. Contoh 9",
    "phone": "022-555-0199",
    "whatsapp": "",
    "hours": "24 jam",
    "services": "Pengasuhan sementara",
    "last_verified": "2020-01-01",
}


@pytest.fixture
def admin_app(uow_factory: UnitOfWorkFactory) -> web.Application:
    """The admin app on 1 Dec 2026, with services flagged after 90 days without a check."""
    deps = make_deps(uow_factory, clock=lambda: NOW, service_verified_days=90)
    return create_admin_app(deps=deps, secret_key=SECRET_KEY)


def _deps(client: Client) -> TriageDeps:
    return client.server.app[ADMIN].deps


async def _post(client: Client, path: str, **data: str) -> tuple[int, str, str]:
    token = csrf_from(await (await client.get("/services")).text())
    response = await client.post(path, data={"csrf_token": token, **data}, allow_redirects=False)
    return response.status, response.headers.get("Location", ""), await response.text()


async def test_the_list_flags_stale_services_and_shows_the_national_lines(
    client: Client,
) -> None:
    deps = _deps(client)
    await import_services_csv(deps, SERVICES, deps.regions.directory)
    await log_in(client, "spv.bandung")  # a supervisor may read the directory

    html = await (await client.get("/services")).text()

    assert "SAPA 129" in html and 'href="tel:112"' in html
    assert "UPTD PPA Kota Jakarta Selatan" in html and "Kota Jakarta Selatan" in html
    assert html.count("Perlu diperiksa ulang") == 2  # verified in 2024, and never
    assert "lebih dari 90 hari" in html
    assert "Tambah layanan" not in html and 'href="/services/1"' not in html
    english = await (await client.get("/services?lang=en")).text()
    assert "Directory of services" in english and "Check again" in english

    bandung = await (await client.get("/services?kabkota=3273")).text()
    assert "UPTD PPA Kota Bandung" in bandung and "LBH Jakarta" not in bandung
    jaksel = await (await client.get("/services?kabkota=31.74&stale=1")).text()
    assert "Puskesmas Kebayoran" in jaksel and "LBH Jakarta" not in jaksel
    assert "UPTD PPA Kota Jakarta Selatan" not in jaksel  # verified recently
    unknown = await (await client.get("/services?kabkota=99.99")).text()  # still in English
    assert "is not a known kabupaten/kota code" in unknown and "<table" not in unknown


async def test_an_admin_creates_edits_and_deactivates_a_service(
    client: Client, uow_factory: UnitOfWorkFactory
) -> None:
    await log_in(client)
    form = await (await client.get("/services/new")).text()
    assert '<select id="f-type" name="type"' in form and "Balai/Loka Rehabilitasi" in form
    bad = {**GOOD, "name": "", "region_codes": "32.99", "phone": "12", "type": "panti"}
    status, _, html = await _post(client, "/services", **bad)
    assert status == 400
    for field in ("name", "region_codes", "phone", "type"):
        assert f'id="f-{field}-error"' in html, field
    assert 'value="Jl. Contoh 9"' in html  # what was typed stays

    status, location, _ = await _post(client, "/services", **GOOD)
    assert (status, location) == (303, "/services")
    (stored,) = await stored_services(uow_factory)
    assert (stored.phone, stored.region_codes, stored.offers) == (
        "+62225550199",
        ["32.73"],
        "Pengasuhan sementara",
    )
    listing = await (await client.get("/services")).text()
    assert "Layanan ditambahkan." in listing and "LKSA &lt;b&gt;Harapan&lt;/b&gt;" in listing

    page = await (await client.get(f"/services/{stored.id}")).text()
    assert 'value="022' not in page and 'value="+62225550199"' in page
    status, _, html = await _post(client, "/services", **GOOD)
    assert status == 400 and "nama dan jenis yang sama" in html
    edited = {**GOOD, "region_codes": "32", "last_verified": "2026-13-01"}
    status, _, html = await _post(client, f"/services/{stored.id}", **edited)
    assert status == 400 and 'id="f-last_verified-error"' in html
    edited["last_verified"] = ""
    assert (await _post(client, f"/services/{stored.id}", **edited))[0] == 303
    assert (await _post(client, f"/services/{stored.id}/active", active="0"))[0] == 303
    (stored,) = await stored_services(uow_factory)
    assert (stored.region_codes, stored.last_verified, stored.active) == (["32"], None, False)
    assert "Nonaktif" in await (await client.get("/services")).text()
    assert (await _post(client, "/services/99/active", active="1"))[0] == 404
    assert (await client.get("/services/x1")).status == 404


async def test_a_long_directory_is_shown_a_page_at_a_time_keeping_the_filters(
    client: Client, uow_factory: UnitOfWorkFactory
) -> None:
    for n in range(230):
        await add_service(uow_factory, f"Puskesmas {n:03d}", "puskesmas", ["32.73"])
    await add_service(uow_factory, "Puskesmas Jakarta", "puskesmas", ["31.74"])
    await log_in(client)

    first = await (await client.get("/services")).text()
    assert "231 layanan" in first and "menampilkan 1–100" in first
    assert "Puskesmas 000" in first and "Puskesmas 100" not in first
    assert "Halaman 1 dari 3" in first and 'href="/services?page=2"' in first
    assert 'rel="prev"' not in first

    bandung = await (await client.get("/services?kabkota=32.73&page=3")).text()
    assert "230 layanan" in bandung and "menampilkan 201–230" in bandung
    assert "Puskesmas 229" in bandung and "Puskesmas Jakarta" not in bandung
    assert 'href="/services?kabkota=32.73&amp;page=2"' in bandung and 'rel="next"' not in bandung
    back = 'href="/services?kabkota=32.73"'  # page 1 is the list's own URL
    assert back in await (await client.get("/services?kabkota=32.73&page=2")).text()

    for wrong in ("99", "0", "-1", "dua"):  # past the end, or not a number: the nearest page
        html = await (await client.get(f"/services?page={wrong}")).text()
        assert ("Halaman 3 dari 3" if wrong == "99" else "Halaman 1 dari 3") in html

    short = await (await client.get("/services?kabkota=31.74")).text()
    assert "Halaman" not in short.split("</table>")[1] and "menampilkan" not in short
