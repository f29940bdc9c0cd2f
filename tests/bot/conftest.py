"""Fixtures for the bot's handler tests: the bot alone, polling the Bot API stand-in."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from tests.bot.harness import BotUnderTest, running_bot
from tests.support.botapi_stub import BotApiStub
from triage.services.common.deps import TriageDeps


@pytest.fixture
async def harness(deps: TriageDeps) -> AsyncIterator[BotUnderTest]:
    """The bot on the test database (both databases through `deps`); no handler may fail."""
    async with BotApiStub() as stub, running_bot(stub, deps) as bot:
        yield bot
        await bot.settle()
        assert not bot.failures, f"a handler failed: {bot.failures!r}"
