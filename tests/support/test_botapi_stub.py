"""Tests of the Bot API stand-in, driven by python-telegram-bot's own Bot and Application."""

from __future__ import annotations

import asyncio
import datetime as dtm
import socket
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field

import pytest
import telegram
from aiohttp import web
from telegram import (
    BotCommand,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    KeyboardButton,
    ReplyKeyboardMarkup,
    Update,
)
from telegram.error import BadRequest, Conflict, Forbidden, InvalidToken, NetworkError, RetryAfter
from telegram.ext import Application, CallbackQueryHandler, CommandHandler, ContextTypes

from tests.support.botapi_stub import BotApiStub, Button, ChatActor, RateLimit
from tests.support.stub_markup import render
from tests.support.stub_types import ApiError, Upload

pytest_plugins = ("tests.support.fixtures",)
USER_ID = 1001


@pytest.fixture
async def sari(botapi_stub: BotApiStub) -> ChatActor:
    """A user who has already written to the bot, so the bot may write back."""
    user = botapi_stub.private_user(user_id=USER_ID, first_name="Sari")
    await user.send("halo")
    return user


def keyboard(*pairs: tuple[str, str]) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[InlineKeyboardButton(t, callback_data=d) for t, d in pairs]])


async def test_get_me(stub_bot: telegram.Bot, botapi_stub: BotApiStub) -> None:
    me = await stub_bot.get_me()
    assert (me.id, me.username, me.is_bot) == (123456, "lapor_sosial_test_bot", True)
    assert botapi_stub.calls_to("getMe")


async def test_send_message_is_parsed_by_ptb_and_seen_by_the_user(
    stub_bot: telegram.Bot,
    sari: ChatActor,
) -> None:
    sent = await stub_bot.send_message(USER_ID, "Pilih:", reply_markup=keyboard(("Ya", "y")))
    assert (sent.chat.id, sent.from_user) == (USER_ID, await stub_bot.get_me())
    assert sent.reply_markup == keyboard(("Ya", "y"))
    assert sari.last.message_id == sent.message_id == 2  # one sequence with the user's message
    assert sari.last.inline_buttons == [[Button("Ya", "y")]]


async def test_edit_text_replaces_text_and_drops_keyboard_without_markup(
    stub_bot: telegram.Bot,
    sari: ChatActor,
) -> None:
    sent = await stub_bot.send_message(USER_ID, "Pilih:", reply_markup=keyboard(("Ya", "y")))
    edited = await stub_bot.edit_message_text("Dipilih: Ya", chat_id=USER_ID, message_id=2)
    assert isinstance(edited, telegram.Message)
    assert edited.text == "Dipilih: Ya"
    assert (sari.last.text, sari.last.edits, sari.last.inline_buttons) == ("Dipilih: Ya", 1, [])
    await stub_bot.edit_message_reply_markup(
        chat_id=USER_ID, message_id=sent.message_id, reply_markup=keyboard(("Ubah", "u"))
    )
    assert (sari.last.button_texts(), sari.last.edits) == (["Ubah"], 2)


async def test_long_poll_returns_as_soon_as_an_update_is_queued(
    stub_bot: telegram.Bot,
    botapi_stub: BotApiStub,
) -> None:
    poll = asyncio.create_task(stub_bot.get_updates(timeout=5))
    await asyncio.sleep(0.3)
    assert not poll.done()
    started = time.monotonic()
    await botapi_stub.private_user(user_id=7).send("tolong")
    updates = await asyncio.wait_for(poll, 2)
    assert time.monotonic() - started < 1
    assert [u.message.text for u in updates if u.message] == ["tolong"]


async def test_long_poll_without_updates_waits_for_its_timeout(stub_bot: telegram.Bot) -> None:
    started = time.monotonic()
    assert await stub_bot.get_updates(timeout=dtm.timedelta(seconds=0.4)) == ()
    assert 0.35 < time.monotonic() - started < 2


async def test_offset_confirms_earlier_updates(
    stub_bot: telegram.Bot,
    sari: ChatActor,
) -> None:
    await sari.send("kedua")
    first = await stub_bot.get_updates()
    assert [u.message.text for u in first if u.message] == ["halo", "kedua"]
    assert await stub_bot.get_updates(offset=first[-1].update_id + 1) == ()


