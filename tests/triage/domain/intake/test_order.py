"""The questionnaire's step order and next-step function, written out so a change shows."""

from __future__ import annotations

import pytest

from triage.domain.intake import catalog as c
from triage.domain.intake.catalog import Step
from triage.domain.intake.flow import FIRST_STEP, STEP_ORDER, step_after

ASKED = (
    Step.CONSENT,
    Step.DANGER,
    Step.CATEGORY,
    Step.AGE,
    Step.RISKS,
    Step.LOCATION,
    Step.DESCRIPTION,
    Step.RELATION,
    Step.CONTACT,
    Step.SUMMARY,
)
EDITABLE = (*ASKED[1:6], Step.ADDRESS, *ASKED[6:-1])  # an address is added from the summary


def test_the_order_of_the_questions() -> None:
    assert STEP_ORDER == ASKED
    assert FIRST_STEP is Step.DANGER
    assert ASKED[1:-1] == c.QUESTION_ORDER
    assert EDITABLE == c.EDITABLE_STEPS
    assert Step.WHEN not in c.EDITABLE_STEPS  # answered with the danger question


@pytest.mark.parametrize(
    ("step", "after"),
    [
        (Step.CONSENT, Step.DANGER),
        (Step.DANGER, Step.CATEGORY),
        (Step.CATEGORY, Step.AGE),
        (Step.AGE, Step.RISKS),
        (Step.RISKS, Step.LOCATION),
        (Step.LOCATION, Step.DESCRIPTION),
        (Step.LOCATION_PICK, Step.DESCRIPTION),  # a sub-step of the location question
        (Step.ADDRESS, Step.DESCRIPTION),  # a draft saved at the address question goes on
        (Step.WHEN, Step.DESCRIPTION),  # retired: a draft saved at it goes on to the story
        (Step.DESCRIPTION, Step.RELATION),
        (Step.RELATION, Step.CONTACT),
        (Step.CONTACT, Step.SUMMARY),
        (Step.SUMMARY, Step.SUMMARY),
        (Step.CANCEL_CONFIRM, Step.SUMMARY),  # not in the order: back to the summary
    ],
)
def test_the_next_step(step: Step, after: Step) -> None:
    assert step_after(step, {}) is after
    assert step_after(step, {"_editing": False}) is after


@pytest.mark.parametrize("step", list(Step))
def test_while_editing_every_step_returns_to_the_summary(step: Step) -> None:
    assert step_after(step, {"_editing": True}) is Step.SUMMARY


def test_every_step_has_a_next_step_entry() -> None:
    covered = {*ASKED, Step.LOCATION_PICK, Step.ADDRESS, Step.WHEN, Step.CANCEL_CONFIRM}
    assert covered == set(Step)
