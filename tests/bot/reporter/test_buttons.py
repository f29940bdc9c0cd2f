"""Answering the reporter's questions with buttons: in place, typed instead, stale or forged."""

from __future__ import annotations

from bot import texts
from tests.bot.harness import BotUnderTest, shown
from tests.bot.reporter.arrange import (
    AGE_QUESTION,
    CANCEL_QUESTION,
    CATEGORY_QUESTION,
    DANGER_QUESTION,
    DELETE,
    RELATION_QUESTION,
    RISKS_QUESTION,
    TODAY,
    WHERE,
    buttons,
    consent,
    label,
    resume,
    seed_draft,
)
from triage.domain.intake import catalog as c
from triage.domain.intake.catalog import DANGER_ANSWERS, Step
from triage.domain.intake.result import EMERGENCY_NUMBERS, PLEASE_USE_BUTTONS
from triage.domain.intake.told_early import KEPT_PICK_A_BUTTON, TOLD_EARLY
from triage.storage.tables import Draft

EXPIRED = texts.BUTTON_EXPIRED


async def test_a_pressed_answer_is_written_into_its_question_and_the_next_one_follows(
    harness: BotUnderTest,
) -> None:
    user = harness.user(1001)
    question = await consent(user)
    await user.press(TODAY)
    following = await user.wait_for(CATEGORY_QUESTION)
    answered = shown(user, question.message_id)
    assert (answered.text, answered.inline_buttons) == (f"{DANGER_QUESTION}\n➜ {TODAY}", [])
    assert label(c.CATEGORY_OPTIONS, "kekerasan_fisik") in following.button_texts()
    draft = await harness.row(Draft, 1001)
    assert draft is not None and draft.step == Step.CATEGORY
    said = (draft.answers["immediate_danger"], draft.answers["when"])
    assert said == DANGER_ANSWERS["today"] == ("no", "today")


async def test_yes_to_danger_shows_the_emergency_numbers_before_the_next_question(
    harness: BotUnderTest,
) -> None:
    user = harness.user(1001)
    await consent(user)
    await user.press(label(c.DANGER_OPTIONS, "now"))
    await user.wait_for(CATEGORY_QUESTION)
    texts_shown = [m.text for m in user.messages]
    assert texts_shown[-2:] == [harness.text(EMERGENCY_NUMBERS), CATEGORY_QUESTION]
    draft = await harness.row(Draft, 1001)
    assert draft is not None
    assert (draft.answers["immediate_danger"], draft.answers["when"]) == DANGER_ANSWERS["now"]


async def test_choosing_several_redraws_the_same_message_in_place(harness: BotUnderTest) -> None:
    await seed_draft(harness.deps, 1001, Step.CATEGORY)
    user = harness.user(1001)
    question = await resume(user, CATEGORY_QUESTION)
    sexual = label(c.CATEGORY_OPTIONS, "kekerasan_seksual")
    await user.press("➕ Pilih lebih dari satu")
    redrawn = await user.wait_for("Pilih semua yang sesuai")
    await user.press(sexual)
    ticked = await user.wait_for(lambda m: f"✓ {sexual}" in m.button_texts())
    assert question.message_id == redrawn.message_id == ticked.message_id
    assert ticked.edits == 2 and "Lanjut ➡️" in ticked.button_texts()
    await user.press("Lanjut ➡️")
    await user.wait_for(AGE_QUESTION)
    draft = await harness.row(Draft, 1001)
    assert draft is not None and draft.answers["categories"] == ["kekerasan_seksual"]
    assert all(text is None for _q, text, _alert in harness.stub.answered_callbacks)


async def test_a_quick_second_tap_on_the_asking_message_is_honoured(
    harness: BotUnderTest,
) -> None:
    """Girl/boy only marks a choice and redraws the message; the age tapped on the message as
    it looked before that redraw still answers (it used to answer "expired")."""
    await seed_draft(harness.deps, 1001, Step.AGE)
    user = harness.user(1001)
    question = await resume(user, AGE_QUESTION)
    girl, band = label(c.SEX_OPTIONS, "sex-female"), label(c.AGE_OPTIONS, "6-12")
    age_data = next(b.callback_data for b in question.buttons if b.text == band)
    assert age_data is not None
    first = await user.press(girl)
    second = await user.forge_callback(age_data, question.message_id)  # before the redraw
    assert await harness.answer_to(first) == (None, False)
    assert await harness.answer_to(second) == (None, False)
    await user.wait_for(RISKS_QUESTION)
    assert shown(user, question.message_id).text == f"{AGE_QUESTION}\n➜ {band}"
    draft = await harness.row(Draft, 1001)
    assert draft is not None and draft.step == Step.RISKS
    assert (draft.answers["child_sex"], draft.answers["age_band"]) == ("female", "6-12")
    girl_data = next(b.callback_data for b in question.buttons if b.text == girl)
    assert girl_data is not None  # once answered, the message's buttons have expired
    late = await user.forge_callback(girl_data, question.message_id)
    assert await harness.answer_to(late) == (harness.text(EXPIRED), False)
    after = await harness.row(Draft, 1001)
    assert after is not None and (after.version, after.answers) == (draft.version, draft.answers)


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
    await user.press(label(c.CATEGORY_OPTIONS, "anak_jalanan"))
    await user.wait_for(AGE_QUESTION)


