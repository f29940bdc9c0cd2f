"""Values of the Bot API stand-in: API errors, buttons, bot messages; imports only the stdlib."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

JSON = dict[str, Any]

_INLINE_ACTIONS = (
    "callback_data",
    "url",
    "login_url",
    "switch_inline_query",
    "switch_inline_query_current_chat",
    "switch_inline_query_chosen_chat",
    "callback_game",
    "pay",
    "web_app",
    "copy_text",
)
_URL_SCHEMES = ("http://", "https://", "tg://")


class ApiError(Exception):
    """A Bot API error answer: HTTP status, description and optional parameters."""

    def __init__(self, code: int, description: str, parameters: JSON | None = None) -> None:
        super().__init__(description)
        self.code = code
        self.description = description
        self.parameters = parameters

    def body(self) -> JSON:
        """The JSON body Telegram sends for this error."""
        body: JSON = {"ok": False, "error_code": self.code, "description": self.description}
        if self.parameters:
            body["parameters"] = self.parameters
        return body


def bad_request(detail: str) -> ApiError:
    """A 400 answer worded like Telegram's ("Bad Request: ...")."""
    return ApiError(400, f"Bad Request: {detail}")


@dataclass(frozen=True)
class Button:
    """An inline keyboard button as the user sees it."""

    text: str
    callback_data: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class ReplyButton:
    """A reply keyboard button; location and contact buttons share something when pressed."""

    text: str
    request_location: bool = False
    request_contact: bool = False


@dataclass(frozen=True)
class SentMessage:
    """A bot message in a chat as the user sees it (a snapshot; edits make new snapshots)."""

    message_id: int
    text: str
    inline_buttons: list[list[Button]] = field(default_factory=list)
    reply_keyboard: list[list[ReplyButton]] | None = None
    edits: int = 0
    deleted: bool = False
    kind: str = "text"
    parse_mode: str | None = None
    remove_keyboard: bool = False
    raw: JSON = field(default_factory=dict, repr=False, compare=False)

    @property
    def buttons(self) -> list[Button]:
        """All inline buttons, row by row."""
        return [button for row in self.inline_buttons for button in row]

    def button_texts(self) -> list[str]:
        """The inline buttons' texts, row by row."""
        return [button.text for button in self.buttons]


def inline_buttons(markup: JSON | None) -> list[list[Button]]:
    """The inline keyboard of a reply_markup object, or no rows."""
    rows = (markup or {}).get("inline_keyboard") or []
    return [
        [Button(b.get("text", ""), b.get("callback_data"), b.get("url")) for b in row]
        for row in rows
    ]


def reply_keyboard(markup: JSON | None) -> list[list[ReplyButton]] | None:
    """The reply keyboard of a reply_markup object, or None if it has none."""
    rows = (markup or {}).get("keyboard")
    if rows is None:
        return None
    return [[_reply_button(button) for button in row] for row in rows]


def _reply_button(button: str | JSON) -> ReplyButton:
    if isinstance(button, str):
        return ReplyButton(button)
    return ReplyButton(
        button.get("text", ""),
        bool(button.get("request_location")),
        bool(button.get("request_contact")),
    )


def validate_markup(markup: object) -> None:
    """Reject a reply_markup the way Telegram does (only the checks tests rely on)."""
    if markup is None:
        return
    if not isinstance(markup, dict):
        raise bad_request("can't parse reply keyboard markup JSON object")
    rows = markup.get("inline_keyboard")
    if rows is None:
        _validate_reply_keyboard(markup)
        return
    if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
        raise bad_request('field "inline_keyboard" of the InlineKeyboardMarkup must be an Array')
    for row in rows:
        for button in row:
            _validate_inline_button(button)


def _validate_reply_keyboard(markup: JSON) -> None:
    keys = {"keyboard", "remove_keyboard", "force_reply"}
    if not keys & markup.keys():
        raise bad_request("can't parse reply keyboard markup JSON object")
    rows = markup.get("keyboard", [])
    if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
        raise bad_request('field "keyboard" of the ReplyKeyboardMarkup must be an Array')


def _validate_inline_button(button: object) -> None:
    if not isinstance(button, dict) or not isinstance(button.get("text"), str):
        raise bad_request("can't parse inline keyboard button: Text buttons are unallowed")
    if not any(action in button for action in _INLINE_ACTIONS):
        raise bad_request("text buttons are unallowed in the inline keyboard")
    data = button.get("callback_data")
    if data is not None and not 1 <= len(str(data).encode("utf-8")) <= 64:
        raise bad_request("BUTTON_DATA_INVALID")
    url = button.get("url")
    if url is not None and not str(url).startswith(_URL_SCHEMES):
        raise bad_request(f"inline keyboard button URL '{url}' is invalid: Wrong HTTP URL")


@dataclass(frozen=True)
class Upload:
    """A file the bot uploaded in a multipart request."""

    filename: str
    content_type: str
    content: bytes = field(repr=False)
