"""The child's sex is asked on the age question's message: a tap marks it and the message
stays; the age answers the question. Typed answers may carry either or both."""

from __future__ import annotations

from typing import Any

import pytest

from tests.triage.domain.fake_regions import FakeRegions
from tests.triage.domain.intake.test_flow import feed
from triage.domain.age import ChildAge
from triage.domain.child_sex import ChildSex
from triage.domain.intake.catalog import Step
from triage.domain.intake.facts import child_age_from_answers, details_from_answers
from triage.domain.intake.flow import IntakeState, advance, current_prompt
from triage.domain.intake.inputs import Input, Press, Text
from triage.domain.intake.summary import summary_lines


@pytest.mark.parametrize(
    ("taps", "sex"),
    [
        (["sex-female"], ChildSex.FEMALE),
        (["sex-male"], ChildSex.MALE),
        (["sex-female", "sex-male"], ChildSex.MALE),  # changed their mind
        (["sex-female", "sex-female"], None),  # a second tap takes it back
        ([], None),  # not given: unknown
    ],
)
def test_a_sex_tap_marks_it_and_the_age_moves_on(taps: list[str], sex: ChildSex | None) -> None:
    marked = feed(IntakeState(Step.AGE), *taps)
    assert marked.state.step is Step.AGE
    prompt = current_prompt(marked.state, FakeRegions())
    assert prompt.selected == ({f"sex-{sex}"} if sex else set())
    answered = feed(marked.state, "6-12")
    assert answered.state.step is Step.RISKS
    assert details_from_answers(answered.state.answers).child_sex is sex
    assert child_age_from_answers(answered.state.answers) == ChildAge.band(6, 12)


def test_the_message_offers_the_sex_first_then_the_ages() -> None:
    prompt = current_prompt(IntakeState(Step.AGE), FakeRegions())
    assert [o.value for o in prompt.options] == [
        "sex-female", "sex-male", "0-5", "6-12", "13-17", "unknown"
    ]  # fmt: skip
    assert [o.label for o in prompt.options][:2] == ["👧 Perempuan", "👦 Laki-laki"]
    assert prompt.columns == 2  # girl | boy on the first row, the ages below
    assert "perempuan atau laki-laki" in prompt.question


@pytest.mark.parametrize(
    ("typed", "step", "said"),
    [
        ("7", Step.RISKS, {"child_age": 7}),
        ("perempuan", Step.AGE, {"child_sex": "female", "child_age": None}),
        ("cowok", Step.AGE, {"child_sex": "male"}),
        ("Perempuan, 7 tahun", Step.RISKS, {"child_sex": "female", "child_age": 7}),
        ("anak laki-laki umur 10", Step.RISKS, {"child_sex": "male", "child_age": 10}),
        ("laki2 3", Step.RISKS, {"child_sex": "male", "child_age": 3}),
        ("12 thn", Step.RISKS, {"child_sex": None, "child_age": 12}),
    ],
)
def test_typed_answers(typed: str, step: Step, said: dict[str, Any]) -> None:
    outcome = feed(IntakeState(Step.AGE), Text(typed))
    assert outcome.state.step is step
    assert {k: outcome.state.answers.get(k) for k in said} == said


def test_a_typed_age_keeps_a_sex_tapped_before() -> None:
    outcome = feed(IntakeState(Step.AGE), "sex-male", Text("9"))
    assert outcome.state.step is Step.RISKS
    assert outcome.state.answers["child_sex"] == "male"


@pytest.mark.parametrize(
    "given",
    [
        Text("cewek dan cowok"),  # both: which one?
        Text("perempuan dua"),
        Text("anak"),
        Text("laki-laki 25"),
        Press("sex-other", 1),
        Press("sex-", 1),
    ],
)
def test_what_is_not_a_sex_or_an_age_is_refused(given: Input) -> None:
    state = IntakeState(Step.AGE)
    outcome = advance(state, given, FakeRegions())
    assert outcome.state == state
    assert outcome.notices


@pytest.mark.parametrize(
    ("answers", "shown"),
    [
        ({"child_sex": "female"}, "Perempuan"),
        ({"child_sex": "male"}, "Laki-laki"),
        ({"child_sex": None}, "Tidak tahu"),
        ({}, "Tidak tahu"),  # a draft saved before the question was asked
        ({"child_sex": "x"}, "Tidak tahu"),
    ],
)
def test_the_summary_shows_the_sex(answers: dict[str, Any], shown: str) -> None:
    (line,) = [ln for ln in summary_lines(answers, FakeRegions()) if ln.label == "Jenis kelamin"]
    assert (line.value, line.translate) == (shown, True)


def test_changing_it_from_the_summary_shows_the_choices_made() -> None:
    answers = {"child_sex": "female", "age_band": "6-12", "_editing": True}
    outcome = feed(IntakeState(Step.AGE, answers), "sex-male")
    assert outcome.prompt is not None
    assert outcome.prompt.selected == {"sex-male", "6-12"}
    back = feed(outcome.state, "6-12")
    assert back.state.step is Step.SUMMARY
    assert back.state.answers["child_sex"] == "male"
