"""The case page's action forms over HTTP: each one saves and shows on the timeline; bad input
comes back beside its field with nothing saved; out of region is 404; evidence is streamed
from the Bot API stand-in without the token ever reaching the browser or a log."""

from __future__ import annotations

import dataclasses
import logging
import re
from collections.abc import AsyncIterator

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer
from markupsafe import escape

from admin.web import create_admin_app
from app.telegram_files import BotApiFiles
from tests.admin.conftest import SECRET_KEY
from tests.admin.seed import PASSWORD, csrf_from, log_in, seed_staff
from tests.support.botapi_stub import BotApiStub
from tests.triage.services.cases.helpers import BUDI, EKA, SARI, World, make_world, new_case
from tests.triage.services.cases.staff_helpers import change_report, events, outbox, reference
from tests.triage.services.cases.staff_helpers import snapshot as saved
from triage.services.staff.accounts import create_staff_user
from triage.storage.uow import UnitOfWorkFactory

Client = TestClient[web.Request, web.Application]
PHOTO = b"\xff\xd8\xff\xe0-a-photo"
EVIDENCE = [
    {"kind": "photo", "file_id": "AgACAgPhoto-secret-id"},
    {"kind": "voice", "file_id": "AwACAgVoice-secret-id"},
]
REASON = "Sari cuti <b>mendadak</b>"


@pytest.fixture
async def world(uow_factory: UnitOfWorkFactory) -> World:
    """Five workers (Sari and Budi in Jakarta Selatan); one case held by Sari, with a photo
    and a voice note; staff: admin, spv.jaksel (31.74) and spv.bandung (32.73)."""
    built = await make_world(uow_factory)
    await new_case(built)
    await change_report(built, evidence=EVIDENCE)
    await seed_staff(uow_factory)
    await create_staff_user(built.deps, "spv.jaksel", PASSWORD, "supervisor", ["31.74"])
    return built


@pytest.fixture
async def stub() -> AsyncIterator[BotApiStub]:
    async with BotApiStub() as started:
        started.register_file(EVIDENCE[0]["file_id"], PHOTO, "photos/file_3.jpg")
        started.register_file(EVIDENCE[1]["file_id"], b"OggS-voice", "voice/file_4.oga")
        yield started


@pytest.fixture
async def client(world: World, stub: BotApiStub) -> AsyncIterator[Client]:
    files = BotApiFiles(stub.token, stub.base_url, stub.base_file_url)
    deps = dataclasses.replace(world.deps, files=files)
    app = create_admin_app(deps=deps, secret_key=SECRET_KEY)
    async with TestClient(TestServer(app)) as test_client:
        yield test_client
    await files.close()


async def _page(client: Client, world: World) -> tuple[str, str]:
    """The case page's path and its HTML."""
    path = f"/reports/{await reference(world)}"
    response = await client.get(path)
    assert response.status == 200
    return path, await response.text()


async def _post(client: Client, world: World, action: str, data: dict[str, str]) -> tuple[int, str]:
    path, page = await _page(client, world)
    form = {"csrf_token": csrf_from(page), **data}
    response = await client.post(f"{path}/{action}", data=form, allow_redirects=False)
    if response.status == 303:
        assert response.headers["Location"] == f"{path}#done"
        return 303, await (await client.get(path)).text()
    return response.status, await response.text()


async def test_reassign_through_the_form_shows_on_the_timeline(
    client: Client, world: World
) -> None:
    await log_in(client, "spv.jaksel")
    _, page = await _page(client, world)
    region_first = page.index("Bekerja di wilayah kasus")
    assert region_first < page.index(">Budi (Petugas) · bertugas · 0 kasus aktif<")
    assert "Eka" not in page  # Bandung's worker is not the supervisor's to choose
    holder = re.search(r'name="holder" value="(\d+)"', page)
    assert holder is not None and int(holder.group(1)) == world.ids[SARI]

    status, page = await _post(
        client, world, "reassign",
        {"worker": str(world.ids[BUDI]), "reason": REASON, "holder": holder.group(1)},
    )  # fmt: skip

    assert status == 303
    assert "Kasus dipindahkan ke Budi. Petugas itu mendapat kabar lewat Telegram." in page
    assert "Dipindahkan ke Budi (Petugas)" in page and "Staf spv.jaksel" in page
    assert str(escape(REASON)) in page and REASON not in page
    keys = list(await outbox(world))
    assert any(key.startswith("moved:") for key in keys)


