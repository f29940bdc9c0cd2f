"""A reporter files a report through the real bot; the worker accepts it; the admin sees it."""

from __future__ import annotations

import re

import aiohttp
import pytest
from sqlmodel import select

from tests.e2e.harness import add_worker, all_outbox_sent, eventually, running_app
from triage.services.staff.accounts import create_staff_user
from triage.storage.tables import Assignment, CaseEvent, OutboxMessage, Report

pytestmark = pytest.mark.slow
REFERENCE = re.compile(r"LS-[0-9A-Z]{4}-[0-9A-Z]{4}")


async def test_report_reaches_the_worker_and_the_admin_page(database_url: str) -> None:
    async with running_app(database_url) as app:
        await add_worker(app.uow, "Sari Peksos", 2001, ["31.74"])
        reporter = app.stub.private_user(user_id=1001, first_name="Warga", language_code="id")
        worker = app.stub.private_user(user_id=2001, first_name="Sari", language_code="id")
        await worker.command("/start")  # a bot may only write to people who wrote to it first
        await worker.wait_for()

        await reporter.command("/start")
        await reporter.wait_for("Pilih bahasa")
        await reporter.press("Setuju, lanjut (Bahasa Indonesia)")
        await reporter.wait_for("bahaya SAAT INI")
        await reporter.press("Baru saja / hari ini")
        await reporter.wait_for("Apa yang terjadi")
        await reporter.press("Kekerasan fisik (dipukul, dianiaya)")
        await reporter.wait_for("Berapa umurnya")
        await reporter.press("👧 Perempuan")
        await reporter.wait_for(lambda m: "✓ 👧 Perempuan" in m.button_texts())
        await reporter.press("6–12 tahun")
        await reporter.wait_for("Mana yang benar")
        await reporter.press("Tidak ada")
        await reporter.wait_for("Di mana anak itu")
        await reporter.send("jaksel")
        await reporter.wait_for("Tempat: Kota Jakarta Selatan, DKI Jakarta")
        await reporter.send("Anak tetangga sering dipukulin bapaknya sampai menangis tiap malam.")
        await reporter.wait_for("hubungan Anda")
        await reporter.press("Tetangga")
        await reporter.wait_for("menghubungi Anda")
        await reporter.reply_keyboard_press("Tetap anonim")
        await reporter.wait_for("Periksa laporan")
        await reporter.press("✅ Kirim laporan")
        confirmation = await reporter.wait_for("Nomor laporan")
        match = REFERENCE.search(confirmation.text)
        assert match, reporter.transcript()
        reference = match.group(0)

        assignment_message = await worker.wait_for(reference, timeout=10)
        assert "Jakarta Selatan" in assignment_message.text
        await worker.press("✅ Terima")
        await worker.wait_for("Anda menerima kasus ini")
        await reporter.wait_for("sudah menerima kasus ini", timeout=10)

        async with app.uow() as uow:
            report = (
                await uow.session.exec(select(Report).where(Report.reference == reference))
            ).one()
            assignment = (
                await uow.session.exec(select(Assignment).where(Assignment.report_id == report.id))
            ).one()
            kinds = [
                e.kind
                for e in (
                    await uow.session.exec(
                        select(CaseEvent).where(CaseEvent.report_id == report.id)
                    )
                ).all()
            ]
            outbox = (await uow.session.exec(select(OutboxMessage))).all()
        assert report.kabkota_code == "31.74"
        assert report.status == "accepted"
        assert assignment.accepted_at is not None
        assert kinds == ["received", "routed", "accepted"]
        assert outbox
        assert all(m.status in ("pending", "sent") for m in outbox)
        await eventually(lambda: all_outbox_sent(app.uow))

        await create_staff_user(app.deps, "admin", "correct horse battery")
        # unsafe=True: keep cookies for an IP-address host such as 127.0.0.1
        async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as http:
            page = await (await http.get(f"{app.admin_url}/login")).text()
            token = re.search(r'name="csrf_token" value="([^"]+)"', page)
            assert token, page
            form = {
                "username": "admin",
                "password": "correct horse battery",
                "csrf_token": token.group(1),
            }
            async with http.post(f"{app.admin_url}/login", data=form) as response:
                listing = await response.text()
            case_page = await (await http.get(f"{app.admin_url}/reports/{reference}")).text()
        assert reference in listing
        assert "<dd>6–12 tahun</dd>" in case_page
        assert "<dd>Perempuan</dd>" in case_page
        assert "<script>" not in listing
        print(reporter.transcript())
