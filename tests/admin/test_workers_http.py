"""The workers pages over HTTP: the list, the form with errors by field, editing, scope,
deactivation, invite links and escaping."""

from __future__ import annotations

import re
from datetime import timedelta

from aiohttp import web
from aiohttp.test_utils import TestClient

from admin.state import ADMIN
from tests.admin.seed import csrf_from, log_in
from tests.bot.cases import file_case
from tests.triage.services.workers.staffing import add, worker_row
from triage.services.common.deps import TriageDeps
from triage.services.workers.invites import create_invite, redeem_invite
from triage.storage.tables import Worker

Client = TestClient[web.Request, web.Application]
XSS = "<script>alert(1)</script>"


def _deps(client: Client) -> TriageDeps:
    return client.server.app[ADMIN].deps


async def _token(client: Client, path: str = "/workers") -> str:
    return csrf_from(await (await client.get(path)).text())


async def _post(client: Client, path: str, **data: str) -> tuple[int, str, str]:
    token = await _token(client)
    response = await client.post(path, data={"csrf_token": token, **data}, allow_redirects=False)
    return response.status, response.headers.get("Location", ""), await response.text()


async def test_the_list_shows_regions_duty_and_escapes_names(client: Client) -> None:
    deps = _deps(client)
    await add(deps, "<b>Budi</b>", ["32.73"], telegram_user_id=1, phone="+628111111111")
    await add(deps, "Ani", ["31.74"], duty_hours={"days": [0, 1, 2, 3, 4], "start": "08:00",
                                                  "end": "16:00"})  # fmt: skip
    await log_in(client)

    html = await (await client.get("/workers")).text()

    assert "&lt;b&gt;Budi&lt;/b&gt;" in html and "<b>Budi</b>" not in html
    assert "Kota Bandung" in html and "Kota Jakarta Selatan" in html
    assert "Belum terhubung ke Telegram" in html and "Sen–Jum 08:00–16:00 WIB" in html
    assert "628111111111" not in html  # phones only on the worker's page
    english = await (await client.get("/workers?lang=en")).text()
    assert "Not linked to Telegram" in english and "Mon–Fri 08:00–16:00 WIB" in english


async def test_a_supervisor_sees_only_workers_of_their_regions(client: Client) -> None:
    deps = _deps(client)
    bandung = await add(deps, "Bandung", ["32.73"])
    jaksel = await add(deps, "Jaksel", ["31.74"])
    await log_in(client, "spv.bandung")

    html = await (await client.get("/workers")).text()

    assert "Bandung" in html and "Jaksel" not in html and "Impor CSV" not in html
    assert (await client.get(f"/workers/{jaksel}")).status == 404
    assert (await client.get(f"/workers/{bandung}")).status == 200
    assert (await client.get("/workers/import")).status == 403


async def test_a_bad_form_comes_back_with_each_error_beside_its_field(client: Client) -> None:
    await log_in(client)

    status, _, html = await _post(
        client, "/workers", name=XSS, region_codes="99.99", duty_hours="kapan-kapan",
        phone="12", role="worker",
    )  # fmt: skip

    assert status == 400
    assert 'id="f-region_codes-error"' in html and "99.99" in html
    assert 'id="f-duty_hours-error"' in html and 'id="f-phone-error"' in html
    assert 'id="f-name-error"' not in html
    assert 'aria-invalid="true"' in html and "Periksa kembali isian yang ditandai." in html
    assert XSS not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html  # kept, escaped
    async with _deps(client).uow() as uow:
        assert (await uow.session.get(Worker, 1)) is None


async def test_missing_and_malformed_fields_never_break_the_page(client: Client) -> None:
    await log_in(client)

    for data in ({}, {"role": "boss"}, {"name": "x" * 500, "region_codes": ";;;"}):
        status, _, html = await _post(client, "/workers", **data)
        assert status == 400 and "field-error" in html


async def test_create_then_edit(client: Client) -> None:
    await log_in(client)

    status, location, _ = await _post(
        client, "/workers", name="Sari", region_codes="32.73", duty_hours="sen-jum 08:00-16:00",
        phone="0812 3456 7890", role="worker", on_duty="on",
    )  # fmt: skip
    assert status == 303 and re.fullmatch(r"/workers/\d+", location)
    page = await (await client.get(location)).text()
    assert "Petugas ditambahkan." in page and "+6281234567890" in page
    assert 'value="sen-jum 08:00-16:00"' in page
    status, again, _ = await _post(
        client, location, name="Sari Dewi", region_codes="32.73; 32.77", phone="", role="worker"
    )
    assert (status, again) == (303, location)
    row = await worker_row(_deps(client), int(location.rsplit("/", 1)[1]))
    assert (row.name, row.region_codes, row.on_duty, row.duty_hours) == (
        "Sari Dewi", ["32.73", "32.77"], False, None,
    )  # fmt: skip


