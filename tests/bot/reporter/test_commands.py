"""The reporter's commands: /batal, /bahasa, /status, /help, an unknown command."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from bot import texts
from tests.bot.cases import add_worker, file_case
from tests.bot.harness import BotUnderTest, shown
from tests.bot.reporter.arrange import (
    AGE_QUESTION,
    CANCEL_QUESTION,
    CATEGORY_QUESTION,
    DANGER_QUESTION,
    DELETE,
    KEEP,
    RISKS_QUESTION,
    TODAY,
    buttons,
    consent,
    label,
    resume,
    seed_draft,
)
from triage.domain.intake import catalog as c
from triage.domain.intake.catalog import Step
from triage.storage.tables import ChatProfile, Draft


async def test_cancel_asks_first_and_no_keeps_every_answer(harness: BotUnderTest) -> None:
    before = await seed_draft(harness.deps, 1001, Step.AGE)
    user = harness.user(1001)
    question = await resume(user, AGE_QUESTION)
    await user.command("/batal")
    confirm = await user.wait_for(CANCEL_QUESTION)
    assert confirm.text == CANCEL_QUESTION and confirm.button_texts() == [DELETE, KEEP]
    assert shown(user, question.message_id).inline_buttons == []
    draft = await harness.row(Draft, 1001)
    assert draft is not None and draft.step == Step.CANCEL_CONFIRM
    await user.press(KEEP)
    await user.wait_for(lambda m: m.text == AGE_QUESTION and bool(m.buttons))
    draft = await harness.row(Draft, 1001)
    assert draft is not None and draft.step == Step.AGE
    assert _answers(draft.answers) == _answers(before.answers)
    await user.press(label(c.AGE_OPTIONS, "6-12"))  # the question asked again is live
    await user.wait_for(RISKS_QUESTION)


async def test_the_buttons_of_the_question_cancel_interrupted_have_expired(
    harness: BotUnderTest,
) -> None:
    await seed_draft(harness.deps, 1001, Step.AGE)
    user = harness.user(1001)
    question = await resume(user, AGE_QUESTION)
    band = next(b.callback_data for b in question.buttons if b.text == label(c.AGE_OPTIONS, "6-12"))
    assert band is not None
    await user.command("/batal")
    await user.wait_for(CANCEL_QUESTION)
    while_asked = await user.forge_callback(band, question.message_id)
    assert await harness.answer_to(while_asked) == (harness.text(texts.BUTTON_EXPIRED), False)
    draft = await harness.row(Draft, 1001)
    assert draft is not None and draft.step == Step.CANCEL_CONFIRM
    await user.press(KEEP)
    await user.wait_for(lambda m: m.text == AGE_QUESTION and bool(m.buttons))
    after_no = await user.forge_callback(band, question.message_id)  # asked again, anew
    assert await harness.answer_to(after_no) == (harness.text(texts.BUTTON_EXPIRED), False)
    draft = await harness.row(Draft, 1001)
    assert draft is not None and draft.step == Step.AGE and "age_band" not in draft.answers


def _answers(answers: Mapping[str, Any]) -> dict[str, Any]:
    """The answers without the bookkeeping of where the draft was and which message asks."""
    return {k: v for k, v in answers.items() if k not in ("_return_step", "_asked_at")}


async def test_cancel_confirmed_deletes_the_draft(harness: BotUnderTest) -> None:
    await seed_draft(harness.deps, 1001, Step.AGE)
    user = harness.user(1001)
    await resume(user, AGE_QUESTION)
    await user.command("/cancel")
    await user.wait_for(CANCEL_QUESTION)
    await user.press(DELETE)
    await user.wait_for("Laporan dibatalkan dan jawaban Anda dihapus.")
    assert await harness.rows(Draft) == []


async def test_cancel_without_a_report_says_there_is_none(harness: BotUnderTest) -> None:
    user = harness.user(1001)
    await user.command("/batal")
    await user.wait_for(harness.text(texts.CANCELLED_NOTHING))


async def test_the_language_switch_is_remembered(harness: BotUnderTest) -> None:
    user = harness.user(1001)
    await user.command("/bahasa")
    choice = await user.wait_for(harness.text(texts.CHOOSE_LANGUAGE))
    assert choice.button_texts() == ["Bahasa Indonesia", "English"]
    await user.press("English")
    done = await user.wait_for("Language changed to English.")
    assert done.message_id == choice.message_id and done.inline_buttons == []
    profile = await harness.row(ChatProfile, 1001)
    assert profile is not None and profile.language == "en"
    await user.command("/status")
    await user.wait_for(harness.text(texts.STATUS_NONE, "en"))
    await user.command("/language")
    await user.wait_for(harness.text(texts.CHOOSE_LANGUAGE))
    await user.press("Bahasa Indonesia")
    await user.wait_for(harness.text(texts.LANGUAGE_SET))
    profile = await harness.row(ChatProfile, 1001)
    assert profile is not None and profile.language == "id"


async def test_a_double_tap_on_a_language_is_answered_without_an_apology(
    harness: BotUnderTest,
) -> None:
    user = harness.user(1001)
    await user.command("/bahasa")
    choice = await user.wait_for(harness.text(texts.CHOOSE_LANGUAGE))
    english = next(b.callback_data for b in choice.buttons if b.text == "English")
    assert english is not None
    await user.press("English")
    second = await user.forge_callback(english, choice.message_id)  # the tap before the edit
    assert await harness.answer_to(second) == (None, False)
    assert [m.text for m in user.messages] == ["Language changed to English."]  # no apology


async def test_status_lists_only_this_chats_reports(harness: BotUnderTest) -> None:
    await add_worker(harness.deps, "Sari", 2001, ["31.74"])
    mine = [await file_case(harness.deps, 1001), await file_case(harness.deps, 1001)]
    theirs = await file_case(harness.deps, 1002)
    user = harness.user(1001)
    await user.command("/status")
    listing = await user.wait_for(harness.text(texts.STATUS_HEADER))
    lines = listing.text.splitlines()
    assert len(lines) == 3 and theirs not in listing.text
    assert all(reference in listing.text for reference in mine)
    assert all(line.endswith(": sudah diteruskan ke pekerja sosial") for line in lines[1:])
    stranger = harness.user(1003)
    await stranger.command("/status")
    await stranger.wait_for(harness.text(texts.STATUS_NONE))


async def test_help_shows_what_the_bot_does(harness: BotUnderTest) -> None:
    user = harness.user(1001)
    await user.command("/help")
    await user.wait_for(harness.text(texts.HELP))
    await user.command("/bantuan")
    await user.wait_for(harness.text(texts.HELP))
    assert await harness.rows(Draft) == []


async def test_an_unknown_command_is_answered_and_the_question_asked_again(
    harness: BotUnderTest,
) -> None:
    user = harness.user(1001)
    await consent(user)
    before = await harness.row(Draft, 1001)
    await user.command("/apaini")
    await user.wait_for(harness.text(texts.UNKNOWN_COMMAND))
    again = await user.wait_for(DANGER_QUESTION)
    assert again.button_texts() == buttons(Step.DANGER)
    after = await harness.row(Draft, 1001)
    assert before is not None and after is not None
    assert (after.step, after.version, after.answers) == (
        before.step,
        before.version,
        before.answers,
    )
    await user.press(TODAY)
    await user.wait_for(CATEGORY_QUESTION)


async def test_an_unknown_command_without_a_report_is_only_answered(harness: BotUnderTest) -> None:
    user = harness.user(1001)
    await user.command("/lapor")
    await user.wait_for(harness.text(texts.UNKNOWN_COMMAND))
    await harness.settle()
    assert len(user.messages) == 1
    assert await harness.rows(Draft) == []
