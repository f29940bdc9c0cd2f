"""The reporter's /start: first contact, consent, a report in progress, groups, blocked accounts."""

from __future__ import annotations

from dataclasses import replace

from bot import texts
from tests.bot.harness import BotUnderTest, shown
from tests.bot.reporter.arrange import (
    AGE_QUESTION,
    CONSENT_ID,
    DANGER_QUESTION,
    RELATION_QUESTION,
    STORY,
    STORY_QUESTION,
    asked,
    buttons,
    consent,
    label,
    question_text,
    resume,
    seed_draft,
    seed_state,
    state_at,
)
from triage.domain.intake import catalog as c
from triage.domain.intake.catalog import Step
from triage.domain.intake.prompts import CONSENT_TEXT
from triage.services.intake.reporter import set_blocked
from triage.storage.tables import ChatProfile, Draft


async def test_first_contact_shows_the_privacy_note_and_the_language_choice(
    harness: BotUnderTest,
) -> None:
    user = harness.user(1001)
    await user.command("/start")
    note = await user.wait_for("Lapor Sosial menerima")
    assert note.text == harness.text(CONSENT_TEXT)
    assert note.button_texts() == [CONSENT_ID, "I agree (English)", "Tidak jadi / No thanks"]
    draft = await harness.row(Draft, 1001)
    profile = await harness.row(ChatProfile, 1001)
    assert draft is not None and draft.step == Step.CONSENT
    assert profile is not None and profile.consented_at is None


async def test_consent_is_written_into_the_note_and_the_first_question_follows(
    harness: BotUnderTest,
) -> None:
    user = harness.user(1001)
    question = await consent(user)
    note = shown(user, question.message_id - 1)
    assert note.text.endswith(f"\n➜ {CONSENT_ID}") and note.inline_buttons == []
    assert question.text == DANGER_QUESTION
    assert question.button_texts() == buttons(Step.DANGER)
    assert harness.stub.answered_callbacks[-1][1] is None  # the press is answered quietly
    profile = await harness.row(ChatProfile, 1001)
    draft = await harness.row(Draft, 1001)
    assert profile is not None and profile.consented_at is not None and profile.language == "id"
    assert draft is not None and (draft.step, draft.prompt_message_id) == (
        Step.DANGER,
        question.message_id,
    )


async def test_consent_in_english_asks_in_english(harness: BotUnderTest) -> None:
    user = harness.user(1001, language_code="en")
    await user.command("/start")
    await user.wait_for("Lapor Sosial")
    await user.press("I agree (English)")
    english = question_text(Step.DANGER, "en")
    first = await user.wait_for(english)
    assert first.text == english != DANGER_QUESTION
    shown_buttons = first.button_texts()
    assert shown_buttons == buttons(Step.DANGER, "en")
    assert not set(shown_buttons) & set(buttons(Step.DANGER))  # not one left in Indonesian
    profile = await harness.row(ChatProfile, 1001)
    assert profile is not None and profile.language == "en"


async def test_declining_consent_keeps_no_draft(harness: BotUnderTest) -> None:
    user = harness.user(1001)
    await user.command("/start")
    await user.wait_for("Lapor Sosial")
    await user.press("Tidak jadi / No thanks")
    await user.wait_for("Tidak ada yang disimpan")
    assert await harness.rows(Draft) == []
    profile = await harness.row(ChatProfile, 1001)
    assert profile is not None and profile.consented_at is None


async def test_start_in_the_middle_offers_to_continue_and_changes_nothing(
    harness: BotUnderTest,
) -> None:
    before = await seed_draft(harness.deps, 1001, Step.AGE)
    user = harness.user(1001)
    await user.command("/start")
    offer = await user.wait_for(harness.text(texts.CONTINUE_OR_RESTART))
    assert offer.button_texts() == ["Lanjutkan", "Mulai dari awal"]
    draft = await harness.row(Draft, 1001)
    assert draft is not None
    assert (draft.step, draft.version, draft.answers) == (Step.AGE, before.version, before.answers)


