"""The queue as CSV over HTTP: columns by role, scope, filters, formula injection, escaping,
the audit, a streamed body, HEAD, and bad input."""

from __future__ import annotations

import csv
import io
from collections.abc import AsyncIterator
from datetime import timedelta

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer
from sqlmodel import col, select

from admin.web import create_admin_app
from tests.admin.conftest import SECRET_KEY
from tests.admin.seed import T0, log_in, seed_staff
from tests.support.deps import Clock, make_deps
from triage.storage.tables import AuditLog, Report, Worker
from triage.storage.uow import UnitOfWorkFactory

Client = TestClient[web.Request, web.Application]
NOW = T0 + timedelta(hours=6)
STORY = '=cmd|"/c calc"!A1, lalu "kutipan",\nbaris baru <script>alert(1)</script>'
SUPERVISOR_HEADERS = [
    "Nomor laporan", "Waktu masuk (WIB)", "Provinsi", "Kabupaten/kota", "Kode wilayah",
    "Urgensi", "Status", "Lewat tenggat", "Kategori", "Petugas", "Diterima (WIB)",
    "Kontak pertama (WIB)", "Ditutup (WIB)",
]  # fmt: skip
ADMIN_HEADERS = [*SUPERVISOR_HEADERS, "Cerita pelapor", "Alamat", "Telepon pelapor"]


@pytest.fixture
async def client(uow_factory: UnitOfWorkFactory) -> AsyncIterator[Client]:
    app = create_admin_app(deps=make_deps(uow_factory, clock=Clock(NOW)), secret_key=SECRET_KEY)
    await seed_staff(uow_factory)
    await _seed(uow_factory)
    async with TestClient(TestServer(app)) as test_client:
        yield test_client


async def _seed(uow_factory: UnitOfWorkFactory) -> None:
    async with uow_factory() as uow:
        worker = Worker(name="@SUM(1+1)", created_at=T0, updated_at=T0)
        uow.session.add(worker)
        await uow.session.flush()
        uow.session.add_all(
            [
                Report(
                    reference="LS-CSV-0001", received_at=T0, reporter_chat_id=1,
                    kabkota_code="32.73", urgency="DARURAT", status="accepted",
                    assigned_worker_id=worker.id, accepted_at=T0 + timedelta(minutes=4),
                    description=STORY, address="+Jl. Mawar 1", contact_phone="+6281100001",
                    contact_consent=True, categories=["kekerasan_fisik", "napza"],
                ),
                Report(
                    reference="LS-CSV-0002", received_at=T0 + timedelta(hours=1),
                    reporter_chat_id=2, kabkota_code="31.74", urgency="RENDAH",
                    description="-2+3", address="\tJl. Tab", contact_phone="+6281100002",
                    contact_consent=False,
                ),
            ]
        )  # fmt: skip
        await uow.commit()


async def _csv(client: Client, query: str = "") -> tuple[list[list[str]], str]:
    response = await client.get(f"/reports.csv{query}")
    assert response.status == 200, await response.text()
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    disposition = response.headers["Content-Disposition"]
    body = (await response.read()).decode("utf-8")
    assert body.startswith("\ufeff")
    return list(csv.reader(io.StringIO(body[1:], newline=""))), disposition


async def test_admin_gets_the_story_and_contacts_made_safe(client: Client) -> None:
    await log_in(client)

    rows, disposition = await _csv(client)

    assert disposition == 'attachment; filename="lapor-sosial-laporan-2026-11-23-1400.csv"'
    assert rows[0] == ADMIN_HEADERS
    first = dict(zip(ADMIN_HEADERS, rows[1], strict=True))
    assert first == {
        "Nomor laporan": "LS-CSV-0001",
        "Waktu masuk (WIB)": "2026-11-23 08:00",
        "Provinsi": "Jawa Barat",
        "Kabupaten/kota": "Kota Bandung",
        "Kode wilayah": "32.73",
        "Urgensi": "DARURAT",
        "Status": "Diterima petugas",
        "Lewat tenggat": "Ya",  # accepted, never contacted: first contact was due in 1 h
        "Kategori": "Kekerasan fisik (dipukul, dianiaya); Narkoba / ngelem",
        "Petugas": "'@SUM(1+1)",
        "Diterima (WIB)": "2026-11-23 08:04",
        "Kontak pertama (WIB)": "",
        "Ditutup (WIB)": "",
        "Cerita pelapor": "'" + STORY,  # commas, quotes and the line break survive
        "Alamat": "'+Jl. Mawar 1",
        "Telepon pelapor": "'+6281100001",
    }
    second = dict(zip(ADMIN_HEADERS, rows[2], strict=True))
    assert (second["Cerita pelapor"], second["Alamat"], second["Telepon pelapor"]) == (
        "'-2+3", "'\tJl. Tab", "",  # no consent: no phone
    )  # fmt: skip
    assert len(rows) == 3


