"""The dashboard over HTTP: figures in the viewer's regions, small counts hidden, names and
stories never unescaped, and every bad field answered beside it (400), never a 500."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from datetime import datetime

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer
from sqlmodel import col, select

from admin.views import dashboard as dashboard_view
from admin.web import create_admin_app
from tests.admin.conftest import SECRET_KEY
from tests.admin.seed import log_in, seed_staff
from tests.support.deps import Clock, make_deps
from tests.triage.services.dashboard.seed import NOW, Case, H, M, seed_cases
from tests.triage.services.dashboard.test_overview import CASES, wib
from triage.storage.tables import OutboxMessage, Report
from triage.storage.uow import UnitOfWorkFactory

Client = TestClient[web.Request, web.Application]
PERIOD = "from=2026-11-02&to=2026-11-22"
NASTY_WORKER = "<script>alert('w')</script>"


async def dashboard_client(uow_factory: UnitOfWorkFactory, minimum: int) -> AsyncIterator[Client]:
    await seed_staff(uow_factory)
    extra = Case("LS-X", "32.73", "TINGGI", wib(20, 8), "accepted", 5 * M, None, None,
                 NASTY_WORKER, {"accept": "met"})  # fmt: skip
    await seed_cases(uow_factory, [*CASES, extra])
    app = create_admin_app(
        deps=make_deps(uow_factory, clock=Clock(NOW)), secret_key=SECRET_KEY, min_cases=minimum
    )
    async with TestClient(TestServer(app)) as client:
        yield client


@pytest.fixture
async def dash(uow_factory: UnitOfWorkFactory) -> AsyncIterator[Client]:
    async for client in dashboard_client(uow_factory, minimum=5):
        yield client


@pytest.fixture
async def dash_min1(uow_factory: UnitOfWorkFactory) -> AsyncIterator[Client]:
    async for client in dashboard_client(uow_factory, minimum=1):
        yield client


async def _page(client: Client, query: str = PERIOD, status: int = 200) -> str:
    response = await client.get(f"/dashboard?{query}")
    text = await response.text()
    assert response.status == status, text[:500]
    return text


def _cells(html: str, row_label: str) -> list[str]:
    """The cells of the first table row whose header is `row_label`, as plain text."""
    match = re.search(
        rf"<th scope=\"row\"[^>]*>(?:<[^>]+>)*{re.escape(row_label)}(.*?)</tr>", html, re.S
    )
    assert match, row_label
    return [
        " ".join(re.sub(r"<[^>]+>", " ", cell).split())
        for cell in re.findall(r"<td[^>]*>(.*?)</td>", match.group(1), re.S)
    ]


async def test_the_dashboard_shows_open_cases_times_and_breaches(dash: Client) -> None:
    await log_in(dash)

    html = await _page(dash)

    assert "<h1>Dasbor</h1>" in html
    assert "7 kasus belum ditutup" in html
    assert html.count('<svg xmlns="http://www.w3.org/2000/svg"') == 8
    assert html.count('<table class="stats') == 9
    # Open cases by status and urgency: DARURAT, TINGGI, SEDANG, RENDAH, total.
    assert _cells(html, "Menunggu diterima") == ["1", "0", "0", "0", "1"]
    assert "15 menit" in html and "lewat target" in html and "sesuai target" in html
    assert '<strong>67%</strong><span class="tally-detail">2 dari 3</span>' in html
    assert "2 Nov" in html and "16 Nov" in html


async def test_regions_below_the_minimum_read_fewer_than_five(dash: Client) -> None:
    await log_in(dash)

    html = await _page(dash)

    bandung = _cells(html, "Kota Bandung, Jawa Barat")
    assert bandung[:3] == ["5", "5", "44% 4 dari 9"]  # five cases: figures shown
    assert _cells(html, "Kota Jakarta Selatan, DKI Jakarta")[:3] == [
        "&lt; 5", "&lt; 5", "Terlalu sedikit kasus untuk dihitung (kurang dari 5).",
    ]  # fmt: skip


async def test_a_configured_minimum_of_one_shows_every_figure(dash_min1: Client) -> None:
    await log_in(dash_min1)

    html = await _page(dash_min1)

    assert "Terlalu sedikit kasus" not in html
    assert _cells(html, "Kota Jakarta Selatan, DKI Jakarta")[:2] == ["1", "1"]


async def test_a_supervisor_sees_only_their_regions(dash: Client) -> None:
    await log_in(dash, "spv.bandung")

    html = await _page(dash)

    assert "Wilayah Anda saja." in html
    assert "Kota Jakarta Selatan" not in html and "Sari" not in html
    assert "5 kasus belum ditutup" in html


async def give_up(
    uow_factory: UnitOfWorkFactory, key: str, reference: str | None, at: datetime
) -> None:
    """An outbox message about the case `reference` (or none), given up at `at`."""
    async with uow_factory() as uow:
        report_id = None
        if reference is not None:
            query = select(col(Report.id)).where(col(Report.reference) == reference)
            report_id = (await uow.session.exec(query)).one()
        uow.session.add(
            OutboxMessage(
                dedup_key=key, created_at=at, chat_id=77, text="", report_id=report_id,
                status="undeliverable", next_attempt_at=at, failure="blocked", failed_at=at,
            )
        )  # fmt: skip
        await uow.commit()


@pytest.fixture
async def given_up(uow_factory: UnitOfWorkFactory, dash: Client) -> Client:
    """Messages given up in the period about LS-A (Bandung) twice and LS-E (Jakarta), one
    about no case, and one about LS-B before the period."""
    in_period = wib(20, 9)
    for key, reference, at in [
        ("a1", "LS-A", in_period), ("a2", "LS-A", in_period - H), ("e", "LS-E", in_period),
        ("none", None, in_period), ("early", "LS-B", wib(1, 9)),
    ]:  # fmt: skip
        await give_up(uow_factory, key, reference, at)
    return dash


async def test_undelivered_messages_of_the_period_with_their_cases(given_up: Client) -> None:
    await log_in(given_up)

    html = await _page(given_up)

    section = html.split('id="undelivered"', 1)[1].split("</section>", 1)[0]
    assert "3 pesan tentang kasus berikut:" in section
    assert re.findall(r'href="/reports/(LS-\w)"', section) == ["LS-E", "LS-A"]
    assert "Ditambah 1 pesan yang tidak tentang satu kasus" in section


async def test_a_supervisor_counts_only_undelivered_messages_of_their_cases(
    given_up: Client,
) -> None:
    await log_in(given_up, "spv.bandung")

    html = await _page(given_up)

    section = html.split('id="undelivered"', 1)[1].split("</section>", 1)[0]
    assert "2 pesan tentang kasus berikut:" in section
    assert re.findall(r'href="/reports/(LS-\w)"', section) == ["LS-A"]
    assert "tidak tentang satu kasus" not in section


async def test_without_undelivered_messages_the_dashboard_says_so(dash: Client) -> None:
    await log_in(dash)

    html = await _page(dash)

    assert "Semua pesan tentang kasus sudah terkirim atau masih dicoba." in html


async def test_names_are_escaped_and_stories_never_shown(dash: Client) -> None:
    await log_in(dash)

    html = await _page(dash)

    assert NASTY_WORKER not in html and "<script" not in html
    assert "&lt;script&gt;alert(&#39;w&#39;)&lt;/script&gt;" in html
    assert "rahasia" not in html  # the seeded stories


async def test_one_urgency_narrows_the_page(dash: Client) -> None:
    await log_in(dash)

    html = await _page(dash, f"{PERIOD}&urgency=DARURAT")

    assert '<option value="DARURAT" selected>' in html
    assert "3 kasus belum ditutup" not in html and "2 kasus belum ditutup" in html


async def test_english(dash: Client) -> None:
    await log_in(dash)

    html = await _page(dash, f"{PERIOD}&lang=en")

    assert "<h1>Dashboard</h1>" in html and "Open cases now" in html and "2 of 3" in html


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ("from=2026-11-22&to=2026-11-02", "to", "Tanggal akhir (2026-11-02) lebih awal dari tanggal mulai (2026-11-22)"),
        ("from=kemarin", "from", "Tanggal tidak dikenali"),
        ("to=0000-01-01", "to", "Tanggal tidak dikenali"),
        ("from=0001-01-01", "from", "Pilih tanggal antara tahun 2000 dan 2100"),
        ("from=2026-13-45&to=%00", "from", "Tanggal tidak dikenali"),
        ("from=2020-01-01&to=2026-01-01", "to", "Rentang paling panjang 731 hari"),
        ("urgency=%3Cscript%3E", "urgency", "Pilih salah satu dari empat tingkat urgensi"),
    ],
)  # fmt: skip
async def test_bad_fields_are_explained_beside_them(dash: Client, query, field, message) -> None:
    await log_in(dash)

    html = await _page(dash, query, status=400)

    error = re.search(rf'<p class="field-error" id="error-{field}">(.*?)</p>', html, re.S)
    assert error and message in error.group(1)
    assert f'aria-describedby="error-{field}"' in html
    assert "<svg" not in html and "<script" not in html


async def test_a_range_the_wrong_way_round_offers_the_swap(dash: Client) -> None:
    await log_in(dash)

    html = await _page(dash, "from=2026-11-22&to=2026-11-02", status=400)

    assert 'value="2026-11-22"' in html and 'value="2026-11-02"' in html  # as typed
    assert "from=2026-11-02&amp;to=2026-11-22" in html
    assert (await _page(dash, "from=2026-11-02&to=2026-11-22")).count("<svg") == 8


async def test_the_default_period_is_the_last_twelve_weeks(dash: Client) -> None:
    await log_in(dash)

    html = await _page(dash, "")

    assert 'value="2026-09-07"' in html and 'value="2026-11-23"' in html
    assert "7 Sep 2026 – 23 Nov 2026" in html
    assert H  # the seeded cases' hours helper is in use


async def test_long_rankings_are_cut_with_a_link_to_every_row(
    dash: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(dashboard_view, "FIRST_ROWS", 1)
    await log_in(dash)

    html = await _page(dash)

    assert "Kabupaten/kota · 1 teratas dari 3" in html
    assert f"/dashboard?{PERIOD.replace('&', '&amp;')}&amp;rows=all" in html
    every = await _page(dash, f"{PERIOD}&rows=all")
    assert "teratas dari" not in every
    assert "Tampilkan semua" not in every
