"""Answering the reporter's questions with buttons: in place, typed instead, stale or forged."""

from __future__ import annotations

from tests.bot.harness import BotUnderTest, shown
from tests.bot.reporter.arrange import DANGER_QUESTION, consent, resume, seed_draft
from triage.domain.intake.catalog import Step
from triage.domain.intake.result import EMERGENCY_NUMBERS, PLEASE_USE_BUTTONS
from triage.storage.tables import Draft

CATEGORY_QUESTION = "Apa yang terjadi pada anak itu? Pilih yang paling sesuai."
EXPIRED = "Tombol ini sudah tidak berlaku. Silakan gunakan pesan terbaru."


async def test_a_pressed_answer_is_written_into_its_question_and_the_next_one_follows(
    harness: BotUnderTest,
) -> None:
    user = harness.user(1001)
    question = await consent(user)
    await user.press("Tidak")
    following = await user.wait_for(CATEGORY_QUESTION)
    answered = shown(user, question.message_id)
    assert (answered.text, answered.inline_buttons) == (f"{DANGER_QUESTION}\n➜ Tidak", [])
    assert "Kekerasan fisik (dipukul, dianiaya)" in following.button_texts()
    draft = await harness.row(Draft, 1001)
    assert draft is not None and draft.step == Step.CATEGORY
    assert draft.answers["immediate_danger"] == "no"


async def test_yes_to_danger_shows_the_emergency_numbers_before_the_next_question(
    harness: BotUnderTest,
) -> None:
    user = harness.user(1001)
    await consent(user)
    await user.press("Ya")
    await user.wait_for(CATEGORY_QUESTION)
    texts_shown = [m.text for m in user.messages]
    assert texts_shown[-2:] == [harness.text(EMERGENCY_NUMBERS), CATEGORY_QUESTION]


async def test_choosing_several_redraws_the_same_message_in_place(harness: BotUnderTest) -> None:
    await seed_draft(harness.deps, 1001, Step.CATEGORY)
    user = harness.user(1001)
    question = await resume(user, CATEGORY_QUESTION)
    await user.press("➕ Pilih lebih dari satu")
    redrawn = await user.wait_for("Pilih semua yang sesuai")
    await user.press("Kekerasan seksual")
    ticked = await user.wait_for(lambda m: "✓ Kekerasan seksual" in m.button_texts())
    assert question.message_id == redrawn.message_id == ticked.message_id
    assert ticked.edits == 2 and "Lanjut ➡️" in ticked.button_texts()
    await user.press("Lanjut ➡️")
    await user.wait_for("Berapa umur anak itu?")
    draft = await harness.row(Draft, 1001)
    assert draft is not None and draft.answers["categories"] == ["kekerasan_seksual"]
    assert all(text is None for _q, text, _alert in harness.stub.answered_callbacks)


async def test_typing_instead_of_a_button_asks_politely_and_loses_nothing(
    harness: BotUnderTest,
) -> None:
    await seed_draft(harness.deps, 1001, Step.CATEGORY)
    user = harness.user(1001)
    first = await resume(user, CATEGORY_QUESTION)
    before = await harness.row(Draft, 1001)
    await user.send("halo??? anaknya dipukul")
    await user.wait_for(harness.text(PLEASE_USE_BUTTONS))
    again = await user.wait_for(lambda m: m.text == CATEGORY_QUESTION and bool(m.buttons))
    assert again.message_id > first.message_id
    assert shown(user, first.message_id).inline_buttons == []  # one live keyboard at a time
    assert again.button_texts() == first.button_texts()
    after = await harness.row(Draft, 1001)
    assert before is not None and after is not None
    assert (after.step, after.version, after.answers) == (
        before.step,
        before.version,
        before.answers,
    )
    await user.press("Anak jalanan")
    await user.wait_for("Berapa umur anak itu?")


async def test_a_typed_yes_or_no_counts_as_the_button(harness: BotUnderTest) -> None:
    user = harness.user(1001)
    await consent(user)
    await user.send("tidak")
    await user.wait_for(CATEGORY_QUESTION)
    draft = await harness.row(Draft, 1001)
    assert draft is not None and draft.answers["immediate_danger"] == "no"


async def test_an_old_button_answers_expired_and_changes_nothing(harness: BotUnderTest) -> None:
    user = harness.user(1001)
    question = await consent(user)
    old_yes = next(b.callback_data for b in question.buttons if b.text == "Ya")
    assert old_yes is not None
    await user.press("Tidak")
    await user.wait_for(CATEGORY_QUESTION)
    before = await harness.row(Draft, 1001)
    pressed = await user.forge_callback(old_yes, question.message_id)
    assert await harness.answer_to(pressed) == (EXPIRED, False)
    after = await harness.row(Draft, 1001)
    assert before is not None and after is not None
    assert (after.version, after.answers) == (before.version, before.answers)
    assert shown(user, question.message_id).text == f"{DANGER_QUESTION}\n➜ Tidak"


FORGED = [
    ("i:abc:yes", (EXPIRED, False)),  # not a version
    ("i:2", (EXPIRED, False)),  # no value
    ("i:2:maybe", (PLEASE_USE_BUTTONS, True)),  # not an option of this question
    ("zzz", (EXPIRED, False)),  # no known prefix
    ("r:LS-XXXX-XXXX:9", (EXPIRED, False)),  # no such rating
    ("l:fr", (None, False)),  # no such language: answered quietly
]


async def test_buttons_the_bot_never_made_are_answered_and_change_nothing(
    harness: BotUnderTest,
) -> None:
    user = harness.user(1001)
    question = await consent(user)
    for data, answer in FORGED:
        pressed = await user.forge_callback(data, question.message_id)
        assert await harness.answer_to(pressed) == answer, data
    draft = await harness.row(Draft, 1001)
    assert draft is not None and (draft.step, draft.version) == (Step.DANGER, 2)
    assert shown(user, question.message_id).text == DANGER_QUESTION


async def test_a_button_after_the_report_was_cancelled_answers_expired(
    harness: BotUnderTest,
) -> None:
    user = harness.user(1001)
    question = await consent(user)
    await user.command("/batal")
    await user.wait_for("Batalkan laporan ini?")
    await user.press("Ya, hapus")
    await user.wait_for("dibatalkan")
    old_no = next(b.callback_data for b in question.buttons if b.text == "Tidak")
    assert old_no is not None
    pressed = await user.forge_callback(old_no, question.message_id)
    assert await harness.answer_to(pressed) == (EXPIRED, False)
    assert await harness.rows(Draft) == []
