"""The report list page over HTTP: columns, order, filters, scoping, escaping, pagination."""

from __future__ import annotations

import re

from aiohttp import web
from aiohttp.test_utils import TestClient

from tests.admin.seed import SECRET_DESCRIPTION, log_in, seed_reports
from triage.storage.uow import UnitOfWorkFactory

Client = TestClient[web.Request, web.Application]
ROWS = [
    ("LS-2026-000001", "31.74", "RENDAH", None),
    ("LS-2026-000002", "32.73", "DARURAT", "<b>Budi</b>"),
    ("LS-2026-000003", "99.99", "TINGGI", None),
]


def _references(html: str) -> list[str]:
    return re.findall(r">(LS-2026-\d{6})<", html)


async def _page(client: Client, query: str = "") -> str:
    response = await client.get(f"/reports{query}")
    assert response.status == 200
    return await response.text()


async def test_lists_reports_most_urgent_first(client: Client, uow_factory: UnitOfWorkFactory):
    await seed_reports(uow_factory, ROWS)
    await log_in(client)

    html = await _page(client)

    assert _references(html) == ["LS-2026-000002", "LS-2026-000003", "LS-2026-000001"]
    assert "23 Nov 2026 08:00 WIB" in html
    assert "Kota Bandung" in html
    assert "Kota Jakarta Selatan" in html
    assert "99.99" in html  # unknown names fall back to the code
    assert '<span class="badge badge-darurat">DARURAT</span>' in html
    assert "Diterima petugas" in html
    assert ">Baru<" in html
    assert "Belum ditugaskan" in html


async def test_report_text_is_never_shown_and_names_are_escaped(
    client: Client, uow_factory: UnitOfWorkFactory
) -> None:
    await seed_reports(uow_factory, ROWS)
    await log_in(client)

    html = await _page(client)

    assert "<script" not in html
    for secret in (SECRET_DESCRIPTION, "rahasia", "Jl. Melati", "6281234567890"):
        assert secret not in html
    assert "&lt;b&gt;Budi&lt;/b&gt;" in html
    assert "<b>Budi</b>" not in html


async def test_filters(client: Client, uow_factory: UnitOfWorkFactory) -> None:
    await seed_reports(uow_factory, ROWS)
    await log_in(client)

    assert _references(await _page(client, "?urgency=DARURAT")) == ["LS-2026-000002"]
    assert _references(await _page(client, "?status=new&urgency=")) == [
        "LS-2026-000003",
        "LS-2026-000001",
    ]
    assert len(_references(await _page(client, "?urgency=bogus&page=x"))) == 3
    nothing = await _page(client, "?status=closed")
    assert "Tidak ada laporan yang cocok dengan filter ini." in nothing


async def test_selected_filter_is_kept_in_the_form(
    client: Client, uow_factory: UnitOfWorkFactory
) -> None:
    await seed_reports(uow_factory, ROWS)
    await log_in(client)

    html = await _page(client, "?urgency=TINGGI")

    assert '<option value="TINGGI" selected>' in html


async def test_supervisor_sees_only_their_region(
    client: Client, uow_factory: UnitOfWorkFactory
) -> None:
    await seed_reports(uow_factory, ROWS)
    await log_in(client, "spv.bandung")

    assert _references(await _page(client)) == ["LS-2026-000002"]


async def test_empty_state(client: Client) -> None:
    await log_in(client)

    html = await _page(client)

    assert "Belum ada laporan." in html
    assert "<table" not in html


async def test_pagination_keeps_filters(client: Client, uow_factory: UnitOfWorkFactory) -> None:
    rows = [(f"LS-2026-{n:06d}", "31.74", "SEDANG", None) for n in range(1, 31)]
    await seed_reports(uow_factory, rows)
    await log_in(client)

    first = await _page(client, "?urgency=SEDANG")
    second = await _page(client, "?urgency=SEDANG&page=2")

    assert len(_references(first)) == 25
    assert 'href="/reports?urgency=SEDANG&amp;page=2"' in first
    assert _references(second) == [f"LS-2026-{n:06d}" for n in range(5, 0, -1)]
    assert "Menampilkan 26–30 dari 30 laporan" in second