async def test_a_second_poller_terminates_the_first(
    stub_bot: telegram.Bot,
    botapi_stub: BotApiStub,
) -> None:
    first = asyncio.create_task(stub_bot.get_updates(timeout=5))
    await asyncio.sleep(0.2)
    async with telegram.Bot(botapi_stub.token, base_url=botapi_stub.base_url) as second:
        await second.get_updates(timeout=0)
    with pytest.raises(Conflict, match="terminated by other getUpdates"):
        await first


ErrorCase = Callable[[telegram.Bot], Awaitable[object]]
ERROR_CASES: list[tuple[str, ErrorCase, type[Exception], str]] = [
    ("unknown chat", lambda b: b.send_message(4242, "x"), BadRequest, "chat not found"),
    ("4097 chars", lambda b: b.send_message(USER_ID, "x" * 4097), BadRequest, "too long"),
    ("empty text", lambda b: b.send_message(USER_ID, ""), BadRequest, "text is empty"),
    ("blank text", lambda b: b.send_message(USER_ID, " \n "), BadRequest, "text is empty"),
    (
        "65-byte callback_data",
        lambda b: b.send_message(USER_ID, "x", reply_markup=keyboard(("a", "d" * 65))),
        BadRequest,
        "button_data_invalid",
    ),
    (
        "66-byte callback_data in 33 characters",
        lambda b: b.send_message(USER_ID, "x", reply_markup=keyboard(("a", "é" * 33))),
        BadRequest,
        "button_data_invalid",
    ),
    (
        "unknown callback query",
        lambda b: b.answer_callback_query("999"),
        BadRequest,
        "query is too old",
    ),
    (
        "unclosed HTML tag",
        lambda b: b.send_message(USER_ID, "<b>Laporan", parse_mode="HTML"),
        BadRequest,
        "can't parse entities",
    ),
    (
        "raw < in HTML",
        lambda b: b.send_message(USER_ID, "umur < 18", parse_mode="HTML"),
        BadRequest,
        "unsupported start tag",
    ),
    (
        "unescaped . in MarkdownV2",
        lambda b: b.send_message(USER_ID, "Terima kasih.", parse_mode="MarkdownV2"),
        BadRequest,
        "reserved",
    ),
    (
        "edit a missing message",
        lambda b: b.edit_message_text("x", USER_ID, 77),
        BadRequest,
        "not found",
    ),
    (
        "edit the user's message",
        lambda b: b.edit_message_text("x", USER_ID, 1),
        BadRequest,
        "can't be edited",
    ),
    ("delete a missing message", lambda b: b.delete_message(USER_ID, 77), BadRequest, "not found"),
    ("unknown file", lambda b: b.get_file("nope"), BadRequest, "invalid file_id"),
    (
        "bad command name",
        lambda b: b.set_my_commands([("Lapor", "x")]),
        BadRequest,
        "command_invalid",
    ),
]


@pytest.mark.parametrize(
    ("call", "error", "text"),
    [case[1:] for case in ERROR_CASES],
    ids=[case[0] for case in ERROR_CASES],
)
async def test_telegram_validation(
    stub_bot: telegram.Bot,
    sari: ChatActor,
    call: ErrorCase,
    error: type[Exception],
    text: str,
) -> None:
    with pytest.raises(error) as raised:
        await call(stub_bot)
    assert text in str(raised.value).lower()


async def test_limits_are_inclusive(stub_bot: telegram.Bot, sari: ChatActor) -> None:
    await stub_bot.send_message(USER_ID, "x" * 4096)
    await stub_bot.send_message(USER_ID, "x", reply_markup=keyboard(("a", "d" * 64)))
    assert [len(m.text) for m in sari.messages] == [4096, 1]


async def test_editing_to_the_same_text_and_markup_is_refused(
    stub_bot: telegram.Bot,
    sari: ChatActor,
) -> None:
    sent = await stub_bot.send_message(USER_ID, "Sama", reply_markup=keyboard(("Ya", "y")))
    same = keyboard(("Ya", "y"))
    with pytest.raises(BadRequest, match="not modified"):
        await stub_bot.edit_message_text("Sama", USER_ID, sent.message_id, reply_markup=same)
    with pytest.raises(BadRequest, match="not modified"):
        await stub_bot.edit_message_reply_markup(USER_ID, sent.message_id, reply_markup=same)
    await stub_bot.edit_message_text("Sama", USER_ID, sent.message_id)  # drops the keyboard


