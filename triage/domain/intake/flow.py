"""The guided questionnaire as a pure step function: (state, input) -> Outcome. Stdlib only.

The adapter renders `Outcome.prompt` (question + buttons) and stores `Outcome.state`.
Every button carries the state's `version`; a press with an old version has expired.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from triage.domain.intake.catalog import QUESTION_ORDER, Step
from triage.domain.intake.inputs import Contact, Input, Location, Media, Press, Text
from triage.domain.intake.prompt import Prompt
from triage.domain.intake.prompts import prompt_for
from triage.domain.intake.regions_port import RegionLookup
from triage.domain.intake.result import PLEASE_USE_BUTTONS, Notice, StepResult, refuse
from triage.domain.intake.steps import HANDLERS

STEP_ORDER = (Step.CONSENT, *QUESTION_ORDER, Step.SUMMARY)  # LOCATION_PICK belongs to LOCATION
FIRST_STEP = QUESTION_ORDER[0]


@dataclass(frozen=True, slots=True)
class IntakeState:
    step: Step
    answers: Mapping[str, Any] = field(default_factory=dict)
    version: int = 1


@dataclass(frozen=True, slots=True)
class Outcome:
    state: IntakeState
    prompt: Prompt | None
    notices: tuple[Notice, ...] = ()
    submit: bool = False
    cancelled: bool = False
    expired: bool = False
    changed: bool = True


def start(consented: bool) -> Outcome:
    """A new draft: the privacy note and consent first, unless given before."""
    step = FIRST_STEP if consented else Step.CONSENT
    state = IntakeState(step=step)
    return Outcome(state=state, prompt=None)


def current_prompt(state: IntakeState, regions: RegionLookup) -> Prompt:
    return prompt_for(state.step, state.answers, state.version, regions)


def advance(state: IntakeState, given: Input, regions: RegionLookup) -> Outcome:
    """Apply one input to the draft and say what to ask next."""
    if isinstance(given, Press) and given.version != state.version:
        return Outcome(state=state, prompt=None, expired=True, changed=False)
    result = HANDLERS[state.step](state.answers, given, regions)
    if result.error is not None:
        notice = (result.error,)
        return Outcome(state, current_prompt(state, regions), notice, changed=False)
    return _moved(state, result, regions)


def _moved(state: IntakeState, result: StepResult, regions: RegionLookup) -> Outcome:
    answers = {**state.answers, **result.answers}
    next_step = result.next_step
    if next_step is None:
        next_step = step_after(state.step, answers)
    if next_step is Step.SUMMARY:
        answers["_editing"] = False
    new_state = replace(state, step=next_step, answers=answers, version=state.version + 1)
    if result.submit or result.cancelled:
        return Outcome(new_state, None, result.notices, result.submit, result.cancelled)
    return Outcome(new_state, current_prompt(new_state, regions), result.notices)


def step_after(step: Step, answers: Mapping[str, Any]) -> Step:
    """The next question; while editing from the summary, back to the summary."""
    if answers.get("_editing") or (step not in STEP_ORDER and step is not Step.LOCATION_PICK):
        return Step.SUMMARY
    if step is Step.LOCATION_PICK:
        step = Step.LOCATION
    index = STEP_ORDER.index(step)
    return STEP_ORDER[min(index + 1, len(STEP_ORDER) - 1)]


__all__ = [
    "FIRST_STEP",
    "PLEASE_USE_BUTTONS",
    "STEP_ORDER",
    "Contact",
    "Input",
    "IntakeState",
    "Location",
    "Media",
    "Notice",
    "Outcome",
    "Press",
    "StepResult",
    "Text",
    "advance",
    "current_prompt",
    "refuse",
    "start",
    "step_after",
]
