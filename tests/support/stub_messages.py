"""Bot API message methods of the stand-in: send, edit, delete, with Telegram's validation."""

from __future__ import annotations

import dataclasses
import itertools
import time

from tests.support.stub_chats import ChatState, describe_bot
from tests.support.stub_core import StubCore, unique_id
from tests.support.stub_markup import render
from tests.support.stub_types import (
    JSON,
    ApiError,
    SentMessage,
    Upload,
    bad_request,
    inline_buttons,
    reply_keyboard,
    validate_markup,
)

_NOT_MODIFIED = (
    "message is not modified: specified new message content and reply markup are exactly "
    "the same as a current content and reply markup of the message"
)
_upload_ids = itertools.count(1)


class MessageMethods(StubCore):
    """sendMessage, sendLocation, sendPhoto, editMessageText/ReplyMarkup, deleteMessage."""

    def target_chat(self, params: JSON) -> ChatState:
        """The chat named by chat_id, refusing chats the bot cannot write to."""
        chat_id = params.get("chat_id")
        if chat_id in (None, ""):
            raise bad_request("chat_id is empty")
        chat = self.chats.get(chat_id) if isinstance(chat_id, int) else None
        if chat is None or not chat.known:
            raise bad_request("chat not found")
        if chat.blocked:
            raise ApiError(403, "Forbidden: bot was blocked by the user")
        return chat

    def send_message(self, params: JSON) -> JSON:
        chat = self.target_chat(params)
        content = self._text(params, "text", 4096, "message text is empty", "message is too long")
        return self._post(chat, content, params)

    def send_location(self, params: JSON) -> JSON:
        chat = self.target_chat(params)
        try:
            location = {
                "latitude": float(params["latitude"]),
                "longitude": float(params["longitude"]),
            }
        except (KeyError, TypeError, ValueError):
            raise bad_request("wrong latitude or longitude") from None
        return self._post(chat, {"location": location}, params)

    def send_photo(self, params: JSON) -> JSON:
        chat = self.target_chat(params)
        file_id = self._photo_file(params.get("photo"))
        size = {"file_id": file_id, "file_unique_id": unique_id(file_id), "width": 1280}
        size |= {"height": 960, "file_size": len(self.files[file_id].content)}
        content: JSON = {"photo": [size]}
        if params.get("caption"):
            content |= self._text(params, "caption", 1024, "", "message caption is too long")
        return self._post(chat, content, params)

    def edit_message_text(self, params: JSON) -> JSON:
        chat, payload = self._editable(params)
        if "text" not in payload:
            raise bad_request("there is no text in the message to edit")
        content = self._text(params, "text", 4096, "message text is empty", "message is too long")
        new = {k: v for k, v in payload.items() if k not in ("entities", "reply_markup")}
        return self._edit(chat, payload, new | content, params)

    def edit_message_reply_markup(self, params: JSON) -> JSON:
        chat, payload = self._editable(params)
        new = {k: v for k, v in payload.items() if k != "reply_markup"}
        return self._edit(chat, payload, new, params)

    def delete_message(self, params: JSON) -> bool:
        chat = self.target_chat(params)
        message_id = params.get("message_id")
        payload = chat.payloads.pop(message_id, None) if isinstance(message_id, int) else None
        if payload is None:
            raise bad_request("message to delete not found")
        if message_id in chat.sent:
            gone = dataclasses.replace(chat.sent[message_id], deleted=True)
            chat.bot_wrote(gone, f"< bot deleted #{message_id}")
        else:
            chat.lines.append(f"< bot deleted the user's message #{message_id}")
            chat.touch()
        return True

    def _text(self, params: JSON, key: str, limit: int, empty: str, too_long: str) -> JSON:
        raw = params.get(key)
        text, entities = render(str(raw or ""), params.get("parse_mode"))
        if empty and not text.strip():
            raise bad_request(empty)
        if len(text) > limit:
            raise bad_request(too_long)
        entities = params.get("entities" if key == "text" else "caption_entities") or entities
        return {key: text, f"{'' if key == 'text' else 'caption_'}entities": entities}

    def _photo_file(self, photo: object) -> str:
        if isinstance(photo, Upload):
            file_id = f"AgACAgStubUpload{next(_upload_ids):06d}"
            self.register_file(file_id, photo.content)
            return file_id
        if not isinstance(photo, str) or photo not in self.files:
            raise bad_request("wrong file identifier/HTTP URL specified")
        return photo

    def _post(self, chat: ChatState, content: JSON, params: JSON) -> JSON:
        markup = params.get("reply_markup")
        validate_markup(markup)
        payload: JSON = {
            "message_id": chat.allocate_id(),
            "from": self.bot_user,
            "chat": chat.chat,
            "date": int(time.time()),
        }
        payload |= {key: value for key, value in content.items() if value}
        reply = self._reply_target(chat, params)
        if reply:
            payload["reply_to_message"] = reply
        if markup and "inline_keyboard" in markup:
            payload["reply_markup"] = markup
        chat.payloads[payload["message_id"]] = payload
        self._track_reply_keyboard(chat, markup)
        sent = _snapshot(payload, markup, params.get("parse_mode"))
        chat.bot_wrote(sent, describe_bot(sent))
        return payload

    def _reply_target(self, chat: ChatState, params: JSON) -> JSON | None:
        reply = params.get("reply_parameters") or {}
        message_id = reply.get("message_id") or params.get("reply_to_message_id")
        if message_id is None:
            return None
        if message_id in chat.payloads:
            return chat.payloads[message_id]
        if reply.get("allow_sending_without_reply") or params.get("allow_sending_without_reply"):
            return None
        raise bad_request("message to be replied not found")

    @staticmethod
    def _track_reply_keyboard(chat: ChatState, markup: JSON | None) -> None:
        if not markup:
            return
        if "keyboard" in markup:
            chat.reply_keyboard = reply_keyboard(markup)
            chat.one_time_keyboard = bool(markup.get("one_time_keyboard"))
        elif markup.get("remove_keyboard"):
            chat.reply_keyboard = None

    def _editable(self, params: JSON) -> tuple[ChatState, JSON]:
        if params.get("inline_message_id"):
            raise bad_request("MESSAGE_ID_INVALID")
        chat = self.target_chat(params)
        message_id = params.get("message_id")
        if not isinstance(message_id, int):
            raise bad_request("message identifier is not specified")
        payload = chat.payloads.get(message_id)
        if payload is None:
            raise bad_request("message to edit not found")
        if payload["from"].get("id") != self.bot_user["id"]:
            raise bad_request("message can't be edited")
        return chat, payload

    def _edit(self, chat: ChatState, old: JSON, new: JSON, params: JSON) -> JSON:
        markup = params.get("reply_markup")
        validate_markup(markup)
        if markup is not None and "inline_keyboard" not in markup:
            raise bad_request("inline keyboard expected")
        if markup:
            new["reply_markup"] = markup
        new = {key: value for key, value in new.items() if value not in (None, [])}
        if _same(old, new):
            raise bad_request(_NOT_MODIFIED)
        new["edit_date"] = int(time.time())
        chat.payloads[new["message_id"]] = new
        before = chat.sent[new["message_id"]]
        after = dataclasses.replace(
            before,
            text=new.get("text") or new.get("caption", ""),
            inline_buttons=inline_buttons(new.get("reply_markup")),
            edits=before.edits + 1,
            parse_mode=params.get("parse_mode"),
            raw=new,
        )
        chat.bot_wrote(after, describe_bot(after, "edited"))
        return new


def _same(old: JSON, new: JSON) -> bool:
    keys = ("text", "entities", "caption", "caption_entities", "reply_markup")
    return all(old.get(key) == new.get(key) for key in keys)


def _snapshot(payload: JSON, markup: JSON | None, parse_mode: str | None) -> SentMessage:
    kind = next((k for k in ("location", "photo") if k in payload), "text")
    return SentMessage(
        message_id=payload["message_id"],
        text=payload.get("text") or payload.get("caption", ""),
        inline_buttons=inline_buttons(payload.get("reply_markup")),
        reply_keyboard=reply_keyboard(markup),
        kind=kind,
        parse_mode=parse_mode,
        remove_keyboard=bool(markup and markup.get("remove_keyboard")),
        raw=payload,
    )
