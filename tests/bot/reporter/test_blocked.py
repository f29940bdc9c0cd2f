"""A blocked account (`lapor-sosial reporters block`) is refused at every step, not only at
/start and when sending: each reporter command, questionnaire answer, button, pin, contact,
photo, voice note and unsupported message is answered politely, and nothing is stored.

The matrix: one test per reporter action, with a draft waiting where that action would
otherwise change it.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import pytest

from bot import texts
from bot.callbacks import (
    INTAKE,
    SessionChoice,
    intake_data,
    language_data,
    rating_data,
    session_data,
)
from tests.bot.harness import BotUnderTest
from tests.bot.reporter.arrange import STORY, seed_draft
from tests.support.stub_users import ChatActor
from triage.domain.intake import catalog as c
from triage.domain.intake.catalog import Step
from triage.services.intake.reporter import set_blocked, set_language
from triage.storage.tables import CaseEvent, ChatProfile, Draft, OutboxMessage, Report

USER = 1001
Act = Callable[[ChatActor, int], Awaitable[object]]


@dataclass(frozen=True)
class Action:
    name: str
    step: Step  # where the draft waits
    act: Act  # (the reporter, the draft's version) -> a message id or a query id
    button: bool = False


def _command(text: str) -> Act:
    return lambda user, _version: user.command(text)


def _press(data: Callable[[int], str]) -> Act:
    return lambda user, version: user.forge_callback(data(version), 1)


ACTIONS = [
    Action("start", Step.DESCRIPTION, _command("/start")),
    Action("batal", Step.DESCRIPTION, _command("/batal")),
    Action("help", Step.DESCRIPTION, _command("/help")),
    Action("bahasa", Step.DESCRIPTION, _command("/bahasa")),
    Action("status", Step.DESCRIPTION, _command("/status")),
    Action("unknown_command", Step.DESCRIPTION, _command("/apaini")),
    Action("story", Step.DESCRIPTION, lambda u, _v: u.send(STORY)),
    Action("place_typed", Step.LOCATION, lambda u, _v: u.send("jaksel")),
    Action("pin", Step.LOCATION, lambda u, _v: u.send_location(-6.2615, 106.8106)),
    Action("contact", Step.CONTACT, lambda u, _v: u.send_contact(own=True)),
    Action("photo", Step.DESCRIPTION, lambda u, _v: u.send_photo("AgAC-foto-1")),
    Action("voice", Step.DESCRIPTION, lambda u, _v: u.send_voice("AwAC-suara-1")),
    Action("sticker", Step.DESCRIPTION, lambda u, _v: u.send_sticker("CAAC-stiker-1")),
    Action(
        "question_button",
        Step.CATEGORY,
        _press(lambda v: intake_data(v, "kekerasan_fisik")),
        button=True,
    ),
    Action(
        "unreadable_question_button",
        Step.CATEGORY,
        _press(lambda _v: f"{INTAKE}:not-a-version"),
        button=True,
    ),
    Action("send_button", Step.SUMMARY, _press(lambda v: intake_data(v, c.SUBMIT)), button=True),
    Action(
        "continue_button",
        Step.DESCRIPTION,
        _press(lambda _v: session_data(SessionChoice.CONTINUE)),
        button=True,
    ),
    Action(
        "restart_button",
        Step.DESCRIPTION,
        _press(lambda _v: session_data(SessionChoice.RESTART)),
        button=True,
    ),
    Action("language_button", Step.DESCRIPTION, _press(lambda _v: language_data("en")), True),
    Action(
        "rating_button", Step.DESCRIPTION, _press(lambda _v: rating_data("LS-7KQ2-M9XD", 5)), True
    ),
]


async def _stored(harness: BotUnderTest) -> dict[str, Any]:
    """Everything a reporter's action could store."""
    return {
        "drafts": [
            (d.step, d.answers, d.version, d.updated_at, d.prompt_message_id)
            for d in await harness.rows(Draft)
        ],
        "profiles": [
            (p.language, p.consented_at, p.blocked, p.awaiting_comment_for)
            for p in await harness.rows(ChatProfile)
        ],
        "reports": len(await harness.rows(Report)),
        "events": len(await harness.rows(CaseEvent)),
        "outbox": len(await harness.rows(OutboxMessage)),
    }


@pytest.mark.parametrize("action", ACTIONS, ids=lambda a: a.name)
async def test_a_blocked_reporter_is_refused_at_every_step_and_nothing_is_stored(
    harness: BotUnderTest, action: Action
) -> None:
    state = await seed_draft(harness.deps, USER, action.step)
    await set_blocked(harness.deps, USER, True, actor="test")
    user = harness.user(USER, started=True)
    before = await _stored(harness)

    sent = await action.act(user, state.version)

    blocked = harness.text(texts.BLOCKED)
    if action.button:
        assert await harness.answer_to(str(sent)) == (blocked, True)
        assert user.messages == []
    else:
        assert (await user.wait_for()).text == blocked
        await user.wait_idle()
        assert [m.text for m in user.messages] == [blocked]  # nothing more: no question
    assert await _stored(harness) == before
    assert harness.stub.calls_to("getFile") == []


async def test_the_refusal_is_in_the_language_the_reporter_chose(harness: BotUnderTest) -> None:
    await seed_draft(harness.deps, USER, Step.DESCRIPTION)
    await set_language(harness.deps, USER, "en")  # chosen with /bahasa
    await set_blocked(harness.deps, USER, True, actor="test")
    user = harness.user(USER, language_code="id")

    await user.send(STORY)

    assert (await user.wait_for()).text == harness.text(texts.BLOCKED, "en")


async def test_unblocked_again_the_report_goes_on_where_it_stopped(harness: BotUnderTest) -> None:
    await seed_draft(harness.deps, USER, Step.DESCRIPTION)
    await set_blocked(harness.deps, USER, True, actor="test")
    user = harness.user(USER, started=True)
    await user.send(STORY)
    await user.wait_for(harness.text(texts.BLOCKED))

    await set_blocked(harness.deps, USER, False, actor="test")
    await user.send(STORY)

    await user.wait_for(lambda m: m.text != harness.text(texts.BLOCKED))
    draft = await harness.row(Draft, USER)
    assert draft is not None and draft.step != Step.DESCRIPTION
