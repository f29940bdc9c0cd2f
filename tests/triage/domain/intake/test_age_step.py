"""The age question keeps what the reporter gave: a chosen band stays a band, a typed age exact."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from tests.triage.domain.fake_regions import FakeRegions
from tests.triage.domain.intake.test_flow import feed
from triage.domain.age import ChildAge
from triage.domain.intake.catalog import Step
from triage.domain.intake.facts import child_age_from_answers, facts_from_answers
from triage.domain.intake.flow import IntakeState
from triage.domain.intake.inputs import Input, Text
from triage.domain.intake.summary import summary_lines

AT = datetime(2026, 11, 23, tzinfo=UTC)


@pytest.mark.parametrize(
    ("given", "answers", "age"),
    [
        ("6-12", {"age_band": "6-12", "child_age": None}, ChildAge.band(6, 12)),
        ("0-5", {"age_band": "0-5", "child_age": None}, ChildAge.band(0, 5)),
        ("13-17", {"age_band": "13-17", "child_age": None}, ChildAge.band(13, 17)),
        ("unknown", {"age_band": "unknown", "child_age": None}, ChildAge()),
        (Text("7"), {"age_band": None, "child_age": 7}, ChildAge.exact(7)),
        (Text("12 tahun"), {"age_band": None, "child_age": 12}, ChildAge.exact(12)),
        (Text("0"), {"age_band": None, "child_age": 0}, ChildAge.exact(0)),
    ],
)
def test_the_answer_is_stored_as_given(
    given: Input | str, answers: dict[str, Any], age: ChildAge
) -> None:
    outcome = feed(IntakeState(Step.AGE), given)
    assert outcome.state.step is Step.RISKS
    assert {k: outcome.state.answers.get(k) for k in answers} == answers
    assert facts_from_answers(outcome.state.answers, AT).child_age == age


@pytest.mark.parametrize(
    ("first", "then", "age"),
    [
        (Text("7"), "6-12", ChildAge.band(6, 12)),
        ("6-12", Text("7"), ChildAge.exact(7)),
        ("0-5", "unknown", ChildAge()),
    ],
)
def test_a_changed_answer_replaces_the_earlier_one(
    first: Input | str, then: Input | str, age: ChildAge
) -> None:
    answered = feed(IntakeState(Step.AGE), first).state
    again = feed(IntakeState(Step.AGE, answered.answers, answered.version), then)
    assert facts_from_answers(again.state.answers, AT).child_age == age


@pytest.mark.parametrize(
    ("answers", "age"),
    [
        ({"age_band": "6-12", "child_age": 12}, ChildAge.band(6, 12)),  # a draft saved earlier
        ({"age_band": "unknown"}, ChildAge()),
        ({"child_age": 9}, ChildAge.exact(9)),
        ({"child_age": 40}, ChildAge()),
        ({"child_age": True}, ChildAge()),
        ({"age_band": "5-9"}, ChildAge()),  # not one of the questionnaire's bands
        ({}, ChildAge()),
    ],
)
def test_child_age_from_answers(answers: dict[str, Any], age: ChildAge) -> None:
    assert child_age_from_answers(answers) == age


@pytest.mark.parametrize(
    ("given", "value", "translate"),
    [("6-12", "6–12 tahun", True), (Text("7"), "7", False), ("unknown", "Tidak tahu", True)],
)
def test_the_summary_shows_the_age_as_given(given: Input | str, value: str, translate: bool):
    answers = feed(IntakeState(Step.AGE), given).state.answers
    (line,) = [ln for ln in summary_lines(answers, FakeRegions()) if ln.label == "Umur anak"]
    assert (line.value, line.translate) == (value, translate)


def test_a_button_that_is_no_age_option_is_refused() -> None:
    outcome = feed(IntakeState(Step.AGE), "5-9")
    assert outcome.state.step is Step.AGE
    assert outcome.notices
