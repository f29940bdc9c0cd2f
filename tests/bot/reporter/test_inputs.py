"""What a reporter sends besides buttons: a location pin, a contact, photos and voice notes."""

from __future__ import annotations

from bot import texts
from bot.reporter.render import SEND_LOCATION, SHARE_CONTACT
from tests.bot.harness import BotUnderTest
from tests.bot.reporter.arrange import consent, resume, seed_draft
from triage.domain.intake.catalog import Step
from triage.domain.intake.result import MEDIA_LATER
from triage.storage.tables import Draft

WHERE = "Di mana anak itu?"
STORY_QUESTION = "Ceritakan apa yang terjadi"
CONTACT_QUESTION = "Bolehkah petugas menghubungi Anda"
SUMMARY = "Periksa laporan Anda."


async def test_a_location_pin_is_confirmed_then_kept(harness: BotUnderTest) -> None:
    await seed_draft(harness.deps, 1001, Step.LOCATION)
    user = harness.user(1001)
    question = await resume(user, WHERE)
    assert question.reply_keyboard is not None
    assert [b.text for row in question.reply_keyboard for b in row] == [
        harness.text(SEND_LOCATION),
        "📋 Pilih dari daftar",
    ]
    await user.reply_keyboard_press(
        harness.text(SEND_LOCATION), latitude=-6.1754, longitude=106.8272
    )
    place = harness.deps.regions.name("31.71")
    check = await user.wait_for(f"Lokasi yang Anda kirim ada di {place}. Benar?")
    assert check.button_texts() == ["Ya, benar", "Bukan, ketik lagi", "📋 Pilih dari daftar"]
    assert harness.text(texts.NOTED) in [m.text for m in user.messages]
    assert user.messages[-2].remove_keyboard  # the location keyboard is taken away first
    await user.press("Ya, benar")
    await user.wait_for("Alamat atau patokan")
    draft = await harness.row(Draft, 1001)
    assert draft is not None and draft.step == Step.ADDRESS
    answers = draft.answers
    assert (answers["region_code"], answers["latitude"], answers["longitude"]) == (
        "31.71",
        -6.1754,
        106.8272,
    )


async def test_a_pin_outside_indonesia_is_refused_politely(harness: BotUnderTest) -> None:
    await seed_draft(harness.deps, 1001, Step.LOCATION)
    user = harness.user(1001)
    await resume(user, WHERE)
    await user.send_location(48.8566, 2.3522)
    await user.wait_for("di luar Indonesia")
    draft = await harness.row(Draft, 1001)
    assert draft is not None and draft.step == Step.LOCATION
    assert "latitude" not in draft.answers or draft.answers["latitude"] is None


async def test_a_pin_at_a_button_question_is_refused(harness: BotUnderTest) -> None:
    user = harness.user(1001)
    await consent(user)
    await user.send_location(-6.1754, 106.8272)
    await user.wait_for("Mohon pilih salah satu tombol")
    draft = await harness.row(Draft, 1001)
    assert draft is not None and draft.step == Step.DANGER and "latitude" not in draft.answers


async def test_photos_and_voice_notes_during_the_story_are_kept_by_file_id(
    harness: BotUnderTest,
) -> None:
    await seed_draft(harness.deps, 1001, Step.DESCRIPTION)
    user = harness.user(1001)
    await resume(user, STORY_QUESTION)
    await user.send_photo("AgAC-foto-1", caption="ini anaknya")
    await user.wait_for("Diterima (1/5). Kirim lagi, atau ketik ceritanya.")
    await user.send_voice("AwAC-suara-1")
    await user.wait_for("Diterima (2/5)")
    await user.send("Anak itu dipukul dengan sapu sampai memar, tetangga mendengar tangisnya.")
    await user.wait_for("Apa hubungan Anda dengan anak itu?")
    draft = await harness.row(Draft, 1001)
    assert draft is not None
    assert draft.answers["evidence"] == [
        {"kind": "photo", "file_id": "AgAC-foto-1"},
        {"kind": "voice", "file_id": "AwAC-suara-1"},
    ]
    assert "ini anaknya" not in str(draft.answers)  # a caption is not the story
    assert harness.stub.calls_to("getFile") == []  # nothing is downloaded


async def test_a_sixth_photo_is_refused(harness: BotUnderTest) -> None:
    await seed_draft(harness.deps, 1001, Step.DESCRIPTION)
    user = harness.user(1001)
    await resume(user, STORY_QUESTION)
    for n in range(1, 7):
        await user.send_photo(f"AgAC-foto-{n}")
    await user.wait_for("Sudah 5 foto/suara; itu batasnya.")
    draft = await harness.row(Draft, 1001)
    assert draft is not None and len(draft.answers["evidence"]) == 5


async def test_a_photo_at_a_button_question_is_refused_politely(harness: BotUnderTest) -> None:
    user = harness.user(1001)
    await consent(user)
    await user.send_photo("AgAC-foto-1")
    await user.wait_for(harness.text(MEDIA_LATER))
    await user.wait_for(lambda m: "bahaya saat ini" in m.text and bool(m.buttons))
    await user.send_voice("AwAC-suara-1")
    await user.wait_for(harness.text(MEDIA_LATER))
    draft = await harness.row(Draft, 1001)
    assert draft is not None and draft.step == Step.DANGER and "evidence" not in draft.answers


async def test_sharing_ones_own_number_keeps_it_for_a_call_back(harness: BotUnderTest) -> None:
    await seed_draft(harness.deps, 1001, Step.CONTACT)
    user = harness.user(1001, phone_number="+6281234567890")
    question = await resume(user, CONTACT_QUESTION)
    assert question.reply_keyboard is not None
    labels = [b.text for row in question.reply_keyboard for b in row]
    assert labels == [harness.text(SHARE_CONTACT), "Tetap anonim"]
    await user.send_contact("+6289999999999", own=False, first_name="Tetangga")
    await user.wait_for("Mohon bagikan nomor Anda sendiri")
    await user.reply_keyboard_press(harness.text(SHARE_CONTACT))
    summary = await user.wait_for(SUMMARY)
    assert "+6281234567890" in summary.text and "+6289999999999" not in summary.text
    draft = await harness.row(Draft, 1001)
    assert draft is not None
    assert (draft.answers["contact_phone"], draft.answers["contact_consent"]) == (
        "+6281234567890",
        True,
    )


async def test_the_anonymous_keyboard_button_counts_as_an_answer(harness: BotUnderTest) -> None:
    await seed_draft(harness.deps, 1001, Step.CONTACT)
    user = harness.user(1001)
    await resume(user, CONTACT_QUESTION)
    await user.reply_keyboard_press("Tetap anonim")
    summary = await user.wait_for(SUMMARY)
    assert "Kontak: Anonim" in summary.text
    draft = await harness.row(Draft, 1001)
    assert draft is not None and draft.answers["contact_consent"] is False
