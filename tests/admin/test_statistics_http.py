"""The statistics page over HTTP: tables in the viewer's regions, each saying what it counts,
no count from 1 to 4 in any cell, and bad fields answered beside them (400), never a 500."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from html import unescape

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer

from admin.web import create_admin_app
from tests.admin.conftest import SECRET_KEY
from tests.admin.seed import csrf_from, log_in, seed_staff
from tests.support.deps import Clock, make_deps
from tests.triage.services.statistics.seed import NOW, D, Filed, file_reports, refer
from tests.triage.services.statistics.test_overview import REPORTS, wib
from triage.storage.uow import UnitOfWorkFactory

Client = TestClient[web.Request, web.Application]
RANGE = "from=2026-09-01&to=2026-10-31"
BANDUNG_MORE = [
    Filed(wib(9, 12 + n), categories=["kekerasan_psikis"], age=14, sex="female",
          relation="school", contact=D, closure=40 * D, worker=f"Petugas {n % 2}",
          deadlines=["met", "met"])
    for n in range(7)
]  # fmt: skip
CELL = re.compile(r"<td[^>]*>(?:<strong>)?([^<]*)")


@pytest.fixture
async def client(uow_factory: UnitOfWorkFactory) -> AsyncIterator[Client]:
    await seed_staff(uow_factory)
    await file_reports(uow_factory, [*REPORTS, *BANDUNG_MORE])
    made = wib(9, 20)
    await refer(
        uow_factory,
        [
            ("32.73", "unit_ppa_polres", "accepted", 6, made),
            ("32.73", "puskesmas", "declined", 2, made),
        ],
    )
    app = create_admin_app(deps=make_deps(uow_factory, clock=Clock(NOW)), secret_key=SECRET_KEY)
    async with TestClient(TestServer(app)) as test_client:
        yield test_client


async def _page(client: Client, query: str = RANGE, status: int = 200) -> str:
    response = await client.get(f"/stats?{query}")
    text = await response.text()
    assert response.status == status, text[:500]
    return text


def cells(html: str) -> list[str]:
    return [unescape(text).strip() for text in CELL.findall(html)]


def no_small_count(html: str) -> None:
    for text in cells(html):
        assert not re.fullmatch(r"[1-4]", text), text
        held = re.search(r"\((\d+) kasus", text)
        assert held is None or int(held.group(1)) >= 5, text


async def test_the_admin_sees_every_table_saying_what_it_counts(client: Client) -> None:
    await log_in(client)
    html = await _page(client)

    assert "<h1>Statistik</h1>" in html
    assert "Provinsi menurut Jenis kekerasan, 2026" in html
    assert html.count("Angka menghitung laporan.") == 4  # counts, closure, contact, workload
    assert "Angka menghitung batas waktu SLA yang sudah jelas hasilnya." in html
    assert '<th scope="row">Jawa Barat</th>' in html
    assert '<th scope="col">TPPO/perdagangan orang</th>' in html
    assert "&lt; 5" in html and "×" in html
    no_small_count(html)
    # Kota Bandung's September is hidden with Kabupaten Bandung's single October case.
    assert '<th scope="row">Kab. Bandung, Jawa Barat</th>' in html


async def test_the_referrals_by_service_type_and_status(client: Client) -> None:
    await log_in(client)
    html = await _page(client)
    referrals = html[html.index('<section id="referrals"') :]

    assert "Rujukan menurut jenis layanan dan status, seluruh rentang" in referrals
    assert "Angka menghitung rujukan ke layanan." in referrals
    assert '<th scope="col">Jenis layanan</th>' in referrals
    assert '<th scope="col">Diterima layanan</th>' in referrals
    assert '<th scope="row">Unit PPA Polres</th>' in referrals
    assert '<th scope="row">Balai/Loka Rehabilitasi Sosial</th>' in referrals  # zeros too
    shown = cells(referrals)
    # Puskesmas' two declined hidden, and the 6 with them, or 8 - 6 would give them away.
    assert "< 5" in shown and "×" in shown and "8" in shown
    assert "2" not in shown and "6" not in shown
    no_small_count(referrals)


async def test_children_by_age_and_sex_per_month(client: Client) -> None:
    await log_in(client)
    query = f"{RANGE}&rows=age_band&columns=sex&period=month&unit=children"
    html = await _page(client, query)

    assert "Usia anak menurut Jenis kelamin anak, Sep 2026" in html
    assert "Usia anak menurut Jenis kelamin anak, Okt 2026" in html
    assert "Angka menghitung anak" in html
    assert '<th scope="row">13–17 tahun</th>' in html
    no_small_count(html)


async def test_a_supervisor_sees_only_their_regions(client: Client) -> None:
    await log_in(client, "spv.bandung")
    html = await _page(client, f"{RANGE}&rows=kabkota&columns=urgency")

    assert "Wilayah Anda saja." in html
    assert '<th scope="row">Kota Bandung, Jawa Barat</th>' in html
    assert "Jakarta" not in html and "Kab. Bandung" not in html
    assert "3 (9 kasus, 3 petugas)" in html  # September: Eka, Petugas 0 and Petugas 1


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("from=2026-13-01", "Tanggal tidak dikenali"),
        ("rows=sex&columns=sex", "Pilih dimensi kolom yang berbeda"),
        ("rows=planet", "Pilih salah satu pilihan dari daftar."),
        ("unit=cats", "Pilih salah satu pilihan dari daftar."),
        ("from=2026-10-01&to=2026-09-01", "Tanggal akhir lebih awal"),
        ("from=2000-01-01&to=2026-01-01", "Rentang paling panjang"),
    ],
)
async def test_bad_fields_are_explained(client: Client, query: str, message: str) -> None:
    await log_in(client)
    html = await _page(client, query, status=400)
    assert message in html and 'aria-invalid="true"' in html


async def test_in_english(client: Client) -> None:
    await log_in(client)
    token = csrf_from(await (await client.get("/stats")).text())
    await client.post("/language", data={"csrf_token": token, "lang": "en", "next": "/stats"})
    html = await _page(client)
    assert "<h1>Statistics</h1>" in html
    assert "Figures count reports." in html
