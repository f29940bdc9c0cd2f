"""A Telegram Bot API stand-in over real HTTP on 127.0.0.1, with simulated users, for tests."""

from __future__ import annotations

import asyncio
import json
import socket
from collections import defaultdict, deque
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from types import TracebackType

from aiohttp import web

from tests.support.stub_faults import FaultPlan, Ledger
from tests.support.stub_methods import StubMethods
from tests.support.stub_ratelimit import RateLimit
from tests.support.stub_types import JSON, ApiError, Button, ReplyButton, SentMessage, Upload
from tests.support.stub_users import ChatActor, GroupChat, user_json
from tests.support.stub_webhook import WebhookPusher

__all__ = [
    "BotApiStub",
    "Button",
    "ChatActor",
    "GroupChat",
    "RateLimit",
    "ReplyButton",
    "SentMessage",
]

# Parameters Telegram reads as strings even when they look like numbers or JSON.
_STRING_PARAMS = frozenset(
    (
        "text",
        "caption",
        "callback_query_id",
        "inline_query_id",
        "inline_message_id",
        "file_id",
        "photo",
        "voice",
        "document",
        "audio",
        "video",
        "animation",
        "sticker",
        "url",
        "secret_token",
        "description",
        "short_description",
        "title",
        "name",
        "first_name",
        "last_name",
        "phone_number",
        "parse_mode",
        "action",
        "emoji",
        "query",
        "address",
        "business_connection_id",
        "message_effect_id",
    )
)
_SERVER_ERRORS = {500: "Internal Server Error", 502: "Bad Gateway", 503: "Service Unavailable"}
_DEFAULT_DESCRIPTIONS = {
    **_SERVER_ERRORS,
    400: "Bad Request: injected failure",
    403: "Forbidden: injected failure",
}
# What Telegram answers when a message cannot reach someone, by the name tests use.
REFUSALS = {
    "blocked": (403, "Forbidden: bot was blocked by the user"),
    "deactivated": (403, "Forbidden: user is deactivated"),
    "chat_not_found": (400, "Bad Request: chat not found"),
}


@dataclass(frozen=True)
class Hold:
    """A call held before its answer: `arrived` is set when it comes in, and the stand-in
    answers once the test sets `release` (and carries the call out then, as Telegram does
    with a request whose client has gone). `where` picks the call by its parameters."""

    arrived: asyncio.Event = field(default_factory=asyncio.Event)
    release: asyncio.Event = field(default_factory=asyncio.Event)
    where: Callable[[JSON], bool] | None = None
    params: JSON = field(default_factory=dict)


