"""The queue page over HTTP: columns, URL filters, bad input, sorting, keyset pages, scoping."""

from __future__ import annotations

import html
import re
from collections.abc import AsyncIterator
from datetime import timedelta
from urllib.parse import parse_qs

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer

from admin.web import create_admin_app
from tests.admin.conftest import SECRET_KEY
from tests.admin.seed import SECRET_DESCRIPTION, T0, log_in, seed_reports, seed_staff
from tests.support.deps import Clock, make_deps
from triage.storage.tables import Report, Worker
from triage.storage.uow import UnitOfWorkFactory

Client = TestClient[web.Request, web.Application]
NOW = T0 + timedelta(hours=6)
ROWS = [
    ("LS-2026-000001", "31.74", "RENDAH", None),
    ("LS-2026-000002", "32.73", "DARURAT", "<b>Budi</b>"),
    ("LS-2026-000003", "99.99", "TINGGI", None),
]


@pytest.fixture
async def client(uow_factory: UnitOfWorkFactory) -> AsyncIterator[Client]:
    """The admin on a clock fixed six hours after the first report."""
    app = create_admin_app(deps=make_deps(uow_factory, clock=Clock(NOW)), secret_key=SECRET_KEY)
    await seed_staff(uow_factory)
    async with TestClient(TestServer(app)) as test_client:
        yield test_client


def _references(page: str) -> list[str]:
    return re.findall(r">(LS-[\w-]+)</a></th>", page)


async def _page(client: Client, query: str = "", status: int = 200) -> str:
    response = await client.get(f"/reports{query}")
    assert response.status == status, await response.text()
    return await response.text()


def _links(page: str, rel: str) -> list[str]:
    return [html.unescape(m) for m in re.findall(rf'href="([^"]+)"[^>]*rel="{rel}"', page)]


async def test_lists_reports_most_urgent_first(client: Client, uow_factory: UnitOfWorkFactory):
    await seed_reports(uow_factory, ROWS)
    await log_in(client)

    page = await _page(client)

    assert _references(page) == ["LS-2026-000002", "LS-2026-000003", "LS-2026-000001"]
    assert "23 Nov 2026 08:00 WIB" in page
    assert "Kota Bandung" in page
    assert "Kota Jakarta Selatan" in page
    assert "99.99" in page  # unknown names fall back to the code
    assert '<span class="badge badge-darurat">DARURAT</span>' in page
    assert "Diterima petugas" in page
    assert ">Baru<" in page
    assert "Belum ditugaskan" in page
    assert "3 laporan." in page


async def test_report_text_is_never_shown_and_names_are_escaped(
    client: Client, uow_factory: UnitOfWorkFactory
) -> None:
    await seed_reports(uow_factory, ROWS)
    await log_in(client)

    page = await _page(client)

    assert "<script" not in page
    for secret in (SECRET_DESCRIPTION, "rahasia", "Jl. Melati", "6281234567890"):
        assert secret not in page
    assert "&lt;b&gt;Budi&lt;/b&gt;" in page
    assert "<b>Budi</b>" not in page


