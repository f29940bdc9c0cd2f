"""State of the Bot API stand-in: chats, the update queue with long polling, files, callbacks."""

from __future__ import annotations

import asyncio
import hashlib
import time
from dataclasses import dataclass

from tests.support.stub_chats import ChatState, Notifier, describe_user, wait_event
from tests.support.stub_types import JSON, ApiError

_CONFLICT_OTHER_POLL = (
    "Conflict: terminated by other getUpdates request; "
    "make sure that only one bot instance is running"
)
_CONFLICT_WEBHOOK = (
    "Conflict: can't use getUpdates method while webhook is active; "
    "use deleteWebhook to delete the webhook first"
)


@dataclass
class StoredFile:
    """A file the bot may fetch with getFile and download from the file URL."""

    content: bytes
    path: str


@dataclass
class CallbackState:
    """A callback query sent to the bot, answerable once."""

    chat_id: int
    answered: bool = False


def unique_id(file_id: str) -> str:
    """A stable file_unique_id for a file_id."""
    return "AQAD" + hashlib.sha256(file_id.encode()).hexdigest()[:12]


class StubCore:
    """Everything the stand-in knows, independent of HTTP."""

    def __init__(self, token: str, username: str, first_name: str) -> None:
        self.token = token
        self.bot_user: JSON = {
            "id": int(token.split(":", 1)[0]),
            "is_bot": True,
            "first_name": first_name,
            "username": username,
        }
        self.calls: list[tuple[str, JSON]] = []
        self.errors: list[tuple[str, JSON, int, str]] = []
        self.unknown_methods: list[str] = []
        self.answered_callbacks: list[tuple[str, str | None, bool]] = []
        self.webhook: JSON | None = None
        self.commands: dict[str, list[JSON]] = {}
        self.settings: dict[str, object] = {}
        self.chat_actions: list[tuple[int, str]] = []
        self.files: dict[str, StoredFile] = {}
        self.chats: dict[int, ChatState] = {}
        self._updates: list[JSON] = []
        self._update_chat: dict[int, int] = {}
        self._next_update_id = 1
        self._delivered_upto = 0
        self._poll_generation = 0
        self._updates_changed = Notifier()
        self._closing = False
        self._allowed_updates: list[str] = []
        self._callbacks: dict[str, CallbackState] = {}
        self._next_callback = 1

    def chat_state(self, chat: JSON) -> ChatState:
        """The chat's state, created on first use."""
        if chat["id"] not in self.chats:
            self.chats[chat["id"]] = ChatState(chat)
        return self.chats[chat["id"]]

    def queue_update(self, kind: str, body: JSON, chat_id: int) -> int:
        """Queue an update for getUpdates and wake long polls."""
        update_id = self._next_update_id
        self._next_update_id += 1
        self._updates.append({"update_id": update_id, kind: body})
        self._update_chat[update_id] = chat_id
        self._updates_changed.notify()
        return update_id

    def user_message(self, chat: ChatState, sender: JSON, content: JSON, who: str) -> JSON:
        """Store a message a user sent into a chat and queue it as an update."""
        payload: JSON = {
            "message_id": chat.allocate_id(),
            "from": sender,
            "chat": chat.chat,
            "date": int(time.time()),
            **content,
        }
        chat.payloads[payload["message_id"]] = payload
        chat.known = True
        chat.user_acted(describe_user(who, payload))
        self.queue_update("message", payload, chat.id)
        return payload

    def new_callback(self, chat: ChatState) -> str:
        """A fresh callback query id the bot may answer once."""
        query_id = f"{self.bot_user['id']}{self._next_callback:08d}"
        self._next_callback += 1
        self._callbacks[query_id] = CallbackState(chat.id)
        return query_id

    def register_file(self, file_id: str, content: bytes = b"stub-file", path: str = "") -> None:
        """Make a file_id known to getFile and downloadable from the file URL."""
        self.files[file_id] = StoredFile(content, path or f"files/{unique_id(file_id)}.bin")

    def pending_for(self, chat_id: int) -> bool:
        """True if an update for the chat has not been fetched by the bot yet."""
        return any(
            u["update_id"] > self._delivered_upto
            and self._update_chat.get(u["update_id"]) == chat_id
            for u in self._updates
        )

    @property
    def last_update_id(self) -> int:
        """The id of the newest update queued so far (0 before any)."""
        return self._next_update_id - 1

    @property
    def pending_updates(self) -> int:
        """Updates not yet confirmed by the bot (as getWebhookInfo counts them)."""
        return len(self._updates)

    async def get_updates(self, params: JSON) -> list[JSON]:
        """Long polling: confirm below `offset`, answer once an update is there or on timeout."""
        if self.webhook:
            raise ApiError(409, _CONFLICT_WEBHOOK)
        self._poll_generation += 1
        generation = self._poll_generation
        self._updates_changed.notify()
        self._confirm(params.get("offset"))
        if params.get("allowed_updates") is not None:
            self._allowed_updates = list(params["allowed_updates"])
        limit = min(max(int(params.get("limit") or 100), 1), 100)
        deadline = time.monotonic() + float(params.get("timeout") or 0)
        while True:
            waiter = self._updates_changed.waiter()
            if generation != self._poll_generation:
                raise ApiError(409, _CONFLICT_OTHER_POLL)
            batch = self._select(limit)
            if batch or self._closing or time.monotonic() >= deadline:
                return self._deliver(batch)
            await wait_event(waiter, deadline - time.monotonic())

    def _confirm(self, offset: object) -> None:
        if not isinstance(offset, int) or offset == 0:
            return
        if offset < 0:
            self._updates = self._updates[offset:]
        else:
            self._updates = [u for u in self._updates if u["update_id"] >= offset]

    def _select(self, limit: int) -> list[JSON]:
        allowed = set(self._allowed_updates)
        chosen = [u for u in self._updates if not allowed or allowed & u.keys()]
        return chosen[:limit]

    def _deliver(self, batch: list[JSON]) -> list[JSON]:
        for update in batch:
            self._delivered_upto = max(self._delivered_upto, update["update_id"])
            chat = self.chats.get(self._update_chat.get(update["update_id"], 0))
            if chat:
                chat.touch()
        return batch

    def next_for_webhook(self) -> JSON | None:
        """The oldest queued update the webhook takes (its allowed_updates), if a webhook is set."""
        return next(iter(self.for_webhook()), None)

    def for_webhook(self) -> list[JSON]:
        """The queued updates the webhook takes (its allowed_updates), oldest first."""
        if not self.webhook:
            return []
        allowed = set(self.webhook.get("allowed_updates") or ())
        return [u for u in self._updates if not allowed or allowed & u.keys()]

    def chat_of(self, update_id: int) -> int:
        """The chat an update was queued for."""
        return self._update_chat.get(update_id, 0)

    def oldest_update(self) -> JSON | None:
        """The oldest update queued and not confirmed, however it is to be delivered."""
        return self._updates[0] if self._updates else None

    def confirm_pushed(self, update_id: int) -> None:
        """The bot answered 2xx to a pushed update: Telegram forgets it."""
        self._updates = [u for u in self._updates if u["update_id"] != update_id]
        self._deliver([{"update_id": update_id}])
        self._updates_changed.notify()

    def wake_pusher(self) -> None:
        self._updates_changed.notify()

    def updates_changed(self) -> asyncio.Event:
        """An event set the next time an update is queued or confirmed."""
        return self._updates_changed.waiter()

    def drop_pending_updates(self) -> None:
        self._updates = []
        self._delivered_upto = self._next_update_id - 1

    def wake_all(self) -> None:
        """Let every long poll return at once (used when stopping)."""
        self._closing = True
        self._updates_changed.notify()

    def answer_callback(self, query_id: str) -> CallbackState:
        """Mark a callback query answered; Telegram refuses unknown or answered ones."""
        state = self._callbacks.get(query_id)
        if state is None or state.answered:
            raise ApiError(
                400,
                "Bad Request: query is too old and response timeout expired or query ID is invalid",
            )
        state.answered = True
        return state
