"""The port through which services fetch a file Telegram holds, by its file id.

The composition root implements it over the Bot API (`app/telegram_files.py`); the bot token
stays there. Services and the admin see only the bytes, never a URL.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass
from typing import Protocol


class FileUnavailable(Exception):
    """The file could not be fetched now. `reason` is a short code, safe to log."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True, slots=True)
class FetchedFile:
    """A file being downloaded: its size when known, and its bytes in chunks."""

    size: int | None
    chunks: AsyncIterator[bytes]


class TelegramFiles(Protocol):
    """Opens a download of a file Telegram holds; raises FileUnavailable when it cannot."""

    def open(self, file_id: str) -> AbstractAsyncContextManager[FetchedFile]:
        """The download, open while the context lasts; chunks may raise FileUnavailable."""
        ...
