"""Tests of AiohttpRequest: a telegram.Bot on the aiohttp transport against the Bot API stand-in."""

from __future__ import annotations

import asyncio
import datetime as dtm
import socket
from collections.abc import AsyncIterator

import pytest
import telegram
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import NetworkError, RetryAfter, TimedOut
from telegram.ext import Application, ContextTypes, MessageHandler, filters

from bot.request import AiohttpRequest, redact
from tests.support.botapi_stub import BotApiStub, Button, ChatActor
from tests.support.stub_types import Upload

pytest_plugins = ("tests.support.fixtures",)
USER_ID = 1001


def aiohttp_bot(
    stub: BotApiStub, base_url: str | None = None, read_timeout: float = 5.0
) -> telegram.Bot:
    """A Bot whose both transports are AiohttpRequest."""
    return telegram.Bot(
        stub.token,
        base_url=base_url or stub.base_url,
        base_file_url=stub.base_file_url,
        request=AiohttpRequest(read_timeout=read_timeout),
        get_updates_request=AiohttpRequest(connection_pool_size=1, read_timeout=read_timeout),
    )


@pytest.fixture
async def bot(botapi_stub: BotApiStub) -> AsyncIterator[telegram.Bot]:
    async with aiohttp_bot(botapi_stub) as bot:
        yield bot


@pytest.fixture
async def sari(botapi_stub: BotApiStub) -> ChatActor:
    user = botapi_stub.private_user(user_id=USER_ID, first_name="Sari")
    await user.send("halo")
    return user


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def test_get_me(bot: telegram.Bot) -> None:
    me = await bot.get_me()
    assert (me.id, me.username) == (123456, "lapor_sosial_test_bot")


async def test_send_message_with_inline_keyboard(
    bot: telegram.Bot, botapi_stub: BotApiStub, sari: ChatActor
) -> None:
    markup = InlineKeyboardMarkup([[InlineKeyboardButton("Ya", callback_data="ya")]])
    sent = await bot.send_message(USER_ID, "Aman? ✅", reply_markup=markup)
    assert (sent.text, sent.reply_markup) == ("Aman? ✅", markup)
    assert sari.last.inline_buttons == [[Button("Ya", "ya")]]
    params = botapi_stub.calls_to("sendMessage")[-1]
    assert params["reply_markup"] == {"inline_keyboard": [[{"text": "Ya", "callback_data": "ya"}]]}


async def test_long_poll_may_outlast_the_default_read_timeout(botapi_stub: BotApiStub) -> None:
    async with aiohttp_bot(botapi_stub, read_timeout=0.3) as bot:
        poll = asyncio.create_task(bot.get_updates(timeout=3))
        await asyncio.sleep(0.8)
        await botapi_stub.private_user(user_id=7).send("tolong")
        updates = await poll
    assert [u.message.text for u in updates if u.message] == ["tolong"]


async def test_429_surfaces_as_retry_after(bot: telegram.Bot, botapi_stub: BotApiStub) -> None:
    botapi_stub.fail_next("getMe", retry_after=7)
    with pytest.raises(RetryAfter, match="Retry in 7"):
        await bot.get_me()


async def test_closed_port_surfaces_as_network_error(botapi_stub: BotApiStub) -> None:
    bot = aiohttp_bot(botapi_stub, base_url=f"http://127.0.0.1:{closed_port()}/bot")
    with pytest.raises(NetworkError) as raised:
        async with bot:
            pass
    assert not isinstance(raised.value, TimedOut)
    assert "ClientConnectorError" in str(raised.value)


async def test_slow_server_surfaces_as_timed_out(
    bot: telegram.Bot, botapi_stub: BotApiStub
) -> None:
    botapi_stub.delay_next("getMe", 0.5)
    with pytest.raises(TimedOut):
        await bot.get_me(read_timeout=0.1)
    assert (await bot.get_me(read_timeout=2)).username == "lapor_sosial_test_bot"


async def test_busy_pool_surfaces_as_pool_timeout(botapi_stub: BotApiStub) -> None:
    request = AiohttpRequest(connection_pool_size=1, pool_timeout=0.1)
    async with telegram.Bot(
        botapi_stub.token, base_url=botapi_stub.base_url, request=request
    ) as bot:
        botapi_stub.delay_next("getMyCommands", 0.5)
        slow = asyncio.create_task(bot.get_my_commands())
        await asyncio.sleep(0.05)
        with pytest.raises(TimedOut, match="Pool timeout"):
            await bot.get_me()
        assert await slow == ()


async def test_upload_is_multipart_and_download_works(
    bot: telegram.Bot, botapi_stub: BotApiStub, sari: ChatActor
) -> None:
    sent = await bot.send_photo(USER_ID, photo=b"\x89PNG-bytes", caption="Peta lokasi")
    upload = botapi_stub.calls_to("sendPhoto")[-1]["photo"]
    assert isinstance(upload, Upload)
    assert (upload.content, botapi_stub.calls_to("sendPhoto")[-1]["caption"]) == (
        b"\x89PNG-bytes",
        "Peta lokasi",
    )
    file = await bot.get_file(sent.photo[-1].file_id)
    assert bytes(await file.download_as_bytearray()) == b"\x89PNG-bytes"


async def test_errors_do_not_carry_the_token(botapi_stub: BotApiStub) -> None:
    bot = aiohttp_bot(botapi_stub, base_url="http://127.0.0.1:notaport/bot")
    with pytest.raises(NetworkError) as raised:
        async with bot:
            pass
    assert botapi_stub.token not in str(raised.value)
    assert raised.value.__cause__ is None
    assert redact("GET /bot123:AbC-_9/getMe") == "GET /bot<token>/getMe"


async def test_requires_initialize_and_shuts_down_twice(botapi_stub: BotApiStub) -> None:
    request = AiohttpRequest()
    with pytest.raises(NetworkError, match="not initialized"):
        await request.post(f"{botapi_stub.base_url}{botapi_stub.token}/getMe")
    async with request:
        assert await request.post(f"{botapi_stub.base_url}{botapi_stub.token}/getMe")
    await request.shutdown()
    assert request.read_timeout == 5.0


async def test_an_application_runs_on_the_aiohttp_transport(botapi_stub: BotApiStub) -> None:
    async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.effective_message is not None
        await update.effective_message.reply_text(f"Diterima: {update.effective_message.text}")

    app = (
        Application.builder()
        .token(botapi_stub.token)
        .base_url(botapi_stub.base_url)
        .request(AiohttpRequest())
        .get_updates_request(AiohttpRequest(connection_pool_size=1))
        .build()
    )
    app.add_handler(MessageHandler(filters.TEXT, echo))
    user = botapi_stub.private_user(user_id=USER_ID)
    async with app:
        assert app.updater is not None
        await app.updater.start_polling(poll_interval=0, timeout=dtm.timedelta(seconds=5))
        await app.start()
        await user.send("anak tetangga")
        reply = await user.wait_for("Diterima")
        await app.updater.stop()
        await app.stop()
    assert reply.text == "Diterima: anak tetangga"
    assert botapi_stub.errors == []