async def _seed_queue(uow_factory: UnitOfWorkFactory) -> dict[str, int]:
    """Six cases in three regions; two workers; one DARURAT overdue to accept at NOW."""
    async with uow_factory() as uow:
        sari = Worker(name="Sari", region_codes=["32.73"], created_at=T0, updated_at=T0)
        eko = Worker(name="Eko", region_codes=["31.74"], created_at=T0, updated_at=T0)
        uow.session.add_all([sari, eko])
        await uow.session.flush()
        rows = [
            ("LS-Q-0001", 0, "32.73", "DARURAT", "assigned", sari, ["penelantaran"]),
            ("LS-Q-0002", 1, "32.73", "SEDANG", "accepted", sari, ["napza"]),
            ("LS-Q-0003", 24, "32.04", "TINGGI", "new", None, ["penelantaran"]),
            ("LS-Q-0004", 26, "31.74", "RENDAH", "closed", eko, ["eksploitasi"]),
            ("LS-Q-0005", 27, "31.74", "TINGGI", "accepted", eko, ["napza"]),
            ("LS-Q-0006", 28, None, "SEDANG", "new", None, []),
        ]
        for reference, hours, kabkota, urgency, status, worker, categories in rows:
            received = T0 - timedelta(hours=30) + timedelta(hours=hours)
            uow.session.add(
                Report(
                    reference=reference, received_at=received, reporter_chat_id=hours,
                    kabkota_code=kabkota, urgency=urgency, status=status,
                    assigned_worker_id=worker.id if worker else None, categories=categories,
                    accepted_at=received + timedelta(minutes=5)
                    if status in ("accepted", "closed") else None,
                    first_contact_at=received + timedelta(minutes=9)
                    if status in ("accepted", "closed") else None,
                )
            )  # fmt: skip
        await uow.commit()
    return {"Sari": sari.id or 0, "Eko": eko.id or 0}


ALL = ["0001", "0005", "0003", "0006", "0002", "0004"]  # open first, most urgent, newest


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?status=open", ["0001", "0005", "0003", "0006", "0002"]),
        ("?status=closed", ["0004"]),
        ("?urgency=TINGGI", ["0005", "0003"]),
        ("?province=32", ["0001", "0003", "0002"]),
        ("?province=32&kabkota=32.73", ["0001", "0002"]),
        ("?kabkota=31.74", ["0005", "0004"]),
        ("?category=napza", ["0005", "0002"]),
        ("?unassigned=1", ["0003", "0006"]),
        ("?overdue=1", ["0001", "0003", "0006"]),
        ("?from=2026-11-22&to=2026-11-22", ["0001", "0002"]),  # whole days, in WIB
        ("?from=2026-11-23", ["0005", "0003", "0006", "0004"]),
        ("?to=2026-11-21", []),
        ("?q=ls-q-0004", ["0004"]),
        ("?q=q-000", ALL),
        ("?status=open&urgency=SEDANG&unassigned=1", ["0006"]),
        ("?status=&urgency=&province=&kabkota=&category=&worker=&q=&from=&to=", ALL),
    ],
)
async def test_url_filters(
    client: Client, uow_factory: UnitOfWorkFactory, query: str, expected: list[str]
) -> None:
    await _seed_queue(uow_factory)
    await log_in(client)

    page = await _page(client, query)

    assert _references(page) == [f"LS-Q-{n}" for n in expected]
    if not expected:
        assert "Tidak ada laporan yang cocok dengan filter ini." in page
    elif any(value for value in parse_qs(query[1:]).values()):
        assert f"{len(expected)} laporan cocok dengan filter ini." in page
    else:
        assert f"{len(expected)} laporan." in page


async def test_worker_filter_and_form_keep_what_was_chosen(
    client: Client, uow_factory: UnitOfWorkFactory
) -> None:
    ids = await _seed_queue(uow_factory)
    await log_in(client)
    query = (
        f"?worker={ids['Eko']}&status=open&urgency=TINGGI&province=31&kabkota=31.74"
        "&category=napza&overdue=&from=2026-11-01&to=2026-11-30&q=Q-0005&sort=received&dir=desc"
    )

    page = await _page(client, query)

    assert _references(page) == ["LS-Q-0005"]
    for chosen in (
        f'<option value="{ids["Eko"]}" selected>Eko</option>',
        '<option value="open" selected>',
        '<option value="TINGGI" selected>',
        '<option value="31" selected>',
        '<option value="31.74" selected>',
        '<option value="napza" selected>',
        'name="from" type="date" value="2026-11-01"',
        'name="to" type="date" value="2026-11-30"',
        'name="q" type="search" value="Q-0005"',
        '<option value="received" selected>Waktu masuk</option>',
        '<option value="desc" selected>Dibalik</option>',
    ):
        assert chosen in page, chosen
    assert '<option value="32.73"' not in page  # only the chosen province's kabupaten/kota


