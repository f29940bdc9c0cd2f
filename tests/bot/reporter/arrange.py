"""Arranging a reporter's chat for handler tests: a draft already at a given question (written as
rows, its answers made by the real questionnaire), the first steps through the bot, and the
questions and buttons as the catalogue words them (so a change of wording changes no test)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from bot import texts
from bot.reporter.render import option_label, prompt_text
from tests.support.deps import real_regions, translator
from tests.support.stub_types import SentMessage
from tests.support.stub_users import ChatActor
from triage.domain.intake import catalog as c
from triage.domain.intake.catalog import Option, Step
from triage.domain.intake.flow import IntakeState, advance, current_prompt
from triage.domain.intake.flow import start as start_intake
from triage.domain.intake.inputs import Input, Press, Text
from triage.services.common.deps import TriageDeps
from triage.services.intake.draft_store import new_draft
from triage.storage.tables import ChatProfile


def asked(step: Step, lang: str = "id", **answers: Any) -> str:
    """The message asking `step` of a draft holding `answers`, as the reporter reads it (the
    lines it shows above the question, such as a place to check, included)."""
    prompt = current_prompt(IntakeState(step, answers), real_regions())
    return prompt_text(translator(), lang, prompt)


def question_text(step: Step, lang: str = "id") -> str:
    """The question `step` asks, without any lines shown above it."""
    prompt = current_prompt(IntakeState(step), real_regions())
    return translator().text(lang, prompt.question, **prompt.values)


def buttons(step: Step, lang: str = "id", **answers: Any) -> list[str]:
    """The inline (or reply keyboard) option labels the message asking `step` shows."""
    prompt = current_prompt(IntakeState(step, answers), real_regions())
    return [option_label(translator(), lang, option) for option in prompt.options]


def label(options: tuple[Option, ...], value: str, lang: str = "id") -> str:
    """The text of the button for `value` among `options`."""
    option = next(o for o in options if o.value == value)
    return option_label(translator(), lang, option)


CONSENT_ID = label(c.CONSENT_OPTIONS, "id")
DANGER_QUESTION = question_text(Step.DANGER)
CATEGORY_QUESTION = question_text(Step.CATEGORY)
AGE_QUESTION = question_text(Step.AGE)
RISKS_QUESTION = question_text(Step.RISKS)
WHERE = question_text(Step.LOCATION)
STORY_QUESTION = question_text(Step.DESCRIPTION)
RELATION_QUESTION = question_text(Step.RELATION)
CONTACT_QUESTION = question_text(Step.CONTACT)
SUMMARY = question_text(Step.SUMMARY)
CANCEL_QUESTION = question_text(Step.CANCEL_CONFIRM)
DELETE, KEEP = buttons(Step.CANCEL_CONFIRM)  # "yes, delete it" / "no, go on"
ANONYMOUS = buttons(Step.CONTACT)[0]  # the reply keyboard's "stay anonymous"
# "Not in danger now: it happened today", the answer a typical report gives.
TODAY = label(c.DANGER_OPTIONS, "today")
STORY = "Anak tetangga sering dipukul bapaknya sampai menangis tiap malam."

# Answers in the order the questionnaire asks; a press is ("press", value). "jaksel" clearly
# means one kabupaten/kota, so it is taken at once and the story follows.
SCRIPT: tuple[tuple[str, str], ...] = (
    ("press", "id"),
    ("press", "today"),
    ("press", "kekerasan_fisik"),
    ("press", c.SEX_PREFIX + "female"),
    ("press", "6-12"),
    ("press", "none"),
    ("text", "jaksel"),
    ("text", STORY),
    ("press", "neighbour"),
    ("press", "anonymous"),
)


def state_at(deps: TriageDeps, step: Step) -> IntakeState:
    """The draft state the real questionnaire reaches at `step`, answering SCRIPT in order."""
    state = start_intake(consented=False).state
    for kind, value in SCRIPT:
        if state.step is step:
            return state
        given: Input = Press(value, state.version) if kind == "press" else Text(value)
        outcome = advance(state, given, deps.regions)
        assert outcome.changed, f"the script's {value!r} was refused at {state.step}"
        state = outcome.state
    assert state.step is step, f"the script never reaches {step}"
    return state


async def seed_draft(deps: TriageDeps, user_id: int, step: Step) -> IntakeState:
    """A consented reporter whose draft waits at `step` (as if they had answered so far)."""
    state = state_at(deps, step)
    await seed_state(deps, user_id, state)
    return state


async def seed_state(deps: TriageDeps, user_id: int, state: IntakeState) -> None:
    """A consented reporter whose draft was saved as `state` (say, by an earlier version)."""
    now = datetime.now(UTC)
    async with deps.uow() as unit:
        unit.session.add(
            ChatProfile(user_id=user_id, language="id", consented_at=now, created_at=now)
        )
        unit.session.add(new_draft(user_id, user_id, state, now))
        await unit.commit()


async def consent(user: ChatActor) -> SentMessage:
    """/start and agree in Indonesian; returns the first question as shown."""
    await user.command("/start")
    await user.wait_for(lambda m: CONSENT_ID in m.button_texts())
    await user.press(CONSENT_ID)
    return await user.wait_for(DANGER_QUESTION)


async def resume(user: ChatActor, question: str) -> SentMessage:
    """/start on a draft in progress and choose to continue; returns the question shown."""
    await user.command("/start")
    go_on = translator().text("id", texts.CONTINUE)
    await user.wait_for(lambda m: go_on in m.button_texts())
    await user.press(go_on)
    return await user.wait_for(question)