async def test_wrong_token_is_unauthorized(botapi_stub: BotApiStub) -> None:
    bot = telegram.Bot("999:WRONG-TOKEN", base_url=botapi_stub.base_url)
    with pytest.raises(InvalidToken):
        await bot.get_me()
    assert botapi_stub.errors[-1][2:] == (401, "Unauthorized")


async def test_a_blocked_user_gives_forbidden(stub_bot: telegram.Bot, sari: ChatActor) -> None:
    sari.block()
    with pytest.raises(Forbidden, match="blocked"):
        await stub_bot.send_message(USER_ID, "x")


async def test_press_sends_a_callback_query_answerable_once(
    stub_bot: telegram.Bot,
    botapi_stub: BotApiStub,
    sari: ChatActor,
) -> None:
    sent = await stub_bot.send_message(
        USER_ID, "Aman?", reply_markup=keyboard(("Ya", "y"), ("Tidak", "n"))
    )
    query_id = await sari.press("Tidak")
    updates = await stub_bot.get_updates()
    query = updates[-1].callback_query
    assert query is not None
    assert query.message is not None
    assert (query.id, query.data, query.from_user.id) == (query_id, "n", USER_ID)
    assert query.message.message_id == sent.message_id
    await query.answer("Tercatat")
    assert botapi_stub.answered_callbacks == [(query_id, "Tercatat", False)]
    with pytest.raises(BadRequest, match=r"(?i)query is too old"):
        await query.answer()


async def test_press_explains_what_is_shown_when_the_button_is_missing(
    stub_bot: telegram.Bot,
    sari: ChatActor,
) -> None:
    with pytest.raises(AssertionError, match="no inline keyboard"):
        await sari.press("Ya")
    await stub_bot.send_message(
        USER_ID, "Aman?", reply_markup=keyboard(("Ya", "y"), ("Tidak", "n"))
    )
    with pytest.raises(AssertionError, match=r"'Ya'.*'Tidak'"):
        await sari.press("Mungkin")


async def test_forged_callback_reaches_the_bot(stub_bot: telegram.Bot, sari: ChatActor) -> None:
    await sari.forge_callback("admin:hapus", message_id=1)
    query = (await stub_bot.get_updates())[-1].callback_query
    assert query is not None
    assert query.data == "admin:hapus"


async def test_reply_keyboard_location_button_shares_a_location(
    stub_bot: telegram.Bot,
    sari: ChatActor,
) -> None:
    markup = ReplyKeyboardMarkup(
        [[KeyboardButton("Kirim lokasi", request_location=True), KeyboardButton("Lewati")]]
    )
    await stub_bot.send_message(USER_ID, "Di mana?", reply_markup=markup)
    await sari.reply_keyboard_press("Kirim lokasi", latitude=-7.25, longitude=112.75)
    await sari.reply_keyboard_press("Lewati")
    updates = await stub_bot.get_updates()
    shared = [(u.message.location, u.message.text) for u in updates[-2:] if u.message]
    location = shared[0][0]
    assert location is not None
    assert (location.latitude, location.longitude, shared[1][1]) == (-7.25, 112.75, "Lewati")
    with pytest.raises(AssertionError, match="Kirim lokasi"):
        await sari.reply_keyboard_press("Batal")


async def test_photo_from_user_can_be_fetched_and_downloaded(
    stub_bot: telegram.Bot,
    sari: ChatActor,
) -> None:
    await sari.send_photo(file_id="AgAC-bukti", content=b"JPEG-BYTES", caption="bukti")
    message = (await stub_bot.get_updates())[-1].message
    assert message is not None
    assert message.photo[-1].file_id == "AgAC-bukti"
    file = await stub_bot.get_file("AgAC-bukti")
    assert bytes(await file.download_as_bytearray()) == b"JPEG-BYTES"