async def test_status_close_duplicate_note_and_message_through_their_forms(
    client: Client, world: World
) -> None:
    await new_case(world)
    await change_report(world, 1, duplicate_of_id=None)
    other = await reference(world, 1)
    await log_in(client)

    _, page = await _post(client, world, "status", {"status": "referred:uptd_ppa",
                          "reason": "Sudah ke UPTD", "seen_status": "assigned"})  # fmt: skip
    assert "Status diubah dari Menunggu diterima ke Dirujuk: UPTD PPA" in page
    _, page = await _post(client, world, "duplicate", {"other": other.lower(), "reason": "sama"})
    assert f"Kasus ditandai sama dengan kasus {other}." in page
    assert f'href="/reports/{other}">{other}</a>' in page
    _, page = await _post(client, world, "duplicate/remove", {"reason": "beda anak"})
    assert f"Tanda sama dengan kasus {other} dihapus" in page
    _, page = await _post(client, world, "notes", {"text": "<script>alert(1)</script>",
                                                   "tell_holder": "on"})  # fmt: skip
    assert "Catatan disimpan dan dikirim ke petugas yang memegang kasus." in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "<script>" not in page
    _, page = await _post(client, world, "message", {"text": "Petugas sudah datang."})
    assert "Pesan dikirim ke pelapor lewat bot" in page
    _, page = await _post(client, world, "close", {"outcome": "handled", "reason": "aman",
                                                   "seen_status": "referred"})  # fmt: skip
    assert "Kasus ditutup: Ditangani, anak aman" in page
    assert page.count("Kasus sudah ditutup.") == 3  # reassign, status and close are done
    assert [
        len(await events(world, kind))
        for kind in (
            "status_changed",
            "marked_duplicate",
            "unmarked_duplicate",
            "staff_note",
            "reporter_messaged",
            "closed",
        )
    ] == [1] * 6


BAD_INPUT = [
    ("reassign", {"worker": "", "reason": "x"}, "worker", "Pilih petugas dari daftar."),
    ("reassign", {"worker": "abc", "reason": "x"}, "worker", "Pilih petugas dari daftar."),
    ("reassign", {"worker": "1", "reason": "  "}, "reason", "Tuliskan alasannya."),
    (
        "reassign", {"worker": "1", "reason": "x" * 501}, "reason",
        "Terlalu panjang: 501 karakter. Paling banyak 500 karakter.",
    ),
    ("notes", {"text": ""}, "text", "Tuliskan catatannya."),
    ("status", {"status": "closed", "reason": "x"}, "status", "Pilih salah satu status dari daftar."),
    ("status", {"status": "referred", "reason": "x"}, "status", "Pilih salah satu status dari daftar."),
    ("status", {"status": "visited:police", "reason": "x"}, "status", "Pilih salah satu status dari daftar."),
    ("status", {"status": "visited", "reason": ""}, "reason", "Tuliskan alasannya."),
    ("close", {"outcome": "bogus", "reason": "x"}, "outcome", "Pilih hasil akhir dari daftar."),
    ("duplicate", {"other": "", "reason": "x"}, "other", "Tuliskan nomor laporan kasus yang sama."),
    (
        "duplicate", {"other": "L" * 33, "reason": "x"}, "other",
        "Nomor laporan terlalu panjang. Contoh: LS-7KQ2-M9XD.",
    ),
    ("duplicate/remove", {"reason": ""}, "reason", "Tuliskan alasannya."),
    ("message", {"text": "\r\n"}, "text", "Tuliskan pesan untuk pelapor."),
]  # fmt: skip


# The disclosure each form's fields live in (the note form is always open).
DISCLOSURES = {"reassign": "reassign", "status": "status", "close": "close",
               "duplicate": "duplicate", "unduplicate": "duplicate", "message": "message"}  # fmt: skip


@pytest.mark.parametrize(("action", "data", "field", "message"), BAD_INPUT)
async def test_bad_input_comes_back_beside_its_field_with_nothing_saved(
    client: Client, world: World, action: str, data: dict[str, str], field: str, message: str
) -> None:
    await log_in(client)
    before = await saved(world)

    status, page = await _post(client, world, action, data)

    assert status == 400
    assert await saved(world) == before
    assert '<p class="alert" role="alert">Ada isian yang perlu diperbaiki.' in page
    error = re.search(rf'<p class="field-error" id="([\w-]+)-{field}-error">(.*?)</p>', page)
    assert error is not None, page
    assert error.group(2).endswith(message)
    described = re.search(rf'aria-describedby="[^"]*{error.group(1)}-{field}-error"', page)
    assert described is not None
    disclosure = DISCLOSURES.get(error.group(1))
    if disclosure is not None:
        assert re.search(rf'<details class="action" id="{disclosure}" open>', page)
    for name in ("reason", "text", "other"):
        if data.get(name, "").strip():
            assert str(escape(data[name])) in page  # what was typed is kept


REFUSED = [
    (
        "status", {"status": "visited", "reason": "x", "seen_status": "accepted"}, 409,
        "Kasus ini sudah berubah sejak halaman dibuka.",
    ),
    (
        "reassign", {"worker": "SARI", "reason": "x", "holder": "SARI"}, 400,
        "Petugas itu sudah memegang kasus ini. Pilih petugas lain.",
    ),
    (
        "reassign", {"worker": "EKA", "reason": "x", "holder": "SARI"}, 400,
        "Pilih petugas dari daftar.",
    ),
    (
        "duplicate", {"other": "<img src=x onerror=alert(1)>", "reason": "x"}, 400,
        "Tidak ada kasus dengan nomor &lt;img src=x onerror=alert(1)&gt;.",
    ),
]  # fmt: skip


