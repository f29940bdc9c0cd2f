"""Drafts saved under the earlier questionnaire (at the address or "when" questions, which
are no longer in the order) still finish."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from tests.triage.domain.fake_regions import FakeRegions
from tests.triage.domain.intake.test_flow import feed
from triage.domain.intake.catalog import Step
from triage.domain.intake.facts import details_from_answers, facts_from_answers
from triage.domain.intake.flow import IntakeState, advance, confirm_cancel, current_prompt
from triage.domain.intake.inputs import Input, Press, Text
from triage.domain.model import Category

# What a draft held at the address question of the earlier questionnaire.
BEFORE = {"language": "id", "consented": True, "immediate_danger": "no",
          "categories": ["penelantaran"], "age_band": "0-5", "child_age": None,
          "_risks": [], "risks_answer": "none", "region_code": "31.74",
          "latitude": None, "longitude": None}  # fmt: skip
STORY = Text("Balita tetangga ditinggal sendirian di rumah sejak kemarin pagi.")
REST = (STORY, "family", "anonymous", "submit")


@pytest.mark.parametrize(
    ("step", "saved", "first", "address"),
    [
        (Step.ADDRESS, {}, Text("Gang Mawar 3, dekat pos ronda"), "Gang Mawar 3, dekat pos ronda"),
        (Step.ADDRESS, {}, "skip", None),
        (Step.WHEN, {"address": "Jl. Melati 5"}, None, "Jl. Melati 5"),
        (Step.WHEN, {"address": None}, None, None),
    ],
)  # fmt: skip
def test_a_draft_saved_at_a_question_no_longer_asked_finishes(
    step: Step, saved: dict[str, Any], first: Input | str | None, address: str | None
) -> None:
    state = IntakeState(step, {**BEFORE, **saved}, version=9)
    asked = current_prompt(state, FakeRegions()).step
    assert asked is (Step.ADDRESS if step is Step.ADDRESS else Step.DESCRIPTION)
    done = feed(state, *([first] if first is not None else []), *REST)
    assert done.submit
    facts = facts_from_answers(done.state.answers, datetime(2026, 11, 23, tzinfo=UTC))
    assert facts.categories == (Category.PENELANTARAN,)
    assert facts.description == STORY.text
    details = details_from_answers(done.state.answers)
    assert (details.address, details.when, details.relation) == (address, None, "family")


def test_a_when_answer_being_changed_from_the_summary_goes_to_the_danger_question() -> None:
    state = IntakeState(Step.WHEN, {**BEFORE, "description": STORY.text, "_editing": True}, 9)
    assert current_prompt(state, FakeRegions()).step is Step.DANGER
    outcome = feed(state, "week")
    assert outcome.state.step is Step.SUMMARY
    assert outcome.state.answers["when"] == "week"


def test_an_address_added_from_the_summary_goes_back_to_the_summary() -> None:
    state = IntakeState(Step.SUMMARY, {**BEFORE, "description": STORY.text}, 9)
    outcome = feed(state, "edit", "edit-address", Text("RT 03 / RW 05, rumah cat hijau"))
    assert outcome.state.step is Step.SUMMARY
    assert outcome.state.answers["address"] == "RT 03 / RW 05, rumah cat hijau"


def test_a_cancel_that_returns_to_a_retired_question_goes_on_to_the_story() -> None:
    asked = confirm_cancel(IntakeState(Step.WHEN, dict(BEFORE), 9))
    assert asked.answers["_return_step"] is Step.WHEN
    back = feed(asked, "no")
    assert back.state.step is Step.DESCRIPTION


def test_a_button_of_the_retired_question_gets_a_polite_answer() -> None:
    state = IntakeState(Step.WHEN, dict(BEFORE), 9)
    outcome = advance(state, Press("today", 9), FakeRegions())  # "Hari ini" under "Kapan?"
    assert not outcome.changed
    assert outcome.notices
    assert outcome.prompt is not None and outcome.prompt.step is Step.DESCRIPTION