async def test_uploaded_photo_arrives_as_multipart(
    stub_bot: telegram.Bot,
    botapi_stub: BotApiStub,
    sari: ChatActor,
) -> None:
    sent = await stub_bot.send_photo(USER_ID, photo=b"\x89PNG-bytes", caption="Peta")
    upload = botapi_stub.calls_to("sendPhoto")[-1]["photo"]
    assert isinstance(upload, Upload)
    assert upload.content == b"\x89PNG-bytes"
    assert (sari.last.kind, sari.last.text) == ("photo", "Peta")
    file = await stub_bot.get_file(sent.photo[-1].file_id)
    assert bytes(await file.download_as_bytearray()) == b"\x89PNG-bytes"


async def test_injected_429_and_5xx(
    stub_bot: telegram.Bot, botapi_stub: BotApiStub, sari: ChatActor
) -> None:
    botapi_stub.fail_next("sendMessage", retry_after=3)
    with pytest.raises(RetryAfter, match="Retry in 3"):
        await stub_bot.send_message(USER_ID, "x")
    botapi_stub.fail_next("sendMessage", error_code=502)
    with pytest.raises(NetworkError, match="Bad Gateway"):
        await stub_bot.send_message(USER_ID, "x")
    await stub_bot.send_message(USER_ID, "x")
    assert [e[2] for e in botapi_stub.errors] == [429, 502]


@pytest.mark.parametrize(
    ("reason", "error", "description"),
    [
        ("blocked", Forbidden, "Forbidden: bot was blocked by the user"),
        ("deactivated", Forbidden, "Forbidden: user is deactivated"),
        ("chat_not_found", BadRequest, "Bad Request: chat not found"),
    ],
)
async def test_injected_refusals_read_as_telegram_words_them(
    stub_bot: telegram.Bot,
    botapi_stub: BotApiStub,
    sari: ChatActor,
    reason: str,
    error: type[Exception],
    description: str,
) -> None:
    botapi_stub.refuse_next("sendMessage", reason)
    with pytest.raises(error) as raised:
        await stub_bot.send_message(USER_ID, "x")
    assert description.lower().endswith(str(raised.value).lower())  # PTB drops "Bad Request: "
    await stub_bot.send_message(USER_ID, "x")  # only the next call was refused
    assert [e[2:] for e in botapi_stub.errors] == [(error_code(description), description)]


def error_code(description: str) -> int:
    return 403 if description.startswith("Forbidden") else 400


async def test_injected_500_reads_as_a_network_error(
    stub_bot: telegram.Bot, botapi_stub: BotApiStub, sari: ChatActor
) -> None:
    botapi_stub.fail_next("sendMessage", error_code=500)
    with pytest.raises(NetworkError, match="Internal Server Error"):
        await stub_bot.send_message(USER_ID, "x")


async def test_unknown_methods_answer_true_and_are_listed(
    stub_bot: telegram.Bot,
    botapi_stub: BotApiStub,
) -> None:
    assert await stub_bot.do_api_request("notARealMethod", api_kwargs={"x": 1}) is True
    assert botapi_stub.unknown_methods == ["notARealMethod"]


async def test_webhook_is_recorded_and_blocks_polling(
    stub_bot: telegram.Bot,
    botapi_stub: BotApiStub,
    sari: ChatActor,
) -> None:
    await stub_bot.set_webhook("https://lapor.example/tg", secret_token="rahasia")
    assert (await stub_bot.get_webhook_info()).pending_update_count == 1
    assert botapi_stub.webhook == {"url": "https://lapor.example/tg", "secret_token": "rahasia"}
    with pytest.raises(Conflict, match="webhook is active"):
        await stub_bot.get_updates()
    await stub_bot.delete_webhook(drop_pending_updates=True)
    assert await stub_bot.get_updates() == ()
    with pytest.raises(BadRequest, match=r"(?i)https url"):
        await stub_bot.set_webhook("http://lapor.example/tg")


@dataclass
class WebhookServer:
    """A bot's webhook endpoint: records each post, answers the next statuses in line."""

    statuses: list[int]
    posts: list[tuple[int, str | None]] = field(default_factory=list)

    async def handle(self, request: web.Request) -> web.Response:
        update = await request.json()
        self.posts.append(
            (update["update_id"], request.headers.get("X-Telegram-Bot-Api-Secret-Token"))
        )
        return web.Response(status=self.statuses.pop(0) if self.statuses else 200)


