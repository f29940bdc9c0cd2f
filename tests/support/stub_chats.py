"""Per-chat state of the Bot API stand-in: messages both ways, bot events and the transcript."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from dataclasses import dataclass

from tests.support.stub_types import JSON, Button, ReplyButton, SentMessage

Predicate = Callable[[SentMessage], bool]


def as_predicate(predicate: Predicate | str | None) -> Predicate:
    """A predicate from a callable, a substring of the text, or None (anything)."""
    if predicate is None:
        return lambda message: True
    if isinstance(predicate, str):
        needle = predicate
        return lambda message: needle in message.text
    return predicate


def find_button(message: SentMessage, text: str | None, data: str | None) -> Button:
    """The inline button with this text and/or callback data, or an error listing the shown ones."""
    for button in message.buttons:
        if text in (None, button.text) and data in (None, button.callback_data):
            return button
    shown = [f"{b.text!r} (data={b.callback_data!r})" for b in message.buttons]
    wanted = repr(text) if data is None else f"{text!r} with data={data!r}"
    raise AssertionError(f"no button {wanted} on bot message #{message.message_id}: {shown}")


class Notifier:
    """Wakes every waiter on notify(); take a waiter before checking, then wait on it."""

    def __init__(self) -> None:
        self._event = asyncio.Event()

    def notify(self) -> None:
        self._event.set()
        self._event = asyncio.Event()

    def waiter(self) -> asyncio.Event:
        return self._event


async def wait_event(event: asyncio.Event, seconds: float) -> bool:
    """Wait for the event at most `seconds`; True if it was set."""
    try:
        async with asyncio.timeout(max(seconds, 0)):
            await event.wait()
    except TimeoutError:
        return False
    return True


@dataclass
class BotEvent:
    """A bot message sent or edited in a chat, kept for wait_for()."""

    message: SentMessage
    consumed: bool = False


class ChatState:
    """One chat: the message-id sequence, every message, the bot's messages and the transcript."""

    def __init__(self, chat: JSON) -> None:
        self.chat = chat
        self.id: int = chat["id"]
        self.known = False
        self.blocked = False
        self.next_message_id = 1
        self.payloads: dict[int, JSON] = {}
        self.sent: dict[int, SentMessage] = {}
        self.events: list[BotEvent] = []
        self.cursor = 0
        self.reply_keyboard: list[list[ReplyButton]] | None = None
        self.one_time_keyboard = False
        self.lines: list[str] = []
        self.last_activity = time.monotonic()
        self.changed = Notifier()

    @property
    def private(self) -> bool:
        return bool(self.chat["type"] == "private")

    def allocate_id(self) -> int:
        message_id = self.next_message_id
        self.next_message_id += 1
        return message_id

    def touch(self) -> None:
        self.last_activity = time.monotonic()

    def user_acted(self, line: str) -> None:
        """A user did something: older bot events no longer count as new."""
        self.cursor = len(self.events)
        self.lines.append(line)
        self.touch()

    def bot_wrote(self, message: SentMessage, line: str) -> None:
        """The bot sent, edited or deleted a message (deletions are not wait_for events)."""
        self.sent[message.message_id] = message
        if not message.deleted:
            self.events.append(BotEvent(message))
        self.lines.append(line)
        self.touch()
        self.changed.notify()

    def take_event(self, predicate: Predicate) -> SentMessage | None:
        """The first unconsumed bot event since the last user action that matches."""
        for event in self.events[self.cursor :]:
            if not event.consumed and predicate(event.message):
                event.consumed = True
                return event.message
        return None

    def bot_messages(self) -> list[SentMessage]:
        return [self.sent[key] for key in sorted(self.sent)]

    def keyboard_message(self, message_id: int | None) -> SentMessage:
        """The given bot message, or the latest one showing an inline keyboard."""
        if message_id is not None:
            message = self.sent.get(message_id)
            if message is None or message.deleted:
                raise AssertionError(f"no bot message #{message_id}\n" + self.transcript())
            return message
        for message in reversed(self.bot_messages()):
            if message.inline_buttons and not message.deleted:
                return message
        raise AssertionError("the bot shows no inline keyboard here\n" + self.transcript())

    def transcript(self) -> str:
        title = self.chat.get("title") or self.chat.get("first_name", "")
        return "\n".join([f"--- chat {self.id} ({title}) ---", *self.lines])


def describe_bot(message: SentMessage, verb: str = "") -> str:
    """A transcript line for a bot message: text, inline buttons and reply keyboard."""
    label = f"< bot{' ' + verb if verb else ''} #{message.message_id}: "
    lines = [label + _indent(_body(message))]
    lines += ["    " + " ".join(f"[{b.text}]" for b in row) for row in message.inline_buttons]
    if message.reply_keyboard:
        rows = [" | ".join(b.text for b in row) for row in message.reply_keyboard]
        lines.append("    (keyboard: " + " / ".join(rows) + ")")
    if message.remove_keyboard:
        lines.append("    (keyboard removed)")
    return "\n".join(lines)


def _body(message: SentMessage) -> str:
    raw = message.raw
    if message.kind == "location":
        location = raw.get("location", {})
        return f"[location {location.get('latitude')}, {location.get('longitude')}]"
    if message.kind == "photo":
        return f"[photo] {message.text}".rstrip()
    return message.text


def _indent(text: str) -> str:
    return text.replace("\n", "\n    ")


def describe_user(who: str, payload: JSON) -> str:
    """A transcript line for something a user sent."""
    if "text" in payload:
        body = payload["text"]
    elif "location" in payload:
        body = f"[location {payload['location']['latitude']}, {payload['location']['longitude']}]"
    elif "contact" in payload:
        own = " (own)" if payload["contact"].get("user_id") else ""
        body = f"[contact {payload['contact']['phone_number']}{own}]"
    else:
        kind = next((k for k in ("photo", "voice", "document") if k in payload), "message")
        body = f"[{kind}] {payload.get('caption', '')}".rstrip()
    return f"> {who}: " + _indent(body)