async def test_supervisor_gets_their_regions_without_story_or_contacts(client: Client) -> None:
    await log_in(client, "spv.bandung")

    rows, _ = await _csv(client)

    assert rows[0] == SUPERVISOR_HEADERS
    assert [row[0] for row in rows[1:]] == ["LS-CSV-0001"]
    text = repr(rows)
    for secret in ("cmd", "kutipan", "Mawar", "6281100001", "script"):
        assert secret not in text


async def test_filters_and_order_of_the_url_apply(client: Client) -> None:
    await log_in(client)

    rendah, _ = await _csv(client, "?urgency=RENDAH")
    newest, _ = await _csv(client, "?sort=received")
    none, _ = await _csv(client, "?status=closed")

    assert [row[0] for row in rendah[1:]] == ["LS-CSV-0002"]
    assert [row[0] for row in newest[1:]] == ["LS-CSV-0002", "LS-CSV-0001"]
    assert none == [ADMIN_HEADERS]


async def test_headers_and_words_in_english(client: Client) -> None:
    await log_in(client)

    rows, _ = await _csv(client, "?lang=en")

    assert rows[0][:3] == ["Reference", "Received (WIB)", "Province"]
    assert rows[0][-3:] == ["Reporter's story", "Address", "Reporter's phone"]
    assert rows[1][6:8] == ["Accepted by worker", "Yes"]


async def test_every_export_is_audited_without_its_content(
    client: Client, uow_factory: UnitOfWorkFactory
) -> None:
    await log_in(client, "spv.bandung")

    await _csv(client, "?urgency=DARURAT&overdue=1")

    async with uow_factory() as uow:
        query = select(AuditLog).where(col(AuditLog.action) == "export_reports")
        [audit] = (await uow.session.exec(query)).all()
    assert audit.actor == "spv.bandung" and audit.at == NOW
    assert audit.detail["filters"] == {"urgency": "DARURAT", "overdue": True}
    assert (audit.detail["rows"], audit.detail["complete"], audit.detail["personal"]) == (
        1, True, False,
    )  # fmt: skip
    assert "LS-CSV" not in repr(audit.detail)


async def test_head_sends_headers_only_and_is_not_an_export(
    client: Client, uow_factory: UnitOfWorkFactory
) -> None:
    await log_in(client)

    response = await client.head("/reports.csv")

    assert response.status == 200
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert await response.read() == b""
    async with uow_factory() as uow:
        exports = select(AuditLog).where(col(AuditLog.action) == "export_reports")
        assert (await uow.session.exec(exports)).all() == []


async def test_bad_input_gets_the_form_with_the_error_not_a_file(client: Client) -> None:
    await log_in(client)

    response = await client.get("/reports.csv?from=2026-11-30&to=2026-11-01")

    assert response.status == 400
    assert response.headers["Content-Type"].startswith("text/html")
    assert "Tanggal awal (2026-11-30) jatuh sesudah tanggal akhir" in await response.text()


async def test_a_large_export_is_streamed_in_pieces(
    client: Client, uow_factory: UnitOfWorkFactory
) -> None:
    async with uow_factory() as uow:
        for n in range(600):
            uow.session.add(
                Report(
                    reference=f"LS-BIG-{n:04d}", received_at=T0, reporter_chat_id=n,
                    urgency="SEDANG", description="x" * 300,
                )
            )  # fmt: skip
        await uow.commit()
    await log_in(client)

    response = await client.get("/reports.csv")
    pieces = [piece async for piece in response.content.iter_any()]

    assert response.headers.get("Transfer-Encoding") == "chunked"
    assert "Content-Length" not in response.headers
    assert len(pieces) > 1
    records = list(csv.reader(io.StringIO(b"".join(pieces).decode("utf-8"), newline="")))
    assert len(records) == 1 + 602
