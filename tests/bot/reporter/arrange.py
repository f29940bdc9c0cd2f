"""Arranging a reporter's chat for handler tests: a draft already at a given question (written as
rows, its answers made by the real questionnaire), and the first steps through the bot."""

from __future__ import annotations

from datetime import UTC, datetime

from tests.support.stub_types import SentMessage
from tests.support.stub_users import ChatActor
from triage.domain.intake.catalog import Step
from triage.domain.intake.flow import IntakeState, advance
from triage.domain.intake.flow import start as start_intake
from triage.domain.intake.inputs import Input, Press, Text
from triage.services.common.deps import TriageDeps
from triage.services.intake.draft_store import new_draft
from triage.storage.tables import ChatProfile

CONSENT_ID = "Setuju, lanjut (Bahasa Indonesia)"
DANGER_QUESTION = "Apakah ada anak yang sedang dalam bahaya saat ini?"
STORY = "Anak tetangga sering dipukul bapaknya sampai menangis tiap malam."

# Answers in the order the questionnaire asks; a press is ("press", value).
SCRIPT: tuple[tuple[str, str], ...] = (
    ("press", "id"),
    ("press", "no"),
    ("press", "kekerasan_fisik"),
    ("press", "6-12"),
    ("press", "none"),
    ("text", "jaksel"),
    ("press", "kk-31.74"),
    ("press", "skip"),
    ("press", "today"),
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
    now = datetime.now(UTC)
    async with deps.uow() as unit:
        unit.session.add(
            ChatProfile(user_id=user_id, language="id", consented_at=now, created_at=now)
        )
        unit.session.add(new_draft(user_id, user_id, state, now))
        await unit.commit()
    return state


async def consent(user: ChatActor) -> SentMessage:
    """/start and agree in Indonesian; returns the first question as shown."""
    await user.command("/start")
    await user.wait_for(lambda m: CONSENT_ID in m.button_texts())
    await user.press(CONSENT_ID)
    return await user.wait_for(DANGER_QUESTION)


async def resume(user: ChatActor, question: str) -> SentMessage:
    """/start on a draft in progress and choose to continue; returns the question shown."""
    await user.command("/start")
    await user.wait_for(lambda m: "Lanjutkan" in m.button_texts())
    await user.press("Lanjutkan")
    return await user.wait_for(question)