@pytest.fixture
async def webhook_server() -> AsyncIterator[tuple[WebhookServer, str]]:
    server = WebhookServer(statuses=[])
    app = web.Application()
    app.router.add_post("/hook", server.handle)
    runner = web.AppRunner(app)
    await runner.setup()
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    await web.SockSite(runner, sock).start()
    yield server, f"http://127.0.0.1:{sock.getsockname()[1]}/hook"
    await runner.cleanup()


async def test_updates_are_posted_to_the_webhook_in_order_until_answered_2xx(
    stub_bot: telegram.Bot,
    botapi_stub: BotApiStub,
    webhook_server: tuple[WebhookServer, str],
) -> None:
    server, url = webhook_server
    server.statuses = [503, 200, 500]
    sari = botapi_stub.private_user(user_id=USER_ID, first_name="Sari")
    await sari.send("satu")
    await sari.send("dua")
    botapi_stub.forward_webhook_to(url)
    assert server.posts == []  # no webhook set yet: nothing is posted

    await stub_bot.set_webhook(
        "https://lapor.example/tg", secret_token="rahasia", allowed_updates=["message"]
    )
    async with asyncio.timeout(5):
        while True:
            changed = botapi_stub.updates_changed()
            if not botapi_stub.pending_updates:
                break
            await changed.wait()

    assert server.posts == [(1, "rahasia"), (1, "rahasia"), (2, "rahasia"), (2, "rahasia")]
    assert botapi_stub.webhook_answers == [(1, 503), (1, 200), (2, 500), (2, 200)]
    with pytest.raises(Conflict, match="webhook is active"):
        await stub_bot.get_updates()


async def test_bot_setup_methods_are_recorded(
    stub_bot: telegram.Bot,
    botapi_stub: BotApiStub,
) -> None:
    await stub_bot.set_my_commands([BotCommand("lapor", "Buat laporan")])
    await stub_bot.set_my_description("Laporkan kekhawatiran", language_code="id")
    await stub_bot.delete_my_commands(language_code="en")
    assert list(botapi_stub.commands.values()) == [
        [{"command": "lapor", "description": "Buat laporan"}]
    ]
    assert botapi_stub.settings == {"description:id": "Laporkan kekhawatiran"}
    assert botapi_stub.unknown_methods == []


async def test_deleted_messages_stay_listed_as_deleted(
    stub_bot: telegram.Bot, sari: ChatActor
) -> None:
    sent = await stub_bot.send_message(USER_ID, "Sementara")
    await stub_bot.delete_message(USER_ID, sent.message_id)
    assert sari.last.deleted
    with pytest.raises(BadRequest, match="not found"):
        await stub_bot.delete_message(USER_ID, sent.message_id)


async def test_group_members_share_the_group_chat(
    stub_bot: telegram.Bot,
    botapi_stub: BotApiStub,
) -> None:
    group = botapi_stub.group_chat(chat_id=-5001, title="Warga RT 05")
    await group.member(user_id=2002, first_name="Budi").command("/lapor@lapor_sosial_test_bot")
    message = (await stub_bot.get_updates())[-1].message
    assert message is not None
    assert (message.chat.type, message.entities[0].length) == ("group", len(message.text or ""))
    await stub_bot.send_message(-5001, "Silakan lanjut lewat chat pribadi.")
    assert "> Budi: /lapor@lapor_sosial_test_bot" in group.transcript()
    assert group.messages[-1].message_id == 2


async def test_wait_for_times_out_with_the_transcript(sari: ChatActor) -> None:
    with pytest.raises(AssertionError, match=r"(?s)within 0.1s.*> user: halo"):
        await sari.wait_for("tidak pernah", timeout=0.1)


