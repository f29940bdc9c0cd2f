"""A story typed where a button was asked for is kept for the report, not refused and lost."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tests.triage.domain.fake_regions import FakeRegions
from tests.triage.domain.intake.test_flow import TYPICAL, feed
from triage.domain.intake import catalog as c
from triage.domain.intake.catalog import Step
from triage.domain.intake.child import TYPE_AN_AGE
from triage.domain.intake.facts import facts_from_answers
from triage.domain.intake.flow import IntakeState, advance, start
from triage.domain.intake.inputs import Press, Text
from triage.domain.intake.result import PLEASE_USE_BUTTONS
from triage.domain.intake.told_early import KEPT, KEPT_PICK_A_BUTTON, TOLD_EARLY

REGIONS = FakeRegions()
TOLD = "tolong anak tetangga dipukuli bapaknya sampai pingsan"
SENT_AT = datetime(2026, 11, 23, tzinfo=UTC)


def at(step: Step) -> IntakeState:
    return feed(start(consented=False).state, *TYPICAL[: _answers_before(step)]).state


def _answers_before(step: Step) -> int:
    """How many of the typical answers come before `step` is asked."""
    return {Step.DANGER: 1, Step.CATEGORY: 2, Step.AGE: 3, Step.RISKS: 5, Step.RELATION: 8}[step]


@pytest.mark.parametrize("step", [Step.DANGER, Step.CATEGORY, Step.RISKS])
def test_a_story_typed_at_a_button_question_is_kept_and_the_question_asked_again(
    step: Step,
) -> None:
    state = at(step)
    assert state.step is step
    outcome = advance(state, Text(TOLD), REGIONS)
    assert outcome.state.step is step
    assert outcome.state.answers[TOLD_EARLY] == TOLD
    assert [n.msgid for n in outcome.notices] == [KEPT_PICK_A_BUTTON]
    assert outcome.prompt is not None and outcome.prompt.step is step
    assert outcome.prompt.version == outcome.state.version  # its buttons answer


def test_at_the_age_question_the_hint_to_type_an_age_stays() -> None:
    outcome = advance(at(Step.AGE), Text(TOLD), REGIONS)
    assert outcome.state.answers[TOLD_EARLY] == TOLD
    assert [n.msgid for n in outcome.notices] == [KEPT, TYPE_AN_AGE]


@pytest.mark.parametrize(
    "typed",
    ["halo??? anaknya dipukul", "ok kirim aja", "😭😭😭 😭 😭", "x" * 4000, "1 2 3 4 5"],
)
def test_a_few_words_or_no_words_are_refused_as_before(typed: str) -> None:
    state = at(Step.CATEGORY)
    outcome = advance(state, Text(typed), REGIONS)
    assert not outcome.changed and outcome.state == state
    assert [n.msgid for n in outcome.notices] == [PLEASE_USE_BUTTONS]


def test_nothing_is_kept_before_consent() -> None:
    state = start(consented=False).state
    outcome = advance(state, Text(TOLD), REGIONS)
    assert not outcome.changed and TOLD_EARLY not in outcome.state.answers


def test_the_story_question_offers_what_was_told_and_a_tap_makes_it_the_story() -> None:
    state = advance(at(Step.CATEGORY), Text(TOLD), REGIONS).state
    outcome = feed(state, *TYPICAL[2:7])  # category … the place
    assert outcome.state.step is Step.DESCRIPTION
    prompt = outcome.prompt
    assert prompt is not None and prompt.values["told"] == TOLD
    assert [o.value for o in prompt.options] == [c.STORY_AS_TOLD, c.PLACE_WRONG]
    told = feed(outcome.state, c.STORY_AS_TOLD)
    assert told.state.step is Step.RELATION
    assert told.state.answers["description"] == TOLD
    assert told.state.answers[TOLD_EARLY] is None


def test_a_story_typed_at_the_story_question_follows_what_was_told() -> None:
    state = advance(at(Step.DANGER), Text(TOLD), REGIONS).state
    outcome = feed(state, *TYPICAL[1:8])  # danger … the story
    sent = feed(outcome.state, "neighbour", "anonymous", "submit")
    assert sent.submit
    facts = facts_from_answers(sent.state.answers, SENT_AT)
    story = TYPICAL[7]
    assert isinstance(story, Text)
    assert facts.description == f"{TOLD}\n{story.text}"


def test_after_the_story_more_typed_at_a_button_question_is_added_to_it() -> None:
    state = at(Step.RELATION)
    story = state.answers["description"]
    outcome = advance(state, Text("oh iya bapaknya juga sering mabuk tiap malam"), REGIONS)
    assert outcome.state.step is Step.RELATION
    added = "oh iya bapaknya juga sering mabuk tiap malam"
    assert outcome.state.answers["description"] == f"{story}\n{added}"
    assert TOLD_EARLY not in outcome.state.answers


def test_what_would_make_the_story_too_long_is_refused_not_cut() -> None:
    state = at(Step.CATEGORY)
    long = "kata " * (c.LIMITS["description_max_chars"] // 5 + 1)
    outcome = advance(state, Text(long), REGIONS)
    assert not outcome.changed and [n.msgid for n in outcome.notices] == [PLEASE_USE_BUTTONS]


def test_a_place_typed_where_the_place_is_asked_is_the_place_not_a_story() -> None:
    state = at(Step.RISKS)
    outcome = feed(state, "none", Text("kota jakarta selatan dekat pasar minggu"))
    assert TOLD_EARLY not in outcome.state.answers


def test_the_old_buttons_still_answer_after_a_story_was_kept() -> None:
    state = at(Step.CATEGORY)
    kept = advance(state, Text(TOLD), REGIONS).state
    outcome = advance(kept, Press("kekerasan_fisik", state.version), REGIONS)
    assert not outcome.expired and outcome.state.step is Step.AGE
