"""The Application's Bot answers a button press Telegram no longer takes without failing the
handler (an update taken up again after a crash), and still raises other refusals."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from telegram.error import BadRequest

from bot.lenient_bot import LenientBot
from bot.request import AiohttpRequest
from tests.support.botapi_stub import BotApiStub

pytest_plugins = ("tests.support.fixtures",)


@pytest.fixture
async def bot(botapi_stub: BotApiStub) -> AsyncIterator[LenientBot]:
    lenient = LenientBot(
        botapi_stub.token,
        base_url=botapi_stub.base_url,
        base_file_url=botapi_stub.base_file_url,
        request=AiohttpRequest(),
        get_updates_request=AiohttpRequest(connection_pool_size=1),
    )
    async with lenient:
        yield lenient


async def test_a_press_answered_before_or_unknown_is_no_failure(
    bot: LenientBot, botapi_stub: BotApiStub
) -> None:
    user = botapi_stub.private_user(1001, "Warga", started=True)
    query = botapi_stub.new_callback(botapi_stub.chats[user.chat_id])
    assert await bot.answer_callback_query(query) is True
    assert await bot.answer_callback_query(query) is False  # too old: answered before
    assert await bot.answer_callback_query("12345") is False  # unknown


async def test_other_refusals_still_raise(bot: LenientBot, botapi_stub: BotApiStub) -> None:
    botapi_stub.fail_next("answerCallbackQuery", error_code=400, description="Bad Request: x")
    with pytest.raises(BadRequest):
        await bot.answer_callback_query("12345")