async def test_overdue_is_shown_by_colour_and_text(
    client: Client, uow_factory: UnitOfWorkFactory
) -> None:
    await _seed_queue(uow_factory)
    await log_in(client)

    page = await _page(client)

    rows = re.findall(r"<tr( class=\"row-overdue\")?>\s*<th[^>]*><a[^>]*>(LS-Q-\d+)<", page)
    assert {ref for cls, ref in rows if cls} == {"LS-Q-0001", "LS-Q-0003", "LS-Q-0006"}
    assert page.count('<span class="flag flag-late">⚠ Lewat tenggat</span>') == 3


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ("?status=bogus", "status", "Pilih status dari daftar."),
        ("?urgency=bogus", "urgency", "Pilih tingkat urgensi dari daftar."),
        ("?province=99", "province", "Pilih provinsi dari daftar."),
        ("?kabkota=99.99", "kabkota", "Pilih kabupaten/kota dari daftar."),
        ("?province=31&kabkota=32.73", "kabkota",
         "Kabupaten/kota ini tidak ada di provinsi yang dipilih."),
        ("?category=bogus", "category", "Pilih kategori dari daftar."),
        ("?worker=abc", "worker", "Pilih petugas dari daftar."),
        ("?worker=99999", "worker", "Pilih petugas dari daftar."),
        ("?worker=-1", "worker", "Pilih petugas dari daftar."),
        ("?from=2026-13-01", "from", "Tanggal tidak dikenali."),
        ("?to=kemarin", "to", "Tanggal tidak dikenali."),
        ("?from=0001-01-01", "from", "Tanggal tidak dikenali."),
        ("?to=9999-12-31", "to", "Tanggal tidak dikenali."),
        ("?q=%3Cscript%3E", "q", "Nomor laporan hanya berisi huruf, angka dan tanda hubung"),
        ("?q=" + "A" * 21, "q", "Nomor laporan hanya berisi huruf, angka dan tanda hubung"),
    ],
)  # fmt: skip
async def test_bad_input_is_explained_beside_the_field(
    client: Client, uow_factory: UnitOfWorkFactory, query: str, field: str, message: str
) -> None:
    await _seed_queue(uow_factory)
    await log_in(client)

    page = await _page(client, query, status=400)

    assert f'<p class="field-error" id="error-{field}">{message}' in page
    assert f'aria-describedby="error-{field}"' in page and 'aria-invalid="true"' in page
    assert "Ada filter yang belum bisa dipakai." in page
    assert "<table" not in page and "<script>" not in page


async def test_a_date_range_the_wrong_way_round_is_explained(
    client: Client, uow_factory: UnitOfWorkFactory
) -> None:
    await _seed_queue(uow_factory)
    await log_in(client)

    page = await _page(client, "?from=2026-11-23&to=2026-11-01", status=400)

    assert (
        '<p class="field-error" id="error-range">Tanggal awal (2026-11-23) jatuh sesudah tanggal'
        " akhir (2026-11-01). Tukar keduanya atau perbaiki salah satunya.</p>"
    ) in page
    assert 'name="from" type="date" value="2026-11-23"' in page  # kept as typed
    assert page.count('aria-invalid="true"') == 2


async def test_a_worker_and_unassigned_together_is_explained(
    client: Client, uow_factory: UnitOfWorkFactory
) -> None:
    ids = await _seed_queue(uow_factory)
    await log_in(client)

    page = await _page(client, f"?worker={ids['Sari']}&unassigned=1", status=400)

    assert "Pilih satu petugas atau “belum ditugaskan”, tidak keduanya." in page


