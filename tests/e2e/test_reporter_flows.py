"""Scripted reporter conversations through the real bot and a Bot API stand-in over HTTP."""

from __future__ import annotations

import re

import pytest
from sqlmodel import select

from tests.e2e.conversation import tap, tap_keyboard
from tests.e2e.harness import RunningApp, add_worker, running_app
from tests.support.botapi_stub import BotApiStub
from tests.support.stub_users import ChatActor
from triage.storage.tables import ChatProfile, Draft, Report

pytestmark = pytest.mark.slow
REFERENCE = re.compile(r"LS-[0-9A-Z]{4}-[0-9A-Z]{4}")


async def answer_up_to_location(
    user: ChatActor, *, english: bool = False, quick: bool = False
) -> None:
    """Up to the place question; `quick` taps the age before the girl/boy tap is redrawn."""
    await user.command("/start")
    await tap(user, "I agree (English)" if english else "Setuju, lanjut (Bahasa Indonesia)")
    await user.wait_for("danger RIGHT NOW" if english else "bahaya SAAT INI")
    await tap(user, "Just now / today" if english else "Baru saja / hari ini")
    await tap(
        user,
        "Physical violence (hit, beaten)" if english else "Kekerasan fisik (dipukul, dianiaya)",
    )
    await user.wait_for("girl or a boy" if english else "perempuan atau laki-laki")
    await tap(user, "👦 Boy" if english else "👦 Laki-laki")
    if not quick:
        await user.wait_for(lambda m: any(b.startswith("✓ 👦") for b in m.button_texts()))
    await tap(user, "6–12 years" if english else "6–12 tahun")
    await tap(user, "None" if english else "Tidak ada")
    await user.wait_for("Type" if english else "Ketik nama")


async def finish_after_location(user: ChatActor, story: str) -> str:
    """From the story on; the place was chosen (so the story prompt offers no undo)."""
    asked = await user.wait_for("Ceritakan")
    assert "patokan" in asked.text  # the landmark is asked with the story
    return await finish_from_story(user, story)


async def finish_from_story(user: ChatActor, story: str) -> str:
    await user.send(story)
    await tap(user, "Tetangga")
    await tap_keyboard(user, "Tetap anonim")
    summary = await user.wait_for("Periksa laporan")
    assert "• Waktu: Hari ini" in summary.text  # answered with the danger question
    assert "• Jenis kelamin: Laki-laki" in summary.text
    await tap(user, "✅ Kirim laporan")
    done = await user.wait_for("Nomor laporan")
    match = REFERENCE.search(done.text)
    assert match, user.transcript()
    return match.group(0)


async def type_a_clear_place(user: ChatActor, typed: str, shown: str) -> None:
    """A name that means one place: taken at once, shown on the story prompt with an undo."""
    await user.send(typed)
    asked = await user.wait_for("Ceritakan")
    assert f"• Tempat: {shown}" in asked.text
    assert asked.button_texts() == ["📍 Bukan ini, ganti tempat"]


async def stored(app: RunningApp, reference: str) -> Report:
    async with app.uow() as uow:
        return (await uow.session.exec(select(Report).where(Report.reference == reference))).one()


async def test_english_report_with_pin_photo_and_contact(database_url: str) -> None:
    async with running_app(database_url) as app:
        user = app.stub.private_user(user_id=1101, first_name="Ann", language_code="en")
        await answer_up_to_location(user, english=True)
        await tap_keyboard(user, "📍 Send my location", latitude=-6.1754, longitude=106.8272)
        asked = await user.wait_for("in your own words")  # the pin is taken at once
        assert "• Place: Kota Jakarta Pusat, DKI Jakarta" in asked.text
        assert asked.button_texts() == ["📍 Not this one, change place"]
        await user.send_photo("AgACAgQAAx-photo-1")
        await user.wait_for("(1/5)")
        await user.send("A small boy is beaten by his uncle every night, we hear him crying.")
        await tap(user, "Neighbour")
        await tap_keyboard(user, "📱 Share my number", phone_number="+6281234567890")
        summary = await user.wait_for("check your report")
        assert "+6281234567890" in summary.text
        assert "• When: Today" in summary.text
        assert "• Sex: Boy" in summary.text
        await tap(user, "✅ Send report")
        done = await user.wait_for("Report number")
        match = REFERENCE.search(done.text)
        assert match, user.transcript()
        report = await stored(app, match.group(0))
    assert report.language == "en"
    assert report.kabkota_code == "31.71"
    assert report.latitude == pytest.approx(-6.1754)
    assert report.evidence == [{"kind": "photo", "file_id": "AgACAgQAAx-photo-1"}]
    assert report.contact_consent and report.contact_phone == "+6281234567890"
    assert report.child_sex == "male"
    assert report.immediate_danger == "no"


