"""Runs updates of different chats concurrently while keeping each chat's updates in order.

In process, one asyncio lock per chat; across processes on one PostgreSQL, `chat_locks` (an
advisory lock per chat, `triage/services/common/coordination.py`) is taken inside it, so two
processes given two updates of one chat (a load balancer) take them one after the other.
Across processes the order is the order the lock is taken in, which is the order of arrival
unless two arrive at two processes within the same moment."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
from contextlib import AbstractAsyncContextManager
from typing import Any, Protocol

from telegram import Update
from telegram.ext import BaseUpdateProcessor

MAX_CONCURRENT_UPDATES = 64


class ChatLocks(Protocol):
    def chat_lock(self, chat_id: int) -> AbstractAsyncContextManager[None]: ...


class PerChatUpdateProcessor(BaseUpdateProcessor):
    """One lock per chat: a chat's answers never race each other, other chats go on."""

    def __init__(
        self,
        max_concurrent_updates: int = MAX_CONCURRENT_UPDATES,
        chat_locks: ChatLocks | None = None,
    ) -> None:
        super().__init__(max_concurrent_updates)
        self.chat_locks = chat_locks
        self._locks: dict[int, asyncio.Lock] = {}
        self._users: dict[int, int] = {}

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        chat_id = _chat_of(update)
        if chat_id is None:
            await coroutine
            return
        lock = self._locks.setdefault(chat_id, asyncio.Lock())
        self._users[chat_id] = self._users.get(chat_id, 0) + 1
        try:
            async with lock:
                if self.chat_locks is None:
                    await coroutine
                else:
                    async with self.chat_locks.chat_lock(chat_id):
                        await coroutine
        finally:
            self._users[chat_id] -= 1
            if self._users[chat_id] == 0:
                del self._users[chat_id], self._locks[chat_id]

    async def initialize(self) -> None:
        return None

    async def shutdown(self) -> None:
        return None


def _chat_of(update: object) -> int | None:
    if isinstance(update, Update) and update.effective_chat is not None:
        return update.effective_chat.id
    return None