async def test_user_message_kinds_parse_in_ptb(stub_bot: telegram.Bot, sari: ChatActor) -> None:
    await sari.send_contact(phone_number="+6281234567890", own=True)
    await sari.send_voice(file_id="AwAC-suara", duration=4)
    await sari.edit_message(1, "halo, saya mau lapor")
    contact, voice, edited = (await stub_bot.get_updates())[1:]
    assert contact.message is not None
    assert contact.message.contact is not None
    assert (contact.message.contact.phone_number, contact.message.contact.user_id) == (
        "+6281234567890",
        USER_ID,
    )
    assert voice.message is not None
    assert voice.message.voice is not None
    assert (voice.message.voice.file_id, voice.message.voice.mime_type) == (
        "AwAC-suara",
        "audio/ogg",
    )
    assert edited.edited_message is not None
    assert (edited.edited_message.message_id, edited.edited_message.text) == (
        1,
        "halo, saya mau lapor",
    )


async def test_bot_location_and_chat_action(
    stub_bot: telegram.Bot, botapi_stub: BotApiStub, sari: ChatActor
) -> None:
    await stub_bot.send_chat_action(USER_ID, "typing")
    await stub_bot.send_location(USER_ID, latitude=-6.2, longitude=106.8)
    assert botapi_stub.chat_actions == [(USER_ID, "typing")]
    assert (sari.last.kind, sari.last.raw["location"]) == (
        "location",
        {"latitude": -6.2, "longitude": 106.8},
    )
    assert "< bot #2: [location -6.2, 106.8]" in sari.transcript()


async def test_a_started_user_can_be_written_to_first(
    stub_bot: telegram.Bot, botapi_stub: BotApiStub
) -> None:
    worker = botapi_stub.private_user(user_id=2001, first_name="Sari", started=True)
    stranger = botapi_stub.private_user(user_id=2002, first_name="Budi")
    await stub_bot.send_message(2001, "Kasus baru")
    with pytest.raises(BadRequest, match="not found"):
        await stub_bot.send_message(2002, "Kasus baru")
    assert (await worker.wait_for("Kasus")).message_id == 1
    assert "! bot sendMessage refused: 400 Bad Request: chat not found" in stranger.transcript()


async def test_wait_idle_waits_for_the_bot_to_fetch_updates(
    stub_bot: telegram.Bot, sari: ChatActor
) -> None:
    with pytest.raises(AssertionError, match="still busy"):
        await sari.wait_idle(quiet=0.05, timeout=0.2)
    await stub_bot.get_updates()
    started = time.monotonic()
    await sari.wait_idle(quiet=0.2)
    assert 0.15 < time.monotonic() - started < 1


RENDER_CASES = [
    ("<b>Nama</b>: A &amp; B", "HTML", "Nama: A & B", [{"type": "bold", "offset": 0, "length": 4}]),
    ("😀 <i>x</i>", "HTML", "😀 x", [{"type": "italic", "offset": 3, "length": 1}]),
    (
        '<a href="https://x.id">tautan</a>',
        "HTML",
        "tautan",
        [{"type": "text_link", "offset": 0, "length": 6, "url": "https://x.id"}],
    ),
    ("AT&T <code>1 < 2</code>", "HTML", None, None),
    ("*Tebal* dan \\. titik", "MarkdownV2", "Tebal dan . titik", []),
    ("[situs](https://x.id) \\(ya\\)", "MarkdownV2", "situs (ya)", []),
    ("pengguna_baru", "Markdown", None, None),
    ("*tebal* _miring_", "Markdown", "tebal miring", []),
    ("apa saja <b>", None, "apa saja <b>", []),
]


@pytest.mark.parametrize(("source", "mode", "text", "entities"), RENDER_CASES)
def test_render(
    source: str, mode: str | None, text: str | None, entities: list[object] | None
) -> None:
    if text is None:
        with pytest.raises(ApiError, match="can't parse entities"):
            render(source, mode)
        return
    assert render(source, mode) == (text, entities)


@pytest.fixture
async def echo_app(botapi_stub: BotApiStub) -> AsyncIterator[None]:
    """A real PTB Application polling the stand-in: /start offers a button, pressing edits."""

    async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.effective_message is not None
        await update.effective_message.reply_text(
            f"Halo! Kode {context.args[0] if context.args else '-'}",
            reply_markup=keyboard(("Mulai", "mulai")),
        )

    async def pressed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        query = update.callback_query
        assert query is not None
        await query.answer()
        await query.edit_message_text("Terima kasih, laporan LS-0001 diterima.")

    app = (
        Application.builder()
        .token(botapi_stub.token)
        .base_url(botapi_stub.base_url)
        .base_file_url(botapi_stub.base_file_url)
        .build()
    )
    app.add_handler(CommandHandler("start", start))
    app.add_handler(CallbackQueryHandler(pressed))
    async with app:
        assert app.updater is not None
        await app.updater.start_polling(poll_interval=0, timeout=dtm.timedelta(seconds=5))
        await app.start()
        yield
        await app.updater.stop()
        await app.stop()