async def test_typed_text_comes_back_escaped(
    client: Client, uow_factory: UnitOfWorkFactory
) -> None:
    await log_in(client)

    page = await _page(client, '?q="><img src=x onerror=alert(1)>&from="><b>', status=400)

    assert "<img" not in page and "<b>" not in page
    assert 'value="&#34;&gt;&lt;img src=x onerror=alert(1)&gt;"' in page


async def test_supervisor_sees_and_picks_only_their_regions(
    client: Client, uow_factory: UnitOfWorkFactory
) -> None:
    ids = await _seed_queue(uow_factory)
    await log_in(client, "spv.bandung")

    page = await _page(client)
    elsewhere = await _page(client, "?kabkota=31.74", status=400)
    province = await _page(client, "?province=31", status=400)
    worker = await _page(client, f"?worker={ids['Eko']}", status=400)

    assert _references(page) == ["LS-Q-0001", "LS-Q-0002"]
    assert re.findall(r'<option value="(\d\d)"', page) == ["32"]
    assert re.findall(r'<option value="(\d\d\.\d\d)"', page) == ["32.73"]
    assert ">Sari</option>" in page and ">Eko</option>" not in page
    assert "Pilih kabupaten/kota dari daftar." in elsewhere
    assert "Pilih provinsi dari daftar." in province
    assert "Pilih petugas dari daftar." in worker
    assert "LS-Q-0004" not in elsewhere + province + worker


async def test_column_headers_sort_both_ways_and_keep_filters(
    client: Client, uow_factory: UnitOfWorkFactory
) -> None:
    await _seed_queue(uow_factory)
    await log_in(client)

    page = await _page(client, "?status=open")
    by_received = await _page(client, "?status=open&sort=received")
    oldest_first = await _page(client, "?status=open&sort=received&dir=desc")
    by_worker = await _page(client, "?sort=worker")

    assert 'href="/reports?status=open&amp;sort=received">Waktu masuk' in page
    assert 'href="/reports?status=open&amp;sort=urgency">Urgensi' in page
    assert '<th scope="col" aria-sort="descending">' in by_received  # newest first
    assert 'href="/reports?status=open&amp;sort=received&amp;dir=desc">Waktu masuk' in by_received
    assert '<th scope="col" aria-sort="ascending">' in oldest_first
    assert _references(by_received) == ["LS-Q-0006", "LS-Q-0005", "LS-Q-0003", "LS-Q-0002",
                                        "LS-Q-0001"]  # fmt: skip
    assert _references(oldest_first) == _references(by_received)[::-1]
    assert _references(by_worker) == ["LS-Q-0006", "LS-Q-0003", "LS-Q-0005", "LS-Q-0004",
                                      "LS-Q-0002", "LS-Q-0001"]  # fmt: skip
    assert '<option value="worker" selected>Petugas</option>' in by_worker
    assert 'href="/reports?status=open">Urutan bawaan</a>' in by_received
    assert "Urutan bawaan" not in page


async def test_the_sort_fields_of_the_form_give_the_same_order(
    client: Client, uow_factory: UnitOfWorkFactory
) -> None:
    await _seed_queue(uow_factory)
    await log_in(client)

    from_form = await _page(client, "?status=open&sort=received&dir=desc&q=&from=")
    default = await _page(client, "?status=open&sort=&dir=")

    assert _references(from_form) == ["LS-Q-0001", "LS-Q-0002", "LS-Q-0003", "LS-Q-0005",
                                      "LS-Q-0006"]  # fmt: skip
    assert _references(default) == _references(await _page(client, "?status=open"))


async def test_an_unknown_sort_falls_back_to_the_default_order(
    client: Client, uow_factory: UnitOfWorkFactory
) -> None:
    await seed_reports(uow_factory, ROWS)
    await log_in(client)

    page = await _page(client, "?sort=description&dir=sideways")

    assert _references(page) == ["LS-2026-000002", "LS-2026-000003", "LS-2026-000001"]