async def test_location_by_browsing_and_typing_again(database_url: str) -> None:
    async with running_app(database_url) as app:
        user = app.stub.private_user(user_id=1102, first_name="Dewi")
        await answer_up_to_location(user)
        await type_a_clear_place(user, "jaksel", "Kota Jakarta Selatan, DKI Jakarta")
        await tap(user, "📍 Bukan ini, ganti tempat")  # not this one: asked again
        await user.wait_for("Ketik nama")
        await tap_keyboard(user, "📋 Pilih dari daftar")
        await user.wait_for("Pilih provinsi")
        await tap(user, "Berikutnya ➡️")
        await user.wait_for(lambda m: "Lampung" in m.button_texts())
        await tap(user, "⬅️ Sebelumnya")
        await user.wait_for(lambda m: "Jawa Barat" in m.button_texts())
        await tap(user, "Jawa Barat")
        await user.wait_for("Pilih kabupaten/kota di Jawa Barat")
        await tap(user, "Kota Bandung")
        reference = await finish_after_location(
            user, "Ada anak kecil dibiarkan sendirian di rumah berhari-hari."
        )
        assert (await stored(app, reference)).kabkota_code == "32.73"


async def test_a_name_a_kabupaten_and_a_kota_share_is_asked_about(database_url: str) -> None:
    async with running_app(database_url) as app:
        user = app.stub.private_user(user_id=1110, first_name="Nur")
        await answer_up_to_location(user, quick=True)
        await user.send("Bekasi")
        asked = await user.wait_for("Maksud Anda yang mana?")
        assert asked.button_texts()[:2] == ["Kab. Bekasi, Jawa Barat", "Kota Bekasi, Jawa Barat"]
        await tap(user, "Kota Bekasi, Jawa Barat")
        reference = await finish_after_location(
            user, "Anak di kontrakan sebelah sering dikunci di luar rumah sampai malam."
        )
        assert (await stored(app, reference)).kabkota_code == "32.75"


async def test_the_kind_after_the_name_picks_the_place_at_once(database_url: str) -> None:
    async with running_app(database_url) as app:
        user = app.stub.private_user(user_id=1111, first_name="Yanti")
        await answer_up_to_location(user)
        await type_a_clear_place(user, "bekasi kab", "Kab. Bekasi, Jawa Barat")
        reference = await finish_from_story(
            user, "Anak tetangga tidak sekolah dan disuruh bekerja di pabrik, dekat pasar."
        )
        assert (await stored(app, reference)).kabkota_code == "32.16"


