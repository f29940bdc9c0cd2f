"""Fuzzing the real handlers with hypothesis: random updates as the webhook takes them (any
unicode, texts past Telegram's 4,096 characters, missing fields, unknown update types, edited
messages, random callback data, stickers, documents, other people's contacts, locations at
sea) from a few reporters in the middle of their questionnaires.

No handler fails, every message and button press from a person gets an answer, an update
that is no update is refused (the webhook answers 400), and every draft stays one the
questionnaire can go on from."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.flood import FloodGate, FloodLimit
from bot.webhook import InboxReceiver
from tests.bot.harness import BotUnderTest, running_bot
from tests.bot.rows import rows
from tests.support.botapi_stub import BotApiStub
from triage.domain.intake.catalog import Step
from triage.domain.intake.flow import IntakeState, current_prompt
from triage.services.common.deps import TriageDeps
from triage.services.inbox.port import UnreadableUpdate
from triage.storage.tables import Draft

pytestmark = pytest.mark.slow
REPORTERS = (1001, 1002, 1003)
STRANGER = 4242  # someone whose contact a reporter shares
COMMANDS = ["/start", "/status", "/batal", "/cancel", "/bahasa", "/help", "/start abc", "/terima"]
JSON = dict[str, Any]

any_text = st.one_of(
    st.text(max_size=200),
    st.text(min_size=4096, max_size=4200),
    st.sampled_from(COMMANDS),
    st.sampled_from(["jaksel", "laki-laki 9 tahun", "Tidak ada", "✅ Kirim laporan"]),
)
coordinate = st.tuples(st.floats(-90, 90, allow_nan=False), st.floats(-180, 180, allow_nan=False))
AT_SEA = [(-5.5, 110.0), (0.0, 0.0), (-10.0, 125.5), (6.0, 95.0)]  # Java Sea, Gulf of Guinea …
file_ids = st.text(st.characters(codec="ascii", categories=["L", "N"]), min_size=1, max_size=40)


def _content() -> st.SearchStrategy[JSON]:
    return st.one_of(
        any_text.map(lambda t: {"text": t}),
        file_ids.map(
            lambda f: {
                "sticker": {
                    "file_id": f,
                    "file_unique_id": f[:16],
                    "type": "regular",
                    "width": 512,
                    "height": 512,
                    "is_animated": False,
                    "is_video": False,
                    "emoji": "😢",
                }
            }
        ),
        file_ids.map(lambda f: {"document": {"file_id": f, "file_unique_id": f[:16]}}),
        st.builds(
            lambda phone, who: {
                "contact": {"phone_number": phone, "first_name": "Orang Lain"}
                | ({} if who is None else {"user_id": who})
            },
            st.text(max_size=20),
            st.sampled_from([STRANGER, None, *REPORTERS]),
        ),
        st.one_of(coordinate, st.sampled_from(AT_SEA)).map(
            lambda c: {"location": {"latitude": c[0], "longitude": c[1]}}
        ),
        file_ids.map(
            lambda f: {"photo": [{"file_id": f, "file_unique_id": f[:16], "width": 9, "height": 9}]}
        ),
    )


def _message(user: int, content: JSON, drop: str | None, message_id: int) -> JSON:
    message: JSON = {
        "message_id": message_id,
        "date": int(time.time()),
        "chat": {"id": user, "type": "private", "first_name": "Warga"},
        "from": {"id": user, "is_bot": False, "first_name": "Warga", "language_code": "id"},
        **content,
    }
    if drop is not None:
        message.pop(drop, None)
    return message


@st.composite
def updates(draw: st.DrawFn) -> tuple[str, int, JSON]:
    """(kind, chat, update without its update_id)."""
    user = draw(st.sampled_from(REPORTERS))
    kind = draw(
        st.sampled_from(["message", "message", "message", "callback_query", "edited_message",
                         "unknown", "missing"])
    )  # fmt: skip
    message_id = draw(st.integers(1, 10_000))
    if kind == "callback_query":
        data = draw(
            st.one_of(
                st.text(max_size=64), st.from_regex(r"[islrw]:[0-9]{1,3}:\w{0,12}", fullmatch=True)
            )
        )
        query = {
            "id": str(draw(st.integers(1, 10**12))),
            "from": {"id": user, "is_bot": False, "first_name": "Warga"},
            "chat_instance": "1",
            "data": data,
            "message": _message(user, {"text": "?"}, None, message_id),
        }
        return kind, user, {"callback_query": query}
    content = draw(_content())
    if kind == "edited_message":
        return (
            kind,
            user,
            {"edited_message": _message(user, content, None, message_id) | {"edit_date": 1}},
        )
    if kind == "unknown":
        return (
            kind,
            user,
            {draw(st.sampled_from(["future_kind", "reaction_x", "zz_unknown"])): {"id": "1"}},
        )
    if kind == "missing":
        drop = draw(st.sampled_from(["from", "chat", "date", "message_id"]))
        return kind, user, {"message": _message(user, content, drop, message_id)}
    return kind, user, {"message": _message(user, content, None, message_id)}


@pytest.fixture
async def fuzzed(deps: TriageDeps) -> AsyncIterator[tuple[BotUnderTest, InboxReceiver]]:
    async with BotApiStub() as stub:
        for user in (*REPORTERS, STRANGER):
            stub.private_user(user, "Warga", started=True)
        flood = FloodGate(FloodLimit(100_000, 1.0))
        async with running_bot(stub, deps, flood) as bot:
            receiver = InboxReceiver(deps, bot.application)
            receiver.open()
            yield bot, receiver


def _answered(bot: BotUnderTest, since: int, chat: int, query: str | None) -> bool:
    for method, params in bot.stub.calls[since:]:
        if query is not None and method.lower() == "answercallbackquery":
            if params.get("callback_query_id") == query:
                return True
        elif params.get("chat_id") == chat and method.lower() != "sendchataction":
            return True
    return False


async def _drafts_can_go_on(deps: TriageDeps) -> None:
    for draft in await rows(deps, Draft):
        state = IntakeState(Step(draft.step), dict(draft.answers), draft.version)
        assert current_prompt(state, deps.regions) is not None


_next_update = iter(range(5_000_000, 10**9))


@settings(
    max_examples=80,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(batch=st.lists(updates(), min_size=1, max_size=4))
async def test_random_updates_never_break_a_handler_or_a_draft(
    fuzzed: tuple[BotUnderTest, InboxReceiver], batch: list[tuple[str, int, JSON]]
) -> None:
    bot, receiver = fuzzed
    for kind, chat, body in batch:
        if kind == "callback_query":  # a press the stand-in knows, so it can be answered
            body["callback_query"]["id"] = bot.stub.new_callback(bot.stub.chats[chat])
        payload = {"update_id": next(_next_update), **body}
        since = len(bot.stub.calls)
        try:
            await receiver.receive(payload)
        except UnreadableUpdate:
            assert kind == "missing", payload  # only an update missing a field is no update
            continue
        assert await receiver.close(30)
        receiver.open()
        assert not bot.failures, f"a handler failed on {kind}: {bot.failures!r}"
        if kind in ("message", "callback_query"):
            query = body["callback_query"]["id"] if kind == "callback_query" else None
            assert _answered(bot, since, chat, query), f"no answer to {kind}: {payload}"
    await _drafts_can_go_on(bot.deps)
