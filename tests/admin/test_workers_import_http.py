"""Importing workers from CSV in the admin view: the CLI's line errors, all or nothing, files
and pasted text, and what is too large or not text."""

from __future__ import annotations

from aiohttp import FormData, web
from aiohttp.test_utils import TestClient

from admin.views.worker_import import MAX_KIB
from admin.web import MAX_REQUEST_BYTES
from tests.admin.seed import csrf_from, log_in
from tests.triage.services.workers.helpers import GOOD, HEADER

Client = TestClient[web.Request, web.Application]
BAD = f"""{HEADER}
Ani,,worker,31.74,true,
Budi,abc,worker,99.99,maybe,
Cici,,boss,31.74,true,0812
"""


async def _send(client: Client, *, text: str | None = None, file: bytes | None = None):  # type: ignore[no-untyped-def]
    token = csrf_from(await (await client.get("/workers/import")).text())
    form = FormData()
    form.add_field("csrf_token", token)
    if text is not None:
        form.add_field("text", text)
    if file is not None:
        form.add_field("file", file, filename="workers.csv", content_type="text/csv")
    return await client.post("/workers/import", data=form)


async def test_every_bad_line_is_listed_and_nothing_is_imported(client: Client) -> None:
    await log_in(client)

    response = await _send(client, text=BAD)
    html = await response.text()

    assert response.status == 400
    assert "Tidak ada yang diimpor: 5 masalah perlu diperbaiki" in html
    assert "Baris 3" in html and "Baris 4" in html and "Baris 2" not in html
    assert "bukan kabupaten/kota yang dikenal" in html
    assert "role harus &#39;worker&#39; atau &#39;supervisor&#39;" in html
    english = await (await client.get("/workers?lang=en")).text()
    assert "Ani" not in english  # nothing was saved
    response = await _send(client, text=BAD)
    assert "is not a known kabupaten/kota" in await response.text()


async def test_a_good_file_is_imported_with_its_counts(client: Client) -> None:
    await log_in(client)

    response = await _send(client, file=GOOD.encode("utf-8-sig"))

    assert response.status == 200
    assert "Impor selesai: 3 petugas baru, 0 diperbarui." in await response.text()
    again = await _send(client, text=GOOD)
    assert "0 petugas baru, 3 diperbarui." in await again.text()
    listed = await (await client.get("/workers")).text()
    assert "Sari Dewi" in listed and "Budi Santoso" in listed


async def test_empty_not_text_and_too_large(client: Client) -> None:
    await log_in(client)

    empty = await _send(client, text="  ")
    assert empty.status == 400 and "Pilih berkas CSV atau tempel isinya." in await empty.text()
    binary = await _send(client, file=b"\xff\xfe\x00bad")
    assert binary.status == 400 and "bukan teks UTF-8" in await binary.text()
    huge = await _send(client, text=HEADER + "\n" + "x," * (MAX_REQUEST_BYTES // 2))
    assert huge.status == 413 and "terlalu besar" in await huge.text()
    assert MAX_KIB * 1024 < MAX_REQUEST_BYTES


async def test_supervisors_may_not_import(client: Client) -> None:
    await log_in(client, "spv.bandung")
    token = csrf_from(await (await client.get("/workers")).text())

    response = await client.post("/workers/import", data={"csrf_token": token, "text": GOOD})

    assert response.status == 403
    assert "Sari Dewi" not in await (await client.get("/workers")).text()