async def test_pages_follow_links_and_keep_filters_and_order(
    client: Client, uow_factory: UnitOfWorkFactory
) -> None:
    rows = [(f"LS-2026-{n:06d}", "31.74", "SEDANG", None) for n in range(1, 56)]
    rows += [("LS-2026-999999", "31.74", "RENDAH", None)]
    await seed_reports(uow_factory, rows)
    await log_in(client)

    first = await _page(client, "?urgency=SEDANG&sort=received&dir=desc")  # oldest first
    [next_url] = _links(first, "next")
    second = await _page(client, next_url.removeprefix("/reports"))
    [third_url] = _links(second, "next")
    third = await _page(client, third_url.removeprefix("/reports"))
    [back_url] = _links(third, "prev")
    back = await _page(client, back_url.removeprefix("/reports"))

    assert next_url.startswith("/reports?urgency=SEDANG&sort=received&dir=desc&after=")
    assert _references(first) == [f"LS-2026-{n:06d}" for n in range(1, 26)]
    assert _references(second) == [f"LS-2026-{n:06d}" for n in range(26, 51)]
    assert _references(third) == [f"LS-2026-{n:06d}" for n in range(51, 56)]
    assert _references(back) == _references(second)
    assert "Menampilkan 26–50 dari 55 laporan" in second
    assert "Menampilkan 51–55 dari 55 laporan" in third
    assert _links(first, "prev") == [] and _links(third, "next") == []
    assert (
        'href="/reports?urgency=SEDANG&amp;sort=received&amp;dir=desc">⇤ Halaman pertama' in third
    )
    assert "55 laporan cocok dengan filter ini." in second


async def test_a_spoilt_page_link_shows_the_first_page_with_a_note(
    client: Client, uow_factory: UnitOfWorkFactory
) -> None:
    await seed_reports(uow_factory, ROWS)
    await log_in(client)

    for query in ("?after=bm90IGEgY3Vyc29y", "?before=%00%ff", "?after=" + "x" * 5000):
        page = await _page(client, query)
        assert "Tautan halaman itu sudah tidak berlaku." in page
        assert _references(page)[0] == "LS-2026-000002"


async def test_empty_states(client: Client, uow_factory: UnitOfWorkFactory) -> None:
    await log_in(client)

    empty = await _page(client)
    await seed_reports(uow_factory, ROWS)
    nothing = await _page(client, "?status=closed")

    assert "Belum ada laporan." in empty and "<table" not in empty
    assert "Tidak ada laporan yang cocok dengan filter ini." in nothing
    assert 'href="/reports">Hapus filter</a>' in nothing


async def test_the_csv_link_carries_the_filters_and_order(
    client: Client, uow_factory: UnitOfWorkFactory
) -> None:
    await seed_reports(uow_factory, ROWS)
    await log_in(client)

    page = await _page(client, "?urgency=TINGGI&sort=region&dir=desc")

    assert 'href="/reports.csv?urgency=TINGGI&amp;sort=region&amp;dir=desc" download>' in page


async def test_the_page_in_english(client: Client, uow_factory: UnitOfWorkFactory) -> None:
    await _seed_queue(uow_factory)
    await log_in(client)

    page = await _page(client, "?lang=en&overdue=1")
    bad = await _page(client, "?lang=en&from=2026-11-23&to=2026-11-01", status=400)

    assert "3 reports match these filters." in page and "⚠ Overdue" in page
    assert "The start date (2026-11-23) falls after the end date (2026-11-01)." in bad


async def test_the_form_url_drops_empty_fields_for_sharing(
    client: Client, uow_factory: UnitOfWorkFactory
) -> None:
    await seed_reports(uow_factory, ROWS)
    await log_in(client)

    response = await client.get(
        "/reports?q=&status=new&urgency=&province=&kabkota=&sort=&dir=", allow_redirects=False
    )

    assert response.status == 303
    assert response.headers["Location"] == "/reports?status=new"
