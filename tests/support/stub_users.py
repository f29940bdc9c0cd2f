"""Simulated Telegram users for the stand-in: they write, press buttons and wait for the bot."""

from __future__ import annotations

import asyncio
import re
import time

from tests.support.stub_chats import ChatState, Predicate, as_predicate, find_button, wait_event
from tests.support.stub_core import StubCore, unique_id
from tests.support.stub_types import JSON, SentMessage

_COMMAND = re.compile(r"/[A-Za-z0-9_]{1,32}(@[A-Za-z0-9_]+)?")


def user_json(
    user_id: int,
    first_name: str,
    last_name: str | None = None,
    username: str | None = None,
    language_code: str | None = "id",
) -> JSON:
    """A Bot API User object for a human user."""
    user: JSON = {"id": user_id, "is_bot": False, "first_name": first_name}
    extra = {"last_name": last_name, "username": username, "language_code": language_code}
    return user | {key: value for key, value in extra.items() if value is not None}


class ChatActor:
    """A user writing into one chat: their private chat with the bot, or a group."""

    def __init__(self, core: StubCore, chat: ChatState, user: JSON, phone: str | None) -> None:
        self._core = core
        self._chat = chat
        self.user = user
        self.phone_number = phone

    @property
    def user_id(self) -> int:
        return int(self.user["id"])

    @property
    def chat_id(self) -> int:
        return self._chat.id

    @property
    def messages(self) -> list[SentMessage]:
        """The bot's messages in this chat, edits applied, deleted ones flagged."""
        return self._chat.bot_messages()

    @property
    def last(self) -> SentMessage:
        """The bot's latest message in this chat."""
        messages = self.messages
        if not messages:
            raise AssertionError(f"the bot has sent nothing to chat {self.chat_id}")
        return messages[-1]

    def transcript(self) -> str:
        """The conversation both ways, for printing in tests."""
        return self._chat.transcript()

    def block(self, blocked: bool = True) -> None:
        """Block (or unblock) the bot: it then gets 403 Forbidden when writing here."""
        self._chat.blocked = blocked

    async def send(self, text: str) -> int:
        """Send a text message (a leading /command gets a bot_command entity); returns its id."""
        content: JSON = {"text": text}
        match = _COMMAND.match(text)
        if match:
            content["entities"] = [{"type": "bot_command", "offset": 0, "length": match.end()}]
        return await self._send(content)

    async def command(self, command: str, args: str | None = None) -> int:
        """Send "/command args"."""
        text = command if command.startswith("/") else f"/{command}"
        return await self.send(f"{text} {args}" if args else text)

    async def send_location(self, latitude: float, longitude: float) -> int:
        return await self._send({"location": {"latitude": latitude, "longitude": longitude}})

    async def send_contact(
        self, phone_number: str | None = None, *, own: bool = True, first_name: str | None = None
    ) -> int:
        """Share a contact; own=True shares the user's own (with their user_id)."""
        phone = phone_number or self.phone_number or f"+6281{self.user_id:08d}"
        contact: JSON = {"phone_number": phone, "first_name": first_name or self.user["first_name"]}
        if own:
            contact["user_id"] = self.user_id
        return await self._send({"contact": contact})

    async def send_photo(
        self, file_id: str, *, caption: str | None = None, content: bytes = b"\xff\xd8stub"
    ) -> int:
        self._core.register_file(file_id, content, f"photos/file_{unique_id(file_id)}.jpg")
        size = {"file_id": file_id, "file_unique_id": unique_id(file_id), "width": 1280}
        body: JSON = {"photo": [size | {"height": 960, "file_size": len(content)}]}
        return await self._send(body | ({"caption": caption} if caption else {}))

    async def send_voice(self, file_id: str, *, duration: int = 3) -> int:
        self._core.register_file(file_id, b"OggS-stub", f"voice/file_{unique_id(file_id)}.oga")
        voice = {"file_id": file_id, "file_unique_id": unique_id(file_id), "duration": duration}
        return await self._send({"voice": voice | {"mime_type": "audio/ogg"}})

    async def send_sticker(self, file_id: str, emoji: str = "😢") -> int:
        sticker = {"file_id": file_id, "file_unique_id": unique_id(file_id), "type": "regular"}
        size = {"width": 512, "height": 512, "is_animated": False, "is_video": False}
        return await self._send({"sticker": sticker | size | {"emoji": emoji}})

    async def edit_message(self, message_id: int, text: str) -> None:
        """Edit one of the user's own text messages (the bot gets an edited_message update)."""
        payload = self._chat.payloads.get(message_id)
        if payload is None or payload["from"]["id"] != self.user_id:
            raise AssertionError(f"user {self.user_id} has no message #{message_id} to edit")
        edited = payload | {"text": text, "edit_date": int(time.time())}
        self._chat.payloads[message_id] = edited
        self._chat.user_acted(f"> {self._who()} edited #{message_id}: {text}")
        self._core.queue_update("edited_message", edited, self.chat_id)
        await asyncio.sleep(0)

    async def press(
        self,
        button_text: str | None = None,
        *,
        callback_data: str | None = None,
        message_id: int | None = None,
    ) -> str:
        """Press an inline button on the latest keyboard (or a given message); returns query id."""
        if button_text is None and callback_data is None:
            raise ValueError("press() needs button_text or callback_data")
        message = self._chat.keyboard_message(message_id)
        button = find_button(message, button_text, callback_data)
        if button.callback_data is None:
            raise AssertionError(f"button {button.text!r} is a link ({button.url}), not a callback")
        return await self._callback(button.callback_data, message.message_id, f"[{button.text}]")

    async def forge_callback(self, callback_data: str, message_id: int) -> str:
        """Send callback data the bot never showed (as a tampering client could)."""
        return await self._callback(callback_data, message_id, "forged")

    async def reply_keyboard_press(
        self,
        text: str,
        *,
        latitude: float = -6.2088,
        longitude: float = 106.8456,
        phone_number: str | None = None,
    ) -> int:
        """Press a reply keyboard button; location and contact buttons share those."""
        buttons = [button for row in self._chat.reply_keyboard or [] for button in row]
        button = next((b for b in buttons if b.text == text), None)
        if button is None:
            shown = [b.text for b in buttons] or "no reply keyboard"
            raise AssertionError(f"no reply keyboard button {text!r}; shown: {shown}")
        if self._chat.one_time_keyboard:
            self._chat.reply_keyboard = None
        if button.request_location:
            return await self.send_location(latitude, longitude)
        if button.request_contact:
            return await self.send_contact(phone_number, own=True)
        return await self.send(text)

    async def wait_for(
        self,
        predicate: Predicate | str | None = None,
        timeout: float = 10.0,  # noqa: ASYNC109 - the tests' API
    ) -> SentMessage:
        """A new bot message (sent or edited) since the user's last action that matches."""
        check = as_predicate(predicate)
        deadline = time.monotonic() + timeout
        while True:
            waiter = self._chat.changed.waiter()
            found = self._chat.take_event(check)
            if found is not None:
                return found
            if time.monotonic() >= deadline:
                raise AssertionError(
                    f"no new bot message matching {predicate!r} within {timeout}s\n"
                    + self.transcript()
                )
            await wait_event(waiter, deadline - time.monotonic())

    async def wait_idle(self, quiet: float = 0.3, timeout: float = 10.0) -> None:  # noqa: ASYNC109
        """Wait until the bot has fetched this chat's updates and been silent for `quiet` s."""
        deadline = time.monotonic() + timeout
        while True:
            busy = self._core.pending_for(self.chat_id)
            idle_for = 0.0 if busy else time.monotonic() - self._chat.last_activity
            if idle_for >= quiet:
                return
            if time.monotonic() >= deadline:
                raise AssertionError(f"chat still busy after {timeout}s\n" + self.transcript())
            await asyncio.sleep(0.02 if busy else quiet - idle_for)

    async def _send(self, content: JSON) -> int:
        payload = self._core.user_message(self._chat, self.user, content, self._who())
        await asyncio.sleep(0)
        return int(payload["message_id"])

    async def _callback(self, data: str, message_id: int, label: str) -> str:
        chat = self._chat
        query_id = self._core.new_callback(chat)
        gone: JSON = {"chat": chat.chat, "message_id": message_id, "date": 0}
        body: JSON = {
            "id": query_id,
            "from": self.user,
            "chat_instance": str(abs(chat.id) * 7919),
            "data": data,
            "message": chat.payloads.get(message_id, gone),
        }
        chat.user_acted(f"> {self._who()} pressed {label} on #{message_id} (data={data!r})")
        self._core.queue_update("callback_query", body, chat.id)
        await asyncio.sleep(0)
        return query_id

    def _who(self) -> str:
        return "user" if self._chat.private else str(self.user["first_name"])


class GroupChat:
    """A group chat; its members are ChatActors writing into it."""

    def __init__(self, core: StubCore, chat: ChatState) -> None:
        self._core = core
        self._chat = chat

    @property
    def chat_id(self) -> int:
        return self._chat.id

    @property
    def messages(self) -> list[SentMessage]:
        return self._chat.bot_messages()

    def member(
        self, user_id: int, first_name: str = "Warga", *, username: str | None = None
    ) -> ChatActor:
        """A member of the group who can write into it."""
        user = user_json(user_id, first_name, username=username)
        return ChatActor(self._core, self._chat, user, None)

    def transcript(self) -> str:
        return self._chat.transcript()