async def test_a_typed_yes_or_no_counts_as_the_button(harness: BotUnderTest) -> None:
    user = harness.user(1001)
    await consent(user)
    await user.send("tidak")
    await user.wait_for(CATEGORY_QUESTION)
    draft = await harness.row(Draft, 1001)
    assert draft is not None and draft.answers["immediate_danger"] == "no"
    assert draft.answers["when"] == DANGER_ANSWERS["no"][1]


async def test_a_typed_yes_shows_the_emergency_numbers(harness: BotUnderTest) -> None:
    user = harness.user(1001)
    await consent(user)
    await user.send("ya")
    await user.wait_for(CATEGORY_QUESTION)
    assert harness.text(EMERGENCY_NUMBERS) in [m.text for m in user.messages]
    draft = await harness.row(Draft, 1001)
    assert draft is not None
    assert (draft.answers["immediate_danger"], draft.answers["when"]) == DANGER_ANSWERS["yes"]


async def test_an_old_button_answers_expired_and_changes_nothing(harness: BotUnderTest) -> None:
    user = harness.user(1001)
    question = await consent(user)
    right_now = label(c.DANGER_OPTIONS, "now")
    old_now = next(b.callback_data for b in question.buttons if b.text == right_now)
    assert old_now is not None
    await user.press(TODAY)
    await user.wait_for(CATEGORY_QUESTION)
    before = await harness.row(Draft, 1001)
    pressed = await user.forge_callback(old_now, question.message_id)
    assert await harness.answer_to(pressed) == (harness.text(EXPIRED), False)
    after = await harness.row(Draft, 1001)
    assert before is not None and after is not None
    assert (after.version, after.answers) == (before.version, before.answers)
    assert shown(user, question.message_id).text == f"{DANGER_QUESTION}\n➜ {TODAY}"


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
    assert question.button_texts() == buttons(Step.DANGER)
    for data, (msgid, alert) in FORGED:
        pressed = await user.forge_callback(data, question.message_id)
        told = None if msgid is None else harness.text(msgid)
        assert await harness.answer_to(pressed) == (told, alert), data
    draft = await harness.row(Draft, 1001)
    assert draft is not None and (draft.step, draft.version) == (Step.DANGER, 2)
    assert shown(user, question.message_id).text == DANGER_QUESTION


async def test_a_button_after_the_report_was_cancelled_answers_expired(
    harness: BotUnderTest,
) -> None:
    user = harness.user(1001)
    question = await consent(user)
    await user.command("/batal")
    await user.wait_for(CANCEL_QUESTION)
    await user.press(DELETE)
    await user.wait_for("dibatalkan")
    old_today = next(b.callback_data for b in question.buttons if b.text == TODAY)
    assert old_today is not None
    pressed = await user.forge_callback(old_today, question.message_id)
    assert await harness.answer_to(pressed) == (harness.text(EXPIRED), False)
    assert await harness.rows(Draft) == []


async def test_a_press_saved_whose_next_question_never_came_shows_it_when_pressed_again(
    harness: BotUnderTest,
) -> None:
    """The answer was saved, then sending the next question failed (the reporter was told
    to try again): pressing again on the same message shows the question, changing nothing."""
    user = harness.user(1001)
    question = await consent(user)
    today = next(b.callback_data for b in question.buttons if b.text == TODAY)
    assert today is not None
    harness.stub.fail_next("sendMessage", error_code=500)
    await user.press(TODAY)
    await harness.settle()
    assert len(harness.failures) == 1  # the injected failure, answered with an apology
    harness.failures.clear()
    before = await harness.row(Draft, 1001)

    await user.forge_callback(today, question.message_id)  # the same button once more
    await user.wait_for(CATEGORY_QUESTION)
    after = await harness.row(Draft, 1001)
    assert before is not None and after is not None and before.step == "category"
    assert (after.version, after.answers) == (before.version, before.answers)


async def test_a_story_typed_instead_of_a_button_is_kept_and_offered_as_the_story(
    harness: BotUnderTest,
) -> None:
    told = "tolong anak tetangga dipukuli bapaknya sampai pingsan"
    await seed_draft(harness.deps, 1001, Step.RISKS)
    user = harness.user(1001)
    first = await resume(user, RISKS_QUESTION)
    await user.send(told)
    await user.wait_for(harness.text(KEPT_PICK_A_BUTTON))
    again = await user.wait_for(lambda m: m.text == RISKS_QUESTION and bool(m.buttons))
    assert shown(user, first.message_id).inline_buttons == []  # one live keyboard at a time
    draft = await harness.row(Draft, 1001)
    assert draft is not None and draft.answers[TOLD_EARLY] == told
    await user.press(buttons(Step.RISKS)[-2])  # "none of these"
    await user.wait_for(WHERE)
    await user.send("jaksel")
    story = await user.wait_for(lambda m: told in m.text and bool(m.buttons))
    assert again.message_id < story.message_id
    await user.press(buttons(Step.DESCRIPTION, **{TOLD_EARLY: told})[0])
    await user.wait_for(RELATION_QUESTION)
    draft = await harness.row(Draft, 1001)
    assert draft is not None
    assert (draft.answers["description"], draft.answers[TOLD_EARLY]) == (told, None)
