"""A social worker's job from the phone, through the real bot: invite, accept, decline, progress,
notes, help, close, /tugas, /kasus, duty switch, and forged buttons."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tests.e2e.harness import add_worker, running_app
from tests.e2e.helpers_worker import (
    PHONE,
    active_assignment,
    add_unbound_worker,
    answer_to,
    file_case,
    report_by_reference,
    rows,
)
from triage.services.workers.manage import create_invite
from triage.storage.tables import Assignment, AuditLog, CaseEvent, Worker

pytestmark = pytest.mark.slow
SARI, BUDI, RINA, EKA, WARGA = 2001, 2002, 2003, 2005, 1001


async def test_an_invite_link_registers_the_worker(database_url: str) -> None:
    async with running_app(database_url) as app:
        await add_unbound_worker(app.uow, "Sari Peksos", ["31.74"])
        await add_unbound_worker(app.uow, "Budi Peksos", ["31.71"])
        invite = await create_invite(app.deps, "Sari Peksos", datetime.now(UTC))
        sari = app.stub.private_user(user_id=SARI, first_name="Sari")

        await sari.command("/start", f"w-{invite.code}")
        welcome = await sari.wait_for("Selamat datang")
        assert "Kota Jakarta Selatan" in welcome.text and "/tugas" in welcome.text
        await sari.command("/start", f"w-{invite.code}")
        await sari.wait_for("tidak berlaku atau sudah dipakai")
        await sari.command("/help")
        await sari.wait_for("Anda terdaftar sebagai pekerja sosial")
        await sari.command("/start")
        await sari.wait_for("/bertugas")
        other = await create_invite(app.deps, "Budi Peksos", datetime.now(UTC))
        await sari.command("/start", f"w-{other.code}")
        await sari.wait_for("sudah terdaftar untuk petugas lain")

        stranger = app.stub.private_user(user_id=WARGA, first_name="Warga")
        await stranger.command("/start", "w-" + "x" * 22)
        await stranger.wait_for("tidak berlaku")
        workers = {w.name: w.telegram_user_id for w in await rows(app.uow, Worker)}
        assert workers == {"Sari Peksos": SARI, "Budi Peksos": None}
        print(sari.transcript())


async def test_accept_progress_note_help_and_close(database_url: str) -> None:
    async with running_app(database_url) as app:
        await add_worker(app.uow, "Sari", SARI, ["31.74"])
        await add_worker(app.uow, "Rina", RINA, ["31.74"], role="supervisor")
        sari = app.stub.private_user(user_id=SARI, first_name="Sari", started=True)
        rina = app.stub.private_user(user_id=RINA, first_name="Rina", started=True)
        reporter = app.stub.private_user(user_id=WARGA, first_name="Warga", started=True)
        reference = await file_case(app, WARGA)

        assigned = await sari.wait_for(reference)
        assert "Jakarta Selatan" in assigned.text and PHONE not in assigned.text
        await sari.press("✅ Terima")
        card = await sari.wait_for("Pelapor bersedia dihubungi")
        assert card.message_id == assigned.message_id and PHONE in card.text
        await reporter.wait_for("sudah menerima kasus ini")

        await sari.press("📞 Dihubungi")
        await sari.wait_for("Status: Sudah dihubungi")
        again = await sari.press("📞 Dihubungi")
        assert await answer_to(app.stub, again) == ("Sudah dicatat sebelumnya.", False)

        await sari.press("📝 Catatan")
        await sari.wait_for("Tulis catatan Anda")
        await sari.send("Ibu anak bisa ditemui sore hari di rumah.")
        await sari.wait_for("Catatan disimpan")
        await sari.wait_for("Catatan tersimpan: 1")

        await sari.press("➡️ Dirujuk")
        await sari.wait_for("Direktori belum punya layanan")  # none for Jakarta Selatan yet
        await sari.press("✏️ Lainnya, ketik sendiri")
        await sari.wait_for("Tulis nama layanan tujuan rujukan")
        await sari.send("UPTD PPA DKI Jakarta")
        await sari.wait_for("Rujukan dicatat")
        await sari.wait_for("• UPTD PPA DKI Jakarta (Layanan lain): terkirim")

        await sari.press("🆘 Minta bantuan supervisor")
        await rina.wait_for("Sari minta bantuan")

        await sari.press("✔️ Ditutup")
        await sari.wait_for("Pilih hasil akhir")
        await sari.press("Ditangani, anak aman")
        closed = await sari.wait_for("ditutup: Ditangani, anak aman")
        assert closed.message_id == assigned.message_id and not closed.inline_buttons
        asked = await reporter.wait_for("Seberapa puas")
        assert [b.callback_data for b in asked.buttons] == [
            f"r:{reference}:{n}" for n in range(1, 6)
        ]

        report = await report_by_reference(app.uow, reference)
        kinds = [e.kind for e in await rows(app.uow, CaseEvent) if e.report_id == report.id]
        assert [k for k in kinds if k not in ("awaiting_input",)] == [
            "received",
            "routed",
            "accepted",
            "contacted",
            "note",
            "referred",
            "help_requested",
            "closed",
        ]
        assert report.status == "closed" and report.first_contact_at is not None
        print(sari.transcript())


async def test_decline_passes_the_case_to_a_second_worker(database_url: str) -> None:
    async with running_app(database_url) as app:
        await add_worker(app.uow, "Sari", SARI, ["31.74"])
        await add_worker(app.uow, "Budi", BUDI, ["31.74"])
        await add_worker(app.uow, "Rina", RINA, ["31.74"], role="supervisor")
        sari = app.stub.private_user(user_id=SARI, first_name="Sari", started=True)
        budi = app.stub.private_user(user_id=BUDI, first_name="Budi", started=True)
        rina = app.stub.private_user(user_id=RINA, first_name="Rina", started=True)
        reference = await file_case(app, WARGA)
        first = await active_assignment(app.uow, reference)

        offered = await sari.wait_for(reference)
        await sari.press("↩️ Tolak")
        await sari.wait_for("Mengapa Anda menolak?")
        await sari.press("Beban kasus penuh")
        declined = await sari.wait_for("Anda menolak kasus ini")
        assert declined.message_id == offered.message_id
        assert reference in declined.text and "Cerita" not in declined.text

        await budi.wait_for(reference)
        await budi.press("↩️ Tolak")
        await budi.wait_for("Mengapa Anda menolak?")
        await budi.press("Lainnya (tulis)")
        await budi.wait_for("Tulis alasan Anda menolak")
        await budi.send("Saya sedang pelatihan di luar kota minggu ini.")
        await budi.wait_for("Alasan dicatat")
        await rina.wait_for(reference)

        late = await sari.forge_callback(f"w:acc:{first.id}", offered.message_id)
        assert await answer_to(app.stub, late) == (
            "Kasus ini sudah tidak aktif atau sudah dialihkan.",
            True,
        )
        holders = [(a.worker_id, a.decline_reason) for a in await rows(app.uow, Assignment)]
        workers = {w.telegram_user_id: w.id for w in await rows(app.uow, Worker)}
        assert holders == [
            (workers[SARI], "load"),
            (workers[BUDI], "other: Saya sedang pelatihan di luar kota minggu ini."),
            (workers[RINA], None),
        ]
        print(budi.transcript())


async def test_tugas_kasus_and_the_duty_switch(database_url: str) -> None:
    async with running_app(database_url) as app:
        await add_worker(app.uow, "Sari", SARI, ["31.74"])
        await add_worker(app.uow, "Rina", RINA, ["31.74"], role="supervisor")
        sari = app.stub.private_user(user_id=SARI, first_name="Sari", started=True)
        rina = app.stub.private_user(user_id=RINA, first_name="Rina", started=True)
        calm = await file_case(app, WARGA)
        urgent = await file_case(app, WARGA, danger=True)
        await sari.wait_for(calm)
        await sari.wait_for(urgent)

        await sari.command("/tugas")
        listing = await sari.wait_for("Kasus Anda yang masih terbuka (2)")
        assert listing.text.index(urgent) < listing.text.index(calm)
        assert "WIB" in listing.text
        await sari.press(f"🔴 {urgent}")
        opened = await sari.wait_for(urgent)
        assert [b.text for b in opened.buttons] == ["✅ Terima", "↩️ Tolak"]

        typed = calm.lower().replace("-", " ")
        await sari.command("/kasus", typed)
        await sari.wait_for(f"📋 {calm}")
        await sari.command("/kasus", "LS-0000-0000")
        await sari.wait_for("tidak ditemukan")

        await sari.command("/libur")
        await sari.wait_for("Anda sekarang libur")
        assert [w.on_duty for w in await rows(app.uow, Worker) if w.telegram_user_id == SARI] == [
            False
        ]
        await sari.command("/bertugas")
        await sari.wait_for("Anda sekarang bertugas")
        await sari.command("/wilayah")
        await sari.wait_for("khusus untuk supervisor")
        await rina.command("/wilayah")
        await rina.wait_for("Kasus terbuka: 2")

        stranger = app.stub.private_user(user_id=WARGA, first_name="Warga")
        await stranger.command("/tugas")
        await stranger.wait_for("khusus untuk pekerja sosial")
        print(sari.transcript())


async def test_forged_buttons_are_refused_audited_and_change_nothing(database_url: str) -> None:
    async with running_app(database_url) as app:
        await add_worker(app.uow, "Sari", SARI, ["31.74"])
        await add_worker(app.uow, "Eka", EKA, ["32.73"])
        sari = app.stub.private_user(user_id=SARI, first_name="Sari", started=True)
        eka = app.stub.private_user(user_id=EKA, first_name="Eka")
        reference = await file_case(app, WARGA)
        await sari.wait_for(reference)
        assignment = await active_assignment(app.uow, reference)

        await eka.command("/start")
        await eka.wait_for()
        stolen = await eka.forge_callback(f"w:acc:{assignment.id}", 1)
        assert await answer_to(app.stub, stolen) == (
            "Maaf, Anda tidak berwenang untuk kasus ini.",
            True,
        )
        garbage = await eka.forge_callback("w:co:1:'; DROP TABLE report;--", 1)
        assert (await answer_to(app.stub, garbage))[1] is True
        await eka.command("/kasus", reference)
        await eka.wait_for("tidak ditemukan")

        after = await active_assignment(app.uow, reference)
        assert after.accepted_at is None and after.worker_id == assignment.worker_id
        audit = [(a.actor, a.detail.get("attempted")) for a in await rows(app.uow, AuditLog)]
        assert (f"telegram:{EKA}", "accept") in audit
        assert (f"telegram:{EKA}", "malformed") in audit
        assert (f"telegram:{EKA}", "view") in audit
        print(eka.transcript())
