"""The coverage page over HTTP: gaps shown in words, scope, and all 514 for admins."""

from __future__ import annotations

import re

from aiohttp import web
from aiohttp.test_utils import TestClient

from admin.state import ADMIN
from tests.admin.seed import log_in
from tests.bot.cases import file_case
from tests.triage.services.workers.staffing import add

Client = TestClient[web.Request, web.Application]


def _rows(html: str) -> int:
    table = html.split('<table class="reports coverage">', 1)[1]
    return len(re.findall(r"<tr>\s*<th scope=\"row\">", table))


async def test_a_supervisor_sees_their_gaps_in_words(client: Client) -> None:
    deps = client.server.app[ADMIN].deps
    await add(deps, "Off", ["32.73"], telegram_user_id=1, on_duty=False)
    await log_in(client, "spv.bandung")

    html = await (await client.get("/coverage")).text()

    assert _rows(html) == 1 and "Kota Bandung" in html
    assert "Tidak ada yang bertugas sekarang" in html and "0 / 1" in html
    assert "Tampilkan semua kabupaten/kota" not in html
    assert _rows(await (await client.get("/coverage?all=1")).text()) == 1


async def test_an_admin_sees_reported_and_staffed_regions_or_all(client: Client) -> None:
    deps = client.server.app[ADMIN].deps
    await add(deps, "<i>Bandung</i>", ["32.73"], telegram_user_id=1)
    await file_case(deps, 5001, region="31.74")
    await log_in(client)

    html = await (await client.get("/coverage")).text()
    everything = await (await client.get("/coverage?all=1")).text()

    assert _rows(html) == 2
    assert "Tanpa petugas sama sekali" in html and "1 kasus terbuka" in html
    assert "<i>" not in html
    assert _rows(everything) == 514 and "Menampilkan semua kabupaten/kota." in everything
