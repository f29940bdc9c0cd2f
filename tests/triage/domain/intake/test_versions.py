"""Which button presses still count: any button of the message that asks the current
question (a tap that only marks a choice redraws it with the next version, and a second tap
may be made before the redraw reaches the phone); buttons of earlier messages have expired."""

from __future__ import annotations

import pytest

from tests.triage.domain.fake_regions import FakeRegions
from triage.domain.intake.catalog import Step
from triage.domain.intake.flow import IntakeState, Outcome, advance, confirm_cancel
from triage.domain.intake.inputs import Press, Text

REGIONS = FakeRegions()


def press_all(state: IntakeState, *values: str) -> Outcome:
    """Press buttons of one message, all shown for `state.version`, one after another."""
    outcome = Outcome(state=state, prompt=None)
    for value in values:
        outcome = advance(outcome.state, Press(value, state.version), REGIONS)
        assert not outcome.expired, value
    return outcome


@pytest.mark.parametrize(
    ("step", "taps", "key", "value"),
    [
        (Step.AGE, ("sex-female", "6-12"), "child_sex", "female"),
        (Step.RISKS, ("injured", "repeated", "done"), "_risks", ["injured", "repeated"]),
        (Step.CATEGORY, ("multi", "penelantaran", "napza", "done"), "categories",
         ["penelantaran", "napza"]),
    ],
)  # fmt: skip
def test_quick_taps_on_one_message_all_count(
    step: Step, taps: tuple[str, ...], key: str, value: object
) -> None:
    outcome = press_all(IntakeState(step, version=4), *taps)
    assert outcome.state.step is not step  # the last tap answered the question
    assert outcome.state.answers[key] == value


def test_a_button_of_an_earlier_question_has_expired() -> None:
    marked = press_all(IntakeState(Step.AGE, version=4), "sex-male", "0-5")
    assert marked.state.step is Step.RISKS
    for version in (3, 4, 5):
        late = advance(marked.state, Press("0-5", version), REGIONS)
        assert late.expired and late.state == marked.state
    assert not advance(marked.state, Press("none", 6), REGIONS).expired


def test_a_typed_answer_sends_a_new_message_whose_buttons_alone_count() -> None:
    typed = advance(IntakeState(Step.AGE, version=4), Text("perempuan"), REGIONS)
    assert typed.state.step is Step.AGE and typed.state.version == 5
    assert advance(typed.state, Press("6-12", 4), REGIONS).expired
    assert not advance(typed.state, Press("6-12", 5), REGIONS).expired


def test_the_cancel_question_is_a_new_message() -> None:
    marked = press_all(IntakeState(Step.AGE, version=4), "sex-male")
    asked = confirm_cancel(marked.state)
    assert advance(asked, Press("6-12", 5), REGIONS).expired
    assert advance(asked, Press("no", asked.version), REGIONS).state.step is Step.AGE


def test_a_draft_saved_before_keeps_to_its_own_version() -> None:
    state = IntakeState(Step.DANGER, {"language": "id"}, version=7)  # no message noted
    assert advance(state, Press("now", 6), REGIONS).expired
    assert not advance(state, Press("now", 7), REGIONS).expired
