"""The stand-in's Bot API method table: bot set-up, webhook, callbacks, files and dispatch."""

from __future__ import annotations

import json
import re
from collections.abc import Callable

from tests.support.stub_core import unique_id
from tests.support.stub_messages import MessageMethods
from tests.support.stub_types import JSON, bad_request

_CHAT_ACTIONS = frozenset(
    (
        "typing",
        "upload_photo",
        "record_video",
        "upload_video",
        "record_voice",
        "upload_voice",
        "upload_document",
        "choose_sticker",
        "find_location",
        "record_video_note",
        "upload_video_note",
    )
)
_COMMAND = re.compile(r"[a-z0-9_]{1,32}")
MAX_DOWNLOAD_BYTES = 20 * 1024 * 1024  # getFile refuses bigger files, as Telegram does
Handler = Callable[[JSON], object]


class StubMethods(MessageMethods):
    """Every Bot API method the stand-in implements; others answer true and are recorded."""

    async def dispatch(self, method: str, params: JSON) -> object:
        """Run one Bot API method (names are case-insensitive, as in Telegram)."""
        if method.lower() == "getupdates":
            return await self.get_updates(params)
        handler = self._handlers().get(method.lower())
        if handler is None:
            self.unknown_methods.append(method)
            return True
        return handler(params)

    def _handlers(self) -> dict[str, Handler]:
        return {
            "getme": self.get_me,
            "deletewebhook": self.delete_webhook,
            "setwebhook": self.set_webhook,
            "getwebhookinfo": self.get_webhook_info,
            "setmycommands": self.set_my_commands,
            "deletemycommands": self.delete_my_commands,
            "getmycommands": self.get_my_commands,
            "setmydescription": self._setting("description"),
            "setmyshortdescription": self._setting("short_description"),
            "setchatmenubutton": self._setting("menu_button"),
            "sendmessage": self.send_message,
            "editmessagetext": self.edit_message_text,
            "editmessagereplymarkup": self.edit_message_reply_markup,
            "answercallbackquery": self.answer_callback_query,
            "deletemessage": self.delete_message,
            "sendlocation": self.send_location,
            "sendphoto": self.send_photo,
            "sendchataction": self.send_chat_action,
            "getfile": self.get_file,
            "close": lambda params: True,
            "logout": lambda params: True,
        }

    def get_me(self, params: JSON) -> JSON:
        flags = ("can_join_groups", "can_read_all_group_messages", "supports_inline_queries")
        return self.bot_user | {flag: flag == "can_join_groups" for flag in flags}

    def set_webhook(self, params: JSON) -> bool:
        url = str(params.get("url") or "")
        if not url:
            return self.delete_webhook(params)
        if not url.startswith("https://"):
            raise bad_request("bad webhook: An HTTPS URL must be provided for webhook")
        if params.get("drop_pending_updates"):
            self.drop_pending_updates()
        keys = ("secret_token", "allowed_updates", "max_connections")
        self.webhook = {"url": url} | {key: params[key] for key in keys if key in params}
        self._updates_changed.notify()  # a webhook's pusher starts posting
        return True

    def delete_webhook(self, params: JSON) -> bool:
        self.webhook = None
        if params.get("drop_pending_updates"):
            self.drop_pending_updates()
        return True

    def get_webhook_info(self, params: JSON) -> JSON:
        webhook = self.webhook or {}
        info: JSON = {"url": webhook.get("url", ""), "has_custom_certificate": False}
        return info | {"pending_update_count": self.pending_updates}

    def set_my_commands(self, params: JSON) -> bool:
        commands = params.get("commands")
        if not isinstance(commands, list):
            raise bad_request("can't parse commands JSON object")
        for command in commands:
            if not _COMMAND.fullmatch(str(command.get("command", ""))):
                raise bad_request("BOT_COMMAND_INVALID")
            if not str(command.get("description", "")).strip():
                raise bad_request("command description is empty")
        self.commands[_commands_key(params)] = commands
        return True

    def delete_my_commands(self, params: JSON) -> bool:
        self.commands.pop(_commands_key(params), None)
        return True

    def get_my_commands(self, params: JSON) -> list[JSON]:
        return self.commands.get(_commands_key(params), [])

    def _setting(self, name: str) -> Handler:
        def store(params: JSON) -> bool:
            language = params.get("language_code")
            self.settings[f"{name}:{language}" if language else name] = params.get(name)
            return True

        return store

    def answer_callback_query(self, params: JSON) -> bool:
        query_id = str(params.get("callback_query_id", ""))
        text = params.get("text")
        if text is not None and len(str(text)) > 200:
            raise bad_request("MESSAGE_TOO_LONG")
        state = self.answer_callback(query_id)
        show_alert = bool(params.get("show_alert"))
        self.answered_callbacks.append((query_id, text, show_alert))
        chat = self.chats[state.chat_id]
        alert = " (alert)" if show_alert else ""
        chat.lines.append(f"< bot answered the button{alert}" + (f": {text}" if text else ""))
        chat.touch()
        return True

    def send_chat_action(self, params: JSON) -> bool:
        chat = self.target_chat(params)
        action = str(params.get("action", ""))
        if action not in _CHAT_ACTIONS:
            raise bad_request("wrong parameter action in request")
        self.chat_actions.append((chat.id, action))
        chat.touch()
        return True

    def get_file(self, params: JSON) -> JSON:
        file_id = str(params.get("file_id", ""))
        stored = self.files.get(file_id)
        if stored is None:
            raise bad_request("invalid file_id")
        if len(stored.content) > MAX_DOWNLOAD_BYTES:
            raise bad_request("file is too big")
        return {
            "file_id": file_id,
            "file_unique_id": unique_id(file_id),
            "file_size": len(stored.content),
            "file_path": stored.path,
        }


def _commands_key(params: JSON) -> str:
    scope = json.dumps(params.get("scope") or {"type": "default"}, sort_keys=True)
    return f"{scope}:{params.get('language_code') or ''}"