@pytest.mark.parametrize(("action", "data", "status", "message"), REFUSED)
async def test_what_the_case_does_not_allow_is_explained_and_nothing_saved(
    client: Client, world: World, action: str, data: dict[str, str], status: int, message: str
) -> None:
    names = {"SARI": SARI, "EKA": EKA}
    data = {k: str(world.ids[names[v]]) if v in names else v for k, v in data.items()}
    await log_in(client, "spv.jaksel")
    before = await saved(world)

    answered, page = await _post(client, world, action, data)

    assert answered == status
    assert message in page
    assert "<img src=x" not in page
    assert await saved(world) == before


async def test_a_reporter_who_wants_no_news_has_no_message_form(
    client: Client, world: World
) -> None:
    await change_report(world, notify_reporter=False)
    await log_in(client)
    _, page = await _page(client, world)
    assert "Pelapor memilih tidak dikabari, jadi pesan tidak bisa dikirim." in page
    assert 'id="message-text"' not in page
    status, page = await _post(client, world, "message", {"text": "halo"})  # a forged post
    assert status == 400
    assert "Pelapor tidak meminta kabar perkembangan, jadi pesan tidak bisa dikirim." in page


async def test_a_note_for_a_holder_nobody_can_reach_is_explained(
    client: Client, world: World
) -> None:
    await log_in(client)
    _, page = await _page(client, world)
    assert "Kirim juga ke Sari lewat Telegram" in page
    await change_report(world, assigned_worker_id=None, status="new")  # meanwhile
    before = await saved(world)
    status, page = await _post(client, world, "notes", {"text": "halo", "tell_holder": "on"})
    assert status == 400
    assert "Belum ada petugas dengan Telegram yang memegang kasus ini." in page
    assert 'id="note-tell"' not in page
    assert await saved(world) == before


ACTIONS = ["reassign", "notes", "status", "close", "duplicate", "duplicate/remove", "message"]


@pytest.mark.parametrize("action", ACTIONS)
async def test_out_of_region_posts_are_404_and_save_nothing(
    client: Client, world: World, action: str
) -> None:
    await log_in(client, "spv.bandung")
    token = csrf_from(await (await client.get("/reports")).text())
    before = await saved(world)
    data = {"csrf_token": token, "reason": "x", "text": "x", "worker": str(world.ids[EKA]),
            "status": "accepted", "outcome": "handled", "other": "LS-X"}  # fmt: skip
    response = await client.post(f"/reports/{await reference(world)}/{action}", data=data)
    assert response.status == 404
    assert "Halaman tidak ditemukan" in await response.text()
    assert await saved(world) == before


async def test_evidence_is_streamed_with_its_type_and_never_the_token(
    client: Client, world: World, stub: BotApiStub, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    await log_in(client, "spv.jaksel")
    path, page = await _page(client, world)
    assert f'<a href="{path}/evidence/1">Foto 1</a>' in page
    assert f'<audio controls preload="none" src="{path}/evidence/2"></audio>' in page
    assert "secret-id" not in page

    photo = await client.get(f"{path}/evidence/1")
    voice = await client.get(f"{path}/evidence/2")

    assert (photo.status, await photo.read()) == (200, PHOTO)
    assert photo.headers["Content-Type"] == "image/jpeg"
    assert photo.headers["Content-Disposition"] == (
        f'inline; filename="{await reference(world)}-1.jpg"'
    )
    assert photo.headers["Cache-Control"] == "no-store"
    assert (voice.headers["Content-Type"], await voice.read()) == ("audio/ogg", b"OggS-voice")
    for response in (photo, voice):
        assert stub.token not in str(response.headers)
    assert stub.token not in caplog.text


@pytest.mark.parametrize("number", ["0", "3", "abc", "1000", "-1"])
async def test_a_number_without_a_file_is_404(client: Client, world: World, number: str) -> None:
    await log_in(client)
    response = await client.get(f"/reports/{await reference(world)}/evidence/{number}")
    assert response.status == 404


async def test_evidence_outside_the_region_is_404(client: Client, world: World) -> None:
    await log_in(client, "spv.bandung")
    response = await client.get(f"/reports/{await reference(world)}/evidence/1")
    assert response.status == 404


async def test_telegram_unreachable_is_a_polite_page_not_a_500(
    client: Client, world: World, stub: BotApiStub, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    await log_in(client)
    token = stub.token
    await stub.stop()
    response = await client.get(f"/reports/{await reference(world)}/evidence/1")
    assert response.status == 502
    page = await response.text()
    assert "Berkas ini tidak bisa diambil dari Telegram sekarang." in page
    assert token not in page and token not in caplog.text
    assert "evidence 1 of a case not fetched: getfile_ClientConnectorError" in caplog.text