async def test_bad_input_gets_a_polite_answer_and_the_question_again(database_url: str) -> None:
    async with running_app(database_url) as app:
        user = app.stub.private_user(user_id=1103, first_name="Rina")
        await user.command("/start")
        await tap(user, "Setuju, lanjut (Bahasa Indonesia)")
        await user.wait_for("bahaya SAAT INI")
        await user.command("/apaini")
        await user.wait_for("tidak dikenal")
        await user.wait_for("bahaya SAAT INI")
        await user.send("halo???")
        await user.wait_for("pilih salah satu tombol")
        first = await user.wait_for(lambda m: "bahaya SAAT INI" in m.text and bool(m.buttons))
        await user.send("😀😀😀")
        await user.wait_for("pilih salah satu tombol")
        await tap(user, "Baru saja / hari ini")
        old = next(b.callback_data for b in first.buttons if b.text == "Baru saja / hari ini")
        assert old is not None
        await user.forge_callback(old, first.message_id)  # the same button, pressed again
        await user.wait_idle()
        assert "tidak berlaku" in (app.stub.answered_callbacks[-1][1] or ""), user.transcript()
        await tap(user, "Kekerasan fisik (dipukul, dianiaya)")
        await user.wait_for("perempuan atau laki-laki")
        await user.send("dua puluh")
        await user.wait_for("Ketik umur dengan angka")
        await user.send("laki-laki 9 tahun")  # typed: the sex and the age at once
        await tap(user, "Tidak ada")
        await user.send("Atlantis")
        await user.wait_for("belum menemukan")
        await user.send("x" * 5000)
        await user.wait_for("belum menemukan")
        await type_a_clear_place(user, "jaksel", "Kota Jakarta Selatan, DKI Jakarta")
        await user.send("y" * 10_000)
        await user.wait_for("terlalu panjang")
        reference = await finish_from_story(
            user, "Anak tetangga dipukul dengan sapu sampai memar di punggung."
        )
        report = await stored(app, reference)
    assert report.categories == ["kekerasan_fisik"]
    assert (report.child_age, report.child_sex) == (9, "male")
    assert "Traceback" not in user.transcript()


async def test_a_restart_in_the_middle_carries_on_at_the_same_question(database_url: str) -> None:
    async with BotApiStub() as stub:
        user = stub.private_user(user_id=1104, first_name="Tono")
        async with running_app(database_url, stub):
            await answer_up_to_location(user)
        async with running_app(database_url, stub) as app:
            await type_a_clear_place(user, "jaksel", "Kota Jakarta Selatan, DKI Jakarta")
            reference = await finish_from_story(
                user, "Anak jalanan di perempatan disuruh mengemis sampai malam."
            )
            assert (await stored(app, reference)).kabkota_code == "31.74"


async def test_cancel_asks_then_deletes_the_draft(database_url: str) -> None:
    async with running_app(database_url) as app:
        user = app.stub.private_user(user_id=1105, first_name="Ayu")
        await answer_up_to_location(user)
        await user.command("/batal")
        await user.wait_for("Batalkan laporan ini")
        await tap(user, "Ya, hapus")
        await user.wait_for("dibatalkan")
        async with app.uow() as uow:
            assert await uow.session.get(Draft, 1105) is None


async def test_start_in_the_middle_offers_to_continue(database_url: str) -> None:
    async with running_app(database_url) as app:
        user = app.stub.private_user(user_id=1106, first_name="Eko")
        await answer_up_to_location(user)
        await user.command("/start")
        await tap(user, "Lanjutkan")
        await user.wait_for("Ketik nama")
        await user.command("/start")
        await tap(user, "Mulai dari awal")
        await user.wait_for("bahaya SAAT INI")


async def test_group_chats_get_a_note_and_nothing_is_stored(database_url: str) -> None:
    async with running_app(database_url) as app:
        group = app.stub.group_chat(chat_id=-5001, title="Warga RT 05")
        member = group.member(user_id=1107, first_name="Pak RT")
        await member.command("/start")
        note = await member.wait_for("chat pribadi")
        assert note.buttons[0].url
        async with app.uow() as uow:
            assert (await uow.session.exec(select(Draft))).all() == []
            assert await uow.session.get(ChatProfile, 1107) is None


async def test_status_shows_only_this_chats_reports(database_url: str) -> None:
    async with running_app(database_url) as app:
        await add_worker(app.uow, "Sari", 2001, ["31.74"])
        reporter = app.stub.private_user(user_id=1108, first_name="Lia")
        stranger = app.stub.private_user(user_id=1109, first_name="Orang lain")
        await answer_up_to_location(reporter)
        await type_a_clear_place(reporter, "jaksel", "Kota Jakarta Selatan, DKI Jakarta")
        reference = await finish_from_story(
            reporter, "Anak tetangga sering dipukul ayahnya sampai menangis."
        )
        await reporter.command("/status")
        assert reference in (await reporter.wait_for("Laporan Anda")).text
        await stranger.command("/status")
        reply = await stranger.wait_for("Belum ada laporan")
        assert reference not in reply.text