async def test_a_ptb_application_converses_through_the_stub(
    echo_app: None,
    botapi_stub: BotApiStub,
) -> None:
    user = botapi_stub.private_user(user_id=USER_ID, first_name="Sari")
    await user.command("/start", args="w-abc123")
    greeting = await user.wait_for(lambda m: "Halo" in m.text)
    assert (greeting.text, greeting.button_texts()) == ("Halo! Kode w-abc123", ["Mulai"])
    await user.press("Mulai")
    done = await user.wait_for("LS-")
    assert (done.message_id, done.edits, done.inline_buttons) == (greeting.message_id, 1, [])
    await user.wait_idle(quiet=0.2)
    assert (botapi_stub.errors, botapi_stub.unknown_methods) == ([], [])
    assert len(botapi_stub.answered_callbacks) == 1
    assert user.transcript().splitlines()[1:] == [
        "> user: /start w-abc123",
        "< bot #2: Halo! Kode w-abc123",
        "    [Mulai]",
        "> user pressed [Mulai] on #2 (data='mulai')",
        "< bot answered the button",
        "< bot edited #2: Terima kasih, laporan LS-0001 diterima.",
    ]


@dataclass
class StepClock:
    """A monotonic clock the test moves by hand."""

    now: float = 1000.0

    def __call__(self) -> float:
        return self.now


async def test_the_rate_limit_lets_thirty_a_second_through_in_all_then_answers_429(
    stub_bot: telegram.Bot, botapi_stub: BotApiStub
) -> None:
    clock = StepClock()
    botapi_stub.rate_limit = RateLimit(per_second=30, clock=clock)
    chats = [botapi_stub.private_user(5000 + n, "Petugas", started=True) for n in range(32)]
    for chat in chats[:30]:
        await stub_bot.send_message(chat.user_id, "satu")
        clock.now += 0.01
    with pytest.raises(RetryAfter, match="Retry in 1 sec"):  # whole seconds, at least one
        await stub_bot.send_message(chats[30].user_id, "satu")
    assert chats[30].messages == []  # a refused send delivers nothing
    clock.now = 1000.0 + 1.0  # the first send has left the one-second span
    await stub_bot.send_message(chats[30].user_id, "satu")
    with pytest.raises(RetryAfter):
        await stub_bot.send_message(chats[31].user_id, "satu")
    await stub_bot.send_chat_action(chats[31].user_id, "typing")  # not a message: not limited
    assert (botapi_stub.rate_limit.admitted, botapi_stub.rate_limit.refused) == (31, 2)
    assert [e[2] for e in botapi_stub.errors] == [429, 429]


async def test_the_rate_limit_lets_one_a_second_through_to_a_chat(
    stub_bot: telegram.Bot, botapi_stub: BotApiStub
) -> None:
    clock = StepClock()
    botapi_stub.rate_limit = RateLimit(per_chat_interval=1.0, clock=clock)
    wulan = botapi_stub.private_user(6001, "Wulan", started=True)
    budi = botapi_stub.private_user(6002, "Budi", started=True)
    await stub_bot.send_message(wulan.user_id, "satu")
    clock.now += 0.4
    with pytest.raises(RetryAfter, match="Retry in 1 sec"):
        await stub_bot.send_message(wulan.user_id, "dua")
    await stub_bot.send_message(budi.user_id, "satu")  # another chat may have one at once
    clock.now += 0.6
    await stub_bot.send_message(wulan.user_id, "dua")  # a second after the first
    clock.now += 0.5
    with pytest.raises(RetryAfter):
        await stub_bot.send_message(wulan.user_id, "tiga")
    assert [m.text for m in wulan.messages] == ["satu", "dua"]
    assert sum(botapi_stub.ledger.accepted.values()) == 3
    assert [chat for _, chat, _ in botapi_stub.ledger.times] == [6001, 6002, 6001]