async def test_unknown_malformed_and_out_of_scope_ids_are_404(client: Client) -> None:
    deps = _deps(client)
    wide = await add(deps, "Wide", ["32.73", "31.74"])
    await log_in(client, "spv.bandung")

    for path in ("/workers/999", "/workers/abc", "/workers/99999999999999999999", "/workers/-1"):
        assert (await client.get(path)).status == 404, path
    read_only = await client.get(f"/workers/{wide}")
    html = await read_only.text()
    assert read_only.status == 200 and "Hanya admin yang dapat mengubah" in html
    assert 'action="/workers/' not in html.split("<main", 1)[1]  # no forms for this viewer
    status, _, refused = await _post(client, f"/workers/{wide}", name="X", region_codes="32.73")
    assert status == 403 and "Hanya admin" in refused
    assert (await worker_row(deps, wide)).name == "Wide"


async def test_deactivation_needs_a_reason_then_reroutes(client: Client) -> None:
    deps = _deps(client)
    sari = await add(deps, "Sari", ["32.73"], telegram_user_id=1001)
    reference = await file_case(deps, 5001, region="32.73")
    budi = await add(deps, "Budi", ["32.73"], telegram_user_id=1002)
    await log_in(client, "spv.bandung")
    form = await (await client.get(f"/workers/{sari}/deactivate")).text()
    assert "1 kasus terbuka akan dialihkan" in form

    status, _, html = await _post(client, f"/workers/{sari}/deactivate", reason="   ")
    assert status == 400 and 'id="f-reason-error"' in html
    status, _, html = await _post(client, f"/workers/{sari}/deactivate", reason="x" * 501)
    assert status == 400 and "terlalu panjang" in html
    assert (await worker_row(deps, sari)).active

    status, _, html = await _post(client, f"/workers/{sari}/deactivate", reason=XSS)
    assert status == 200
    assert reference in html and "Budi (Petugas)" in html
    row = await worker_row(deps, sari)
    assert not row.active and row.telegram_user_id is None
    page = await (await client.get(f"/workers/{sari}")).text()
    assert "nonaktif sejak" in page and "&lt;script&gt;" in page and XSS not in page
    case = await (await client.get(f"/reports/{reference}")).text()
    assert "kasus dialihkan" in case
    assert budi


async def test_an_invite_link_is_shown_once(client: Client) -> None:
    deps = _deps(client)
    deps.bot_username = "lapor_test_bot"
    sari = await add(deps, "Sari", ["32.73"])
    await log_in(client, "spv.bandung")

    status, _, html = await _post(client, f"/workers/{sari}/invite")

    assert status == 200
    link = re.search(r"https://t\.me/lapor_test_bot\?start=w-([A-Za-z0-9_-]+)", html)
    assert link is not None
    stored = (await worker_row(deps, sari)).invite_code_hash
    assert stored is not None and link.group(1) not in stored
    again = await (await client.get(f"/workers/{sari}")).text()
    assert link.group(1) not in again and "Undangan belum dipakai" in again


async def test_an_invite_without_the_bots_name_or_for_a_bound_worker(client: Client) -> None:
    deps = _deps(client)
    bound = await add(deps, "Bound", ["32.73"], telegram_user_id=77)
    await log_in(client)

    status, _, html = await _post(client, f"/workers/{bound}/invite")
    assert status == 400 and "sudah terhubung ke Telegram" in html
    status, _, html = await _post(client, f"/workers/{bound}/invite", rebind="on")
    assert status == 400 and "TELEGRAM_BOT_USERNAME" in html
    assert (await worker_row(deps, bound)).invite_code_hash is None


async def test_an_invite_says_until_when_it_works_and_when_it_expired(client: Client) -> None:
    deps = _deps(client)
    deps.bot_username = "lapor_test_bot"
    sari = await add(deps, "Sari", ["32.73"])
    await log_in(client)

    _, _, html = await _post(client, f"/workers/{sari}/invite")

    assert "Tautan berlaku sampai" in html
    page = await (await client.get(f"/workers/{sari}")).text()
    assert "Undangan belum dipakai, berlaku sampai" in page
    async with deps.uow() as uow:
        row = await uow.session.get(Worker, sari)
        assert row is not None and row.invite_expires_at is not None
        row.invite_expires_at = deps.clock() - timedelta(minutes=1)
        await uow.commit()
    expired = await (await client.get(f"/workers/{sari}")).text()
    assert "Undangan kedaluwarsa" in expired and "Undangan belum dipakai" not in expired
    listed = await (await client.get("/workers")).text()
    assert "Belum terhubung ke Telegram" in listed


async def test_who_redeemed_the_invite_is_shown_to_who_may_manage_the_worker(
    client: Client,
) -> None:
    deps = _deps(client)
    now = deps.clock()
    mine = await add(deps, "Mine", ["32.73"])
    shared = await add(deps, "Shared", ["32.73", "31.74"])
    for worker, account in ((mine, 2002), (shared, 2003)):
        invite = await create_invite(deps, str(worker), now)
        await redeem_invite(deps, invite.code, account, now, username=f"akun_{account}")
    await log_in(client, "spv.bandung")

    managed = await (await client.get(f"/workers/{mine}")).text()
    seen = await (await client.get(f"/workers/{shared}")).text()

    assert "lewat tautan undangan" in managed and "Akun Telegram 2002 (@akun_2002)" in managed
    assert "lewat tautan undangan" in seen  # that it is bound, and since when, for all who see
    assert "2003" not in seen and "akun_2003" not in seen  # the account for managers only
