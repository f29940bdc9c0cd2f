"""Pytest fixtures for the Bot API stand-in: a started stub and a PTB Bot pointed at it."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
import telegram

from tests.support.botapi_stub import BotApiStub


@pytest.fixture
async def botapi_stub() -> AsyncIterator[BotApiStub]:
    """A started Bot API stand-in, stopped after the test."""
    async with BotApiStub() as stub:
        yield stub


@pytest.fixture
async def stub_bot(botapi_stub: BotApiStub) -> AsyncIterator[telegram.Bot]:
    """An initialized telegram.Bot (PTB's default transport) talking to the stand-in."""
    bot = telegram.Bot(
        botapi_stub.token,
        base_url=botapi_stub.base_url,
        base_file_url=botapi_stub.base_file_url,
    )
    async with bot:
        yield bot
