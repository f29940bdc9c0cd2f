"""The case map over HTTP: a choropleth of kabupaten/kota linked to the queue, tooltips with
names and counts (escaped, "< 5" for small ones), the viewer's province, and bad fields."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from datetime import timedelta

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer

from admin.web import create_admin_app
from tests.admin.conftest import SECRET_KEY
from tests.admin.seed import log_in, seed_staff
from tests.support.deps import Clock, make_deps, real_regions
from tests.triage.services.dashboard.seed import NOW, Case, seed_cases
from tests.triage.services.dashboard.test_overview import CASES
from triage.services.regions.lookup import DirectoryLookup
from triage.storage.uow import UnitOfWorkFactory

Client = TestClient[web.Request, web.Application]
NASTY = "<script>alert('peta')</script> & <img src=x onerror=alert(1)>"


class NastyNames(DirectoryLookup):
    """The real directory, except that Kota Bandung's name is markup."""

    def name(self, code: str) -> str | None:
        return NASTY if code == "32.73" else super().name(code)


@pytest.fixture
async def map_client(uow_factory: UnitOfWorkFactory) -> AsyncIterator[Client]:
    await seed_staff(uow_factory)
    await seed_cases(uow_factory, CASES)
    regions = NastyNames(real_regions().directory)
    deps = make_deps(uow_factory, clock=Clock(NOW), regions=regions)
    app = create_admin_app(deps=deps, secret_key=SECRET_KEY)
    async with TestClient(TestServer(app)) as client:
        yield client


async def _page(client: Client, query: str = "", status: int = 200) -> str:
    response = await client.get(f"/map?{query}")
    text = await response.text()
    assert response.status == status, text[:500]
    return text


def _links(html: str) -> list[str]:
    return re.findall(r'<a href="(/reports\?kabkota=[^"]+)"><title>', html)


async def test_an_admin_sees_the_country_with_every_region_linked(map_client: Client) -> None:
    await log_in(map_client)

    html = await _page(map_client)

    assert "<h1>Peta kasus</h1>" in html
    assert len(_links(html)) == 514
    assert "/reports?kabkota=32.73" in _links(html)
    assert "<title>Kota Jakarta Selatan, DKI Jakarta: &lt; 5 kasus terbuka</title>" in html
    assert "<title>Kab. Aceh Selatan, Aceh: 0 kasus terbuka</title>" in html
    assert "1 kasus tidak tampil di peta" in html  # LS-G: its place is not known yet
    assert "wilayah_boundaries oleh Cahya DSN" in html


async def test_tooltips_and_the_table_escape_names(map_client: Client) -> None:
    await log_in(map_client)

    html = await _page(map_client)

    escaped = "&lt;script&gt;alert(&#39;peta&#39;)&lt;/script&gt; &amp; &lt;img src=x onerror=alert(1)&gt;"
    assert f"<title>{escaped}: &lt; 5 kasus terbuka</title>" in html
    assert f'<a href="/reports?kabkota=32.73">{escaped}</a>' in html  # in the table
    assert "<script" not in html and "<img" not in html
    assert "rahasia" not in html


async def test_a_supervisor_sees_their_province_with_others_outside(map_client: Client) -> None:
    await log_in(map_client, "spv.bandung")

    html = await _page(map_client)

    assert _links(html) == ["/reports?kabkota=32.73"]
    assert html.count('<g class="map-outside">') == 26  # the rest of Jawa Barat
    assert "<title>Kab. Bogor, Jawa Barat: di luar wilayah Anda</title>" in html
    assert '<option value="32" selected>' in html
    assert "Seluruh Indonesia</option>" not in html  # one province: nothing else to choose
    assert "Kota Jakarta Selatan" not in html


async def test_the_accept_breaches_of_a_period(map_client: Client) -> None:
    await log_in(map_client)

    html = await _page(
        map_client, "layer=accept_breaches&province=32&from=2026-11-02&to=2026-11-22"
    )

    assert '<input type="radio" name="layer" value="accept_breaches" checked>' in html
    assert "2 Nov 2026 – 22 Nov 2026" in html
    assert "batas terima terlewati</title>" in html
    assert len(_links(html)) == 27


async def test_english(map_client: Client) -> None:
    await log_in(map_client)

    html = await _page(map_client, "province=31&lang=en")

    assert "<h1>Case map</h1>" in html
    assert "<title>Kota Jakarta Selatan, DKI Jakarta: &lt; 5 open cases</title>" in html


@pytest.mark.parametrize(
    ("user", "query", "field", "message"),
    [
        ("admin", "layer=everything", "layer", "Pilih salah satu peta"),
        ("admin", "province=99", "province", "Pilih provinsi dari daftar"),
        ("spv.bandung", "province=31", "province", "Pilih provinsi dari daftar"),
        ("admin", "layer=accept_breaches&from=2026-11-22&to=2026-11-02", "to", "lebih awal"),
        ("admin", "from=bukan-tanggal", "from", "Tanggal tidak dikenali"),
    ],
)
async def test_bad_fields_are_explained_beside_them(
    map_client, user, query, field, message
) -> None:
    await log_in(map_client, user)

    html = await _page(map_client, query, status=400)

    error = re.search(rf'<p class="field-error" id="error-{field}">(.*?)</p>', html, re.S)
    assert error and message in error.group(1)
    assert "<svg" not in html


async def test_a_repeated_view_shows_what_changed_since(
    map_client: Client, uow_factory: UnitOfWorkFactory
) -> None:
    await log_in(map_client)
    before = await _page(map_client, "province=31")
    again = await _page(map_client, "province=31")  # drawn once, shown again

    more = [Case(f"LS-N{n}", "31.74", "TINGGI", NOW - timedelta(days=1)) for n in range(6)]
    await seed_cases(uow_factory, more)
    after = await _page(map_client, "province=31")

    tooltip = "<title>Kota Jakarta Selatan, DKI Jakarta: {} kasus terbuka</title>"
    assert tooltip.format("&lt; 5") in before and before == again
    assert tooltip.format("7") in after
    assert '<td data-label="Kasus terbuka">7</td>' in after
