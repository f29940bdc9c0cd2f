"""What a reporter sends besides buttons: a location pin, a contact, photos and voice notes."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from bot import texts
from bot.callbacks import parse_intake
from bot.reporter.render import SEND_LOCATION, SHARE_CONTACT
from tests.bot.harness import BotUnderTest, shown
from tests.bot.reporter.arrange import (
    ANONYMOUS,
    CONTACT_QUESTION,
    DANGER_QUESTION,
    RELATION_QUESTION,
    STORY,
    STORY_QUESTION,
    SUMMARY,
    WHERE,
    asked,
    buttons,
    consent,
    resume,
    seed_draft,
)
from triage.domain.intake import catalog as c
from triage.domain.intake.catalog import Step
from triage.domain.intake.result import MEDIA_LATER, PLEASE_USE_BUTTONS
from triage.storage.tables import Draft

PIN = (-6.1754, 106.8272)  # Monas, in Kota Jakarta Pusat


async def test_a_location_pin_is_taken_at_once_and_kept(harness: BotUnderTest) -> None:
    """A pin is no longer confirmed with its own question: the story prompt shows the place it
    fell in, with a "not this one" button, and the pin stays with the answers."""
    await seed_draft(harness.deps, 1001, Step.LOCATION)
    user = harness.user(1001)
    question = await resume(user, WHERE)
    assert question.reply_keyboard is not None
    assert [b.text for row in question.reply_keyboard for b in row] == [
        harness.text(SEND_LOCATION),
        *buttons(Step.LOCATION),
    ]
    await user.reply_keyboard_press(harness.text(SEND_LOCATION), latitude=PIN[0], longitude=PIN[1])
    place = harness.deps.regions.name("31.71")
    assert place is not None
    story = await user.wait_for(STORY_QUESTION)
    assert story.text == asked(Step.DESCRIPTION, region_code="31.71", _place_check=True)
    assert place in story.text.splitlines()[0]
    assert story.button_texts() == buttons(Step.DESCRIPTION, region_code="31.71", _place_check=True)
    assert [_value(b.callback_data) for b in story.buttons] == [c.PLACE_WRONG]
    assert harness.text(texts.NOTED) in [m.text for m in user.messages]
    assert user.messages[-2].remove_keyboard  # the location keyboard is taken away first
    draft = await harness.row(Draft, 1001)
    assert draft is not None and draft.step == Step.DESCRIPTION
    assert _pin(draft.answers) == ("31.71", *PIN)
    await user.send(STORY)
    await user.wait_for(RELATION_QUESTION)
    draft = await harness.row(Draft, 1001)
    assert draft is not None and _pin(draft.answers) == ("31.71", *PIN)


async def test_not_this_place_asks_for_the_place_again_and_forgets_the_pin(
    harness: BotUnderTest,
) -> None:
    await seed_draft(harness.deps, 1001, Step.LOCATION)
    user = harness.user(1001)
    await resume(user, WHERE)
    await user.send_location(*PIN)
    story = await user.wait_for(STORY_QUESTION)
    (wrong,) = story.button_texts()
    await user.press(wrong)
    again = await user.wait_for(WHERE)
    assert again.reply_keyboard is not None  # a pin can be sent again
    assert shown(user, story.message_id).text == f"{story.text}\n➜ {wrong}"
    draft = await harness.row(Draft, 1001)
    assert draft is not None and draft.step == Step.LOCATION
    assert _pin(draft.answers) == (None, None, None)
    await user.send("jaksel")
    await user.wait_for(STORY_QUESTION)
    draft = await harness.row(Draft, 1001)
    assert draft is not None and _pin(draft.answers) == ("31.74", None, None)


def _pin(answers: Mapping[str, Any]) -> tuple[object, object, object]:
    return (answers.get("region_code"), answers.get("latitude"), answers.get("longitude"))


def _value(data: str | None) -> str | None:
    parsed = parse_intake(data or "")
    return None if parsed is None else parsed.value


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
    await user.wait_for(harness.text(PLEASE_USE_BUTTONS))
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
    await user.wait_for(RELATION_QUESTION)
    draft = await harness.row(Draft, 1001)
    assert draft is not None
    assert draft.answers["evidence"] == [
        {"kind": "photo", "file_id": "AgAC-foto-1"},
        {"kind": "voice", "file_id": "AwAC-suara-1"},
    ]
    assert "ini anaknya" not in str(draft.answers)  # a caption is not the story
    assert harness.stub.calls_to("getFile") == []  # nothing is downloaded


async def test_a_photo_with_the_story_as_its_caption_goes_straight_on(
    harness: BotUnderTest,
) -> None:
    await seed_draft(harness.deps, 1001, Step.DESCRIPTION)
    user = harness.user(1001)
    await resume(user, STORY_QUESTION)
    caption = "anak ini dipukul bapaknya semalam sampai memar, dekat masjid"
    await user.send_photo("AgAC-foto-1", caption=caption)
    await user.wait_for("Foto/suara dan ceritanya diterima.")
    await user.wait_for(RELATION_QUESTION)
    draft = await harness.row(Draft, 1001)
    assert draft is not None
    assert draft.answers["description"] == caption
    assert draft.answers["evidence"] == [{"kind": "photo", "file_id": "AgAC-foto-1"}]


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
    await user.wait_for(lambda m: m.text == DANGER_QUESTION and bool(m.buttons))
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
    assert labels == [harness.text(SHARE_CONTACT), ANONYMOUS]
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
    await user.reply_keyboard_press(ANONYMOUS)
    summary = await user.wait_for(SUMMARY)
    assert "Kontak: Anonim" in summary.text
    draft = await harness.row(Draft, 1001)
    assert draft is not None and draft.answers["contact_consent"] is False


async def test_a_sticker_mid_report_is_explained_and_the_question_asked_again(
    harness: BotUnderTest,
) -> None:
    await seed_draft(harness.deps, 1001, Step.DESCRIPTION)
    user = harness.user(1001)
    await resume(user, STORY_QUESTION)
    await user.send_sticker("CAAC-stiker-1")
    await user.wait_for("jenis pesan ini belum bisa kami baca")
    await user.wait_for(STORY_QUESTION)


async def test_a_sticker_without_a_report_says_how_to_start(harness: BotUnderTest) -> None:
    user = harness.user(1001)
    await user.send_sticker("CAAC-stiker-1")
    await user.wait_for("Ketik /start untuk membuat laporan baru")
