"""Emoji, HTML and very long messages: answered politely, stored as plain text, never parsed."""

from __future__ import annotations

import pytest

from tests.bot.harness import BotUnderTest
from tests.bot.reporter.arrange import (
    ANONYMOUS,
    CONTACT_QUESTION,
    RELATION_QUESTION,
    STORY_QUESTION,
    SUMMARY,
    WHERE,
    consent,
    label,
    resume,
    seed_draft,
)
from triage.domain.intake import catalog as c
from triage.domain.intake.catalog import Step
from triage.domain.intake.result import PLEASE_USE_BUTTONS
from triage.storage.tables import Draft

MARKUP_STORY = (
    "<b>Anak</b> & <i>adiknya</i> dipukul 😢😢 tiap malam <script>alert('x')</script> "
    '<a href="http://x.test">lihat</a> *tebal* _miring_ `kode`'
)


@pytest.mark.parametrize("typed", ["😀😀😀", "<b>ya</b>", "x" * 4000])
async def test_odd_text_at_a_button_question_gets_the_buttons_hint(
    harness: BotUnderTest, typed: str
) -> None:
    user = harness.user(1001)
    await consent(user)
    await user.send(typed)
    await user.wait_for(harness.text(PLEASE_USE_BUTTONS))
    draft = await harness.row(Draft, 1001)
    assert draft is not None and (draft.step, draft.version) == (Step.DANGER, 2)


async def test_a_story_with_markup_and_emoji_is_kept_verbatim_and_shown_as_plain_text(
    harness: BotUnderTest,
) -> None:
    await seed_draft(harness.deps, 1001, Step.DESCRIPTION)
    user = harness.user(1001)
    await resume(user, STORY_QUESTION)
    await user.send(MARKUP_STORY)
    await user.wait_for(RELATION_QUESTION)
    draft = await harness.row(Draft, 1001)
    assert draft is not None and draft.answers["description"] == MARKUP_STORY
    await user.press(label(c.RELATION_OPTIONS, "neighbour"))
    await user.wait_for(CONTACT_QUESTION)
    await user.reply_keyboard_press(ANONYMOUS)
    summary = await user.wait_for(SUMMARY)
    assert "<b>Anak</b> & <i>adiknya</i> dipukul 😢😢" in summary.text
    assert all(m.parse_mode is None for m in user.messages)
    assert harness.stub.errors == []


async def test_a_4000_character_story_is_refused_politely_and_not_stored(
    harness: BotUnderTest,
) -> None:
    await seed_draft(harness.deps, 1001, Step.DESCRIPTION)
    user = harness.user(1001)
    await resume(user, STORY_QUESTION)
    await user.send(("Anak itu dipukul. " * 223)[:4000])
    told = await user.wait_for("Ceritanya terlalu panjang")
    assert "(4000 karakter)" in told.text and "paling banyak 3000 karakter" in told.text
    draft = await harness.row(Draft, 1001)
    assert draft is not None and draft.step == Step.DESCRIPTION
    assert "description" not in draft.answers


async def test_a_long_or_marked_up_place_name_is_echoed_short_and_plain(
    harness: BotUnderTest,
) -> None:
    await seed_draft(harness.deps, 1001, Step.LOCATION)
    user = harness.user(1001)
    await resume(user, WHERE)
    await user.send("<b>Atlantis</b> " + "🌊" * 1990)  # 4,000 UTF-16 units, as Telegram counts
    told = await user.wait_for("Kami belum menemukan")
    assert "“<b>Atlantis</b> " in told.text and len(told.text) < 200
    await user.send("Atlantis & <i>Lemuria</i>")
    await user.wait_for("“Atlantis & <i>Lemuria</i>”")
    draft = await harness.row(Draft, 1001)
    assert draft is not None and draft.step == Step.LOCATION
    assert draft.answers.get("region_code") is None
    assert harness.stub.errors == []