async def test_continuing_asks_the_same_question_again_with_the_answers_kept(
    harness: BotUnderTest,
) -> None:
    before = await seed_draft(harness.deps, 1001, Step.AGE)
    user = harness.user(1001)
    question = await resume(user, AGE_QUESTION)
    assert label(c.AGE_OPTIONS, "6-12") in question.button_texts()
    assert shown(user, question.message_id - 1).deleted  # the offer went away
    draft = await harness.row(Draft, 1001)
    assert draft is not None and draft.answers == before.answers


async def test_a_draft_saved_at_the_retired_when_question_goes_on_with_the_story(
    harness: BotUnderTest,
) -> None:
    """The time is now answered with the danger question: a draft saved at the "when" question
    (before that change: the place chosen, no time yet) continues with the story."""
    saved = state_at(harness.deps, Step.DESCRIPTION)
    answers = {k: v for k, v in saved.answers.items() if k not in ("when", "_place_check")}
    await seed_state(harness.deps, 1001, replace(saved, step=Step.WHEN, answers=answers))
    user = harness.user(1001)
    story = await resume(user, STORY_QUESTION)
    assert story.text == asked(Step.DESCRIPTION) and story.buttons == []
    await user.send(STORY)
    await user.wait_for(RELATION_QUESTION)
    draft = await harness.row(Draft, 1001)
    assert draft is not None and draft.step == Step.RELATION
    assert (draft.answers["description"], draft.answers["region_code"]) == (STORY, "31.74")


async def test_a_draft_saved_at_the_address_asks_it_then_goes_on_with_the_story(
    harness: BotUnderTest,
) -> None:
    """The address is no longer asked after the place: a draft saved there is asked it once
    more, then the story follows (the landmark is asked with it)."""
    saved = state_at(harness.deps, Step.DESCRIPTION)
    answers = {k: v for k, v in saved.answers.items() if k != "_place_check"}
    await seed_state(harness.deps, 1001, replace(saved, step=Step.ADDRESS, answers=answers))
    user = harness.user(1001)
    address = await resume(user, question_text(Step.ADDRESS))
    (skip,) = address.button_texts()
    await user.press(skip)
    story = await user.wait_for(STORY_QUESTION)
    assert story.text == asked(Step.DESCRIPTION)
    draft = await harness.row(Draft, 1001)
    assert draft is not None and draft.step == Step.DESCRIPTION
    assert (draft.answers["address"], draft.answers["region_code"]) == (None, "31.74")


async def test_starting_over_drops_the_answers_but_not_the_consent(harness: BotUnderTest) -> None:
    await seed_draft(harness.deps, 1001, Step.AGE)
    user = harness.user(1001)
    await user.command("/start")
    await user.wait_for(harness.text(texts.CONTINUE_OR_RESTART))
    await user.press("Mulai dari awal")
    await user.wait_for(DANGER_QUESTION)
    draft = await harness.row(Draft, 1001)
    assert draft is not None and (draft.step, draft.answers) == (Step.DANGER, {"language": "id"})


async def test_a_group_gets_a_pointer_to_a_private_chat_and_nothing_is_stored(
    harness: BotUnderTest,
) -> None:
    group = harness.stub.group_chat(chat_id=-5001, title="Warga RT 05")
    member = group.member(user_id=1001, first_name="Pak RT")
    await member.command("/start")
    note = await member.wait_for(harness.text(texts.GROUP_ONLY_PRIVATE))
    assert [(b.text, b.url) for b in note.buttons] == [
        ("Buka chat pribadi", "https://t.me/lapor_sosial_test_bot")
    ]
    await member.send("ada anak dipukul di sebelah rumah")
    await member.command("/status")
    await harness.settle()
    assert len(group.messages) == 2  # the two commands are answered, the text is not
    assert await harness.rows(Draft) == []
    assert await harness.rows(ChatProfile) == []


async def test_a_blocked_account_is_told_so_and_no_draft_is_made(harness: BotUnderTest) -> None:
    await set_blocked(harness.deps, 1001, True, actor="test")
    user = harness.user(1001)
    await user.command("/start")
    await user.wait_for(harness.text(texts.BLOCKED))
    assert await harness.rows(Draft) == []
