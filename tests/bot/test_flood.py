"""The per-chat flood limit: the window's arithmetic on a hand-moved clock, and the real
handlers behind it, where a flood is answered once and the rest never reaches a handler or
the database, other chats going on as usual."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass

import pytest

from bot import texts
from bot.callbacks import SessionChoice, session_data
from bot.flood import FloodGate, FloodLimit, Verdict
from tests.bot.harness import BotUnderTest, running_bot
from tests.support.botapi_stub import BotApiStub
from triage.services.common.deps import TriageDeps
from triage.storage.tables import ProcessedUpdate

ALLOW, NOTIFY, DROP = Verdict.ALLOW, Verdict.NOTIFY, Verdict.DROP


@dataclass
class Ticks:
    """A monotonic clock moved by hand."""

    now: float = 1000.0

    def __call__(self) -> float:
        return self.now


def test_the_first_update_over_the_limit_is_answered_and_the_rest_dropped() -> None:
    clock = Ticks()
    gate = FloodGate(FloodLimit(updates=3, seconds=10), clock)
    assert [gate.check(7) for _ in range(6)] == [ALLOW, ALLOW, ALLOW, NOTIFY, DROP, DROP]
    assert gate.check(8) is ALLOW  # another chat is not slowed down
    clock.now += 9.9
    assert gate.check(7) is DROP  # still inside the window
    clock.now += 0.1
    assert [gate.check(7) for _ in range(4)] == [ALLOW, ALLOW, ALLOW, NOTIFY]


def test_a_steady_quick_typist_never_hits_the_default_limit() -> None:
    clock = Ticks()
    gate = FloodGate(FloodLimit(), clock)
    verdicts = []
    for _ in range(600):  # five minutes of two taps a second, far quicker than anyone types
        verdicts.append(gate.check(7))
        clock.now += 0.5
    clock.now += 10
    for _ in range(20):  # then, after a pause, an album of ten photos and ten quick taps
        verdicts.append(gate.check(7))
        clock.now += 0.05
    assert set(verdicts) == {ALLOW}
    assert gate.check(7) is NOTIFY


def test_memory_is_bounded_and_quiet_chats_are_forgotten() -> None:
    clock = Ticks()
    gate = FloodGate(FloodLimit(updates=2, seconds=10, chats=100), clock)
    for chat in range(1000):
        gate.check(chat)
    assert len(gate) == 100  # the least recently active went first
    gate.check(999)
    assert gate.check(999) is NOTIFY  # a kept chat keeps its window
    clock.now += 60
    for chat in range(5000, 5100):
        gate.check(chat)
    assert len(gate) == 100 and 999 not in gate._windows


@pytest.fixture
async def limited(deps: TriageDeps) -> AsyncIterator[tuple[BotUnderTest, Ticks]]:
    """The bot with a limit of 5 updates in 10 s on a clock that moves only by hand."""
    clock = Ticks()
    gate = FloodGate(FloodLimit(updates=5, seconds=10), clock)
    async with BotApiStub() as stub, running_bot(stub, deps, gate) as bot:
        yield bot, clock
        await bot.settle()
        assert not bot.failures, f"a handler failed: {bot.failures!r}"


async def test_a_flood_of_messages_is_answered_once_and_never_handled(
    limited: tuple[BotUnderTest, Ticks],
) -> None:
    harness, clock = limited
    flooder, neighbour = harness.user(1001, language_code="en"), harness.user(1002)

    for n in range(9):
        await flooder.send(f"halo {n}")
    await neighbour.command("/help")
    await harness.settle()

    too_fast = harness.text(texts.TOO_FAST, "en")
    answers = [m.text for m in flooder.messages]
    assert answers.count(too_fast) == 1 and answers[-1] == too_fast
    assert len(answers) == 6  # five handled messages, then the notice; four never handled
    assert harness.text(texts.HELP) in neighbour.last.text
    assert len(await harness.rows(ProcessedUpdate)) == 6  # the dropped never reach the database
    assert _flood_counts(harness) == (4, 1)  # as /metrics counts them

    clock.now += 10
    await flooder.send("halo lagi")
    await harness.settle()
    assert len(flooder.messages) == 7 and flooder.last.text != too_fast


async def test_a_flood_of_button_presses_is_answered_once(
    limited: tuple[BotUnderTest, Ticks],
) -> None:
    harness, _clock = limited
    presser = harness.user(1001, started=True)
    pressed = [
        await presser.forge_callback(session_data(SessionChoice.CONTINUE), 1) for _ in range(8)
    ]
    await harness.settle()

    answered = {q: (text, alert) for q, text, alert in harness.stub.answered_callbacks}
    assert [q for q in pressed if q in answered] == pressed[:6]
    assert answered[pressed[5]] == (harness.text(texts.TOO_FAST), True)


def _flood_counts(harness: BotUnderTest) -> tuple[float, float]:
    """Updates the flood limit dropped, and notices it sent, in this bot's metrics."""
    registry = harness.deps.metrics.registry
    dropped = registry.get_sample_value("lapor_sosial_updates_dropped_total", {"reason": "flood"})
    notices = registry.get_sample_value("lapor_sosial_flood_notices_total")
    return dropped or 0.0, notices or 0.0
