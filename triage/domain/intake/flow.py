"""The guided questionnaire as a pure step function: (state, input) -> Outcome. Stdlib only.

The adapter renders `Outcome.prompt` (question + buttons) and stores `Outcome.state`.
Every button carries the state's `version`; a press with an old version has expired.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from triage.domain.intake import told_early
from triage.domain.intake.catalog import QUESTION_ORDER, Step
from triage.domain.intake.inputs import Contact, Input, Location, Media, Press, Text
from triage.domain.intake.prompt import Prompt
from triage.domain.intake.prompts import prompt_for
from triage.domain.intake.regions_port import RegionLookup
from triage.domain.intake.result import PLEASE_USE_BUTTONS, Notice, StepResult, refuse
from triage.domain.intake.steps import HANDLERS

STEP_ORDER = (Step.CONSENT, *QUESTION_ORDER, Step.SUMMARY)
FIRST_STEP = QUESTION_ORDER[0]
# Steps outside the order, and the step of the order whose place they take: picking a place
# belongs to the place question; the address (now asked only from the summary) and "when"
# (now part of the danger question) came right after it, so drafts saved at them go on to
# the story.
_PART_OF = {
    Step.LOCATION_PICK: Step.LOCATION,
    Step.ADDRESS: Step.LOCATION,
    Step.WHEN: Step.LOCATION,
}
_ASKED_AT = "_asked_at"  # the draft version whose message asks the current question


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


def resumed(state: IntakeState) -> IntakeState:
    """A draft saved at a retired question, moved on: the "when" question is now part of the
    danger question, so a draft at it goes on to the story (or, when it was being changed
    from the summary, to the danger question)."""
    if state.step is not Step.WHEN:
        return state
    return replace(state, step=Step.DANGER if state.answers.get("_editing") else Step.DESCRIPTION)


def confirm_cancel(state: IntakeState) -> IntakeState:
    """/cancel: the confirmation question on a new message, remembering where the draft was."""
    back = state.answers.get("_return_step", FIRST_STEP)
    if state.step is not Step.CANCEL_CONFIRM:
        back = state.step
    version = state.version + 1
    answers = {**state.answers, "_return_step": back, _ASKED_AT: version}
    return IntakeState(Step.CANCEL_CONFIRM, answers, version)


def current_prompt(state: IntakeState, regions: RegionLookup) -> Prompt:
    state = resumed(state)
    return prompt_for(state.step, state.answers, state.version, regions)


def advance(state: IntakeState, given: Input, regions: RegionLookup) -> Outcome:
    """Apply one input to the draft and say what to ask next."""
    state = resumed(state)
    if isinstance(given, Press) and not _on_current_message(state, given.version):
        return Outcome(state=state, prompt=None, expired=True, changed=False)
    result = HANDLERS[state.step](state.answers, given, regions)
    if result.error is None:
        return _moved(state, given, result, regions)
    story = told_early.kept(state.step, state.answers, given)
    if story is None:
        return Outcome(state, current_prompt(state, regions), (result.error,), changed=False)
    # Typed where a button was asked: kept, the question asked again; a tap on the message
    # that asked it, made before its buttons were taken away, still counts.
    asked_at = state.answers.get(_ASKED_AT, state.version)
    answers = {**state.answers, **story, _ASKED_AT: asked_at}
    kept = replace(state, answers=answers, version=state.version + 1)
    notices = told_early.kept_notices(result.error)
    return Outcome(kept, current_prompt(kept, regions), notices)


def _on_current_message(state: IntakeState, version: int) -> bool:
    """Whether a button was shown on the message that asks the current question. A tap that
    only marks a choice (girl/boy, a risk, a category) redraws that message with the next
    version; a second tap made before the redraw reached the phone still counts."""
    asked_at = state.answers.get(_ASKED_AT)
    if isinstance(asked_at, int) and not isinstance(asked_at, bool):
        return asked_at <= version <= state.version
    return version == state.version


def _moved(state: IntakeState, given: Input, result: StepResult, regions: RegionLookup) -> Outcome:
    answers = {**state.answers, **result.answers}
    next_step = result.next_step
    if next_step is None:
        next_step = step_after(state.step, answers)
    if next_step is Step.SUMMARY:
        answers["_editing"] = False
    version = state.version + 1
    redrawn = next_step is state.step and isinstance(given, Press) and not result.notices
    answers[_ASKED_AT] = state.answers.get(_ASKED_AT, state.version) if redrawn else version
    new_state = resumed(replace(state, step=next_step, answers=answers, version=version))
    if result.submit or result.cancelled:
        return Outcome(new_state, None, result.notices, result.submit, result.cancelled)
    return Outcome(new_state, current_prompt(new_state, regions), result.notices)


def step_after(step: Step, answers: Mapping[str, Any]) -> Step:
    """The next question; while editing from the summary, back to the summary."""
    step = _PART_OF.get(step, step)
    if answers.get("_editing") or step not in STEP_ORDER:
        return Step.SUMMARY
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
    "confirm_cancel",
    "current_prompt",
    "refuse",
    "resumed",
    "start",
    "step_after",
]