class BotApiStub(StubMethods):
    """The Bot API on a free local port: POST {base_url}{token}/{method}, JSON answers."""

    def __init__(
        self,
        token: str = "123456:TEST-TOKEN",  # noqa: S107 - a made-up test token
        username: str = "lapor_sosial_test_bot",
        first_name: str = "Lapor Sosial (test)",
    ) -> None:
        super().__init__(token, username, first_name)
        self._faults: defaultdict[str, deque[ApiError]] = defaultdict(deque)
        self._delays: defaultdict[str, deque[float]] = defaultdict(deque)
        self._holds: defaultdict[str, deque[Hold]] = defaultdict(deque)
        self._answer_holds: defaultdict[str, deque[tuple[Collection[int] | None, Hold]]] = (
            defaultdict(deque)
        )
        self.faults: FaultPlan | None = None  # seeded failures (fault tests)
        self.rate_limit: RateLimit | None = None  # Telegram's flood limits, when set
        self.ledger = Ledger()  # every message accepted, to count duplicates
        self._runner: web.AppRunner | None = None
        self._port = 0
        self.pusher = WebhookPusher(self)
        self._pushing: asyncio.Task[None] | None = None

    async def start(self) -> None:
        """Serve on 127.0.0.1 at a port the system picks."""
        self._closing = False
        app = web.Application(client_max_size=60 * 1024 * 1024)
        app.router.add_route("*", "/bot{token}/{method}", self._handle)
        app.router.add_get("/file/bot{token}/{path:.+}", self._download)
        self._runner = web.AppRunner(app, handle_signals=False, access_log=None, shutdown_timeout=1)
        await self._runner.setup()
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.bind(("127.0.0.1", 0))
        self._port = sock.getsockname()[1]
        await web.SockSite(self._runner, sock).start()
        self._pushing = asyncio.create_task(self.pusher.run(), name="stub-webhook")

    async def stop(self) -> None:
        """Answer pending long polls, stop posting to a webhook, shut the server down."""
        self.wake_all()
        if self._pushing is not None:
            self._pushing.cancel()
            await asyncio.gather(self._pushing, return_exceptions=True)
            self._pushing = None
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> BotApiStub:
        await self.start()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.stop()

    @property
    def base_url(self) -> str:
        """What Bot(base_url=...) / ApplicationBuilder().base_url(...) expects; PTB adds the token."""
        return f"{self._origin()}/bot"

    @property
    def base_file_url(self) -> str:
        """What Bot(base_file_url=...) expects; getFile paths are served there."""
        return f"{self._origin()}/file/bot"

    def _origin(self) -> str:
        if not self._port:
            raise RuntimeError("start the BotApiStub first")
        return f"http://127.0.0.1:{self._port}"

    def forward_webhook_to(self, url: str, *more: str) -> None:
        """Where the https webhook URL arrives (what a TLS proxy forwards it to); updates are
        posted there while a webhook is set, to each URL in turn when there are several (a
        load balancer). `webhook_answers` lists what the bot answered."""
        self.pusher.targets = [url, *more]
        self.wake_pusher()

    @property
    def webhook_answers(self) -> list[tuple[int, int]]:
        """(update_id, HTTP status) of every post to the webhook; status 0: no answer."""
        return self.pusher.answers

    def private_user(
        self,
        user_id: int,
        first_name: str = "Pengguna",
        *,
        last_name: str | None = None,
        username: str | None = None,
        language_code: str | None = "id",
        phone_number: str | None = None,
        started: bool = False,
    ) -> ChatActor:
        """A user in a private chat with the bot (chat_id == user_id).

        The bot may write to the chat once the user has written to it, or at once if
        `started` (the user started the bot before the test began).
        """
        user = user_json(user_id, first_name, last_name, username, language_code)
        chat = {"id": user_id, "type": "private"} | {
            k: v for k, v in user.items() if k in ("first_name", "last_name", "username")
        }
        state = self.chat_state(chat)
        state.known = state.known or started
        return ChatActor(self, state, user, phone_number)

    def group_chat(self, chat_id: int, title: str, *, chat_type: str = "group") -> GroupChat:
        """A group (or supergroup) the bot is in; add writers with .member(user_id=...)."""
        state = self.chat_state({"id": chat_id, "type": chat_type, "title": title})
        state.known = True
        return GroupChat(self, state)

    def fail_next(
        self,
        method: str,
        count: int = 1,
        *,
        error_code: int = 429,
        retry_after: int = 1,
        description: str | None = None,
    ) -> None:
        """Make the next `count` calls of `method` fail (429 with retry_after, 5xx, or any)."""
        if error_code == 429:
            error = ApiError(
                429, f"Too Many Requests: retry after {retry_after}", {"retry_after": retry_after}
            )
        else:
            default = _DEFAULT_DESCRIPTIONS.get(error_code, "Bad Request: injected failure")
            error = ApiError(error_code, description or default)
        self._faults[method.lower()].extend([error] * count)

    def refuse_next(self, method: str, reason: str, count: int = 1) -> None:
        """Make the next `count` calls of `method` fail as Telegram does when the message cannot
        reach the user: `reason` is a key of REFUSALS (blocked, deactivated, chat_not_found)."""
        code, description = REFUSALS[reason]
        self.fail_next(method, count, error_code=code, description=description)

    def delay_next(self, method: str, seconds: float, count: int = 1) -> None:
        """Make the next `count` calls of `method` wait `seconds` before answering."""
        self._delays[method.lower()].extend([seconds] * count)

    def hold_next(self, method: str, where: Callable[[JSON], bool] | None = None) -> Hold:
        """Hold the next call of `method` (whose parameters `where` accepts) unanswered until
        the test releases it."""
        hold = Hold(where=where)
        self._holds[method.lower()].append(hold)
        return hold

    def hold_answer_next(self, method: str, chats: Collection[int] | None = None) -> Hold:
        """Carry out the next call of `method` (to one of `chats`, if given): a message is accepted
        and delivered; then hold its answer until the test releases it, so the bot does not know
        yet that it went (a crash now, and it is sent again)."""
        hold = Hold()
        self._answer_holds[method.lower()].append((chats, hold))
        return hold

    def calls_to(self, method: str) -> list[JSON]:
        """The parameters of every call of `method`, in order."""
        return [params for name, params in self.calls if name.lower() == method.lower()]

    async def _handle(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        params = await _read_params(request)
        self.calls.append((method, params))
        try:
            if request.match_info["token"] != self.token:
                raise ApiError(401, "Unauthorized")
            await self._injected(method, params)
            if self.rate_limit is not None and (
                limited := self.rate_limit.error_for(method, params)
            ):
                raise limited
            if self.faults is not None and (fault := self.faults.error_for(method, params)):
                raise fault
            result = await self.dispatch(method, params)
            self.ledger.record(method, params)
            await self._answer_held(method, params)
        except ApiError as error:
            if _client_connected(request):  # a long poll the bot abandoned sees no 409
                self._record_error(method, params, error)
            return web.json_response(error.body(), status=error.code)
        return web.json_response({"ok": True, "result": result})

    def _record_error(self, method: str, params: JSON, error: ApiError) -> None:
        """Keep the error, and show it in the chat's transcript so failed sends are visible."""
        self.errors.append((method, params, error.code, error.description))
        chat_id = params.get("chat_id")
        chat = self.chats.get(chat_id) if isinstance(chat_id, int) else None
        if chat is not None:
            chat.lines.append(f"! bot {method} refused: {error.code} {error.description}")

    async def _injected(self, method: str, params: JSON) -> None:
        holds = self._holds.get(method.lower())
        hold = next((h for h in holds or () if h.where is None or h.where(params)), None)
        if holds and hold is not None:
            holds.remove(hold)
            hold.params.update(params)
            hold.arrived.set()
            await hold.release.wait()
        delays = self._delays.get(method.lower())
        if delays:
            await asyncio.sleep(delays.popleft())
        faults = self._faults.get(method.lower())
        if faults:
            raise faults.popleft()

    async def _answer_held(self, method: str, params: JSON) -> None:
        holds = self._answer_holds.get(method.lower())
        if holds and (holds[0][0] is None or params.get("chat_id") in holds[0][0]):
            _, hold = holds.popleft()
            hold.arrived.set()
            await hold.release.wait()

    async def _download(self, request: web.Request) -> web.Response:
        path = request.match_info["path"]
        stored = next((f for f in self.files.values() if f.path == path), None)
        if request.match_info["token"] != self.token or stored is None:
            raise web.HTTPNotFound()
        return web.Response(body=stored.content, content_type="application/octet-stream")


async def _read_params(request: web.Request) -> JSON:
    """Query, urlencoded, multipart or JSON parameters, decoded the way Telegram reads them."""
    raw: JSON = dict(request.query)
    if request.content_type == "application/json":
        raw |= await request.json()
    elif request.can_read_body:
        for key, value in (await request.post()).items():
            raw[key] = _upload(value) if isinstance(value, web.FileField) else value
    return {key: _decode(key, value) for key, value in raw.items()}


def _client_connected(request: web.Request) -> bool:
    return request.transport is not None and not request.transport.is_closing()


def _upload(field: web.FileField) -> Upload:
    return Upload(field.filename, field.content_type, field.file.read())


def _decode(key: str, value: object) -> object:
    if not isinstance(value, str) or key in _STRING_PARAMS:
        return value
    try:
        decoded = json.loads(value)
    except ValueError:
        return value
    return value if isinstance(decoded, str) else decoded
