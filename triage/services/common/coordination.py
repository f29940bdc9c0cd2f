"""How processes sharing one database share the work: which one sends the outbox, and that
two processes never take updates of one chat at the same time.

`LocalCoordination` (SQLite, one process): this process is always the sender; a chat's
updates are serialised in process (`bot/update_processor.py`), nothing more is needed.

`PostgresCoordination`: PostgreSQL session advisory locks on one dedicated connection
(`triage/storage/advisory.py`):
- the sender is whoever holds the lock (SENDER_NAMESPACE, 0); the others try again every
  few seconds, and when the holder dies its connection closes and the lock with it;
- a chat's updates are processed under the lock (CHAT_NAMESPACE, chat id folded to 32 bits);
- each process holds a presence lock (PRESENCE_NAMESPACE, its token) for its whole life, and
  writes the token first in the owner names of its claims, so another process can tell the
  claims of a dead process from those of a live one (`alive`).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import secrets
import socket
from collections.abc import AsyncIterator, Iterable

from sqlalchemy.ext.asyncio import AsyncEngine

from triage.storage.advisory import LockConnectionLost, SessionLocks, int32_key

log = logging.getLogger(__name__)

SENDER_NAMESPACE = 0x4C53_0001  # "LS" 1
CHAT_NAMESPACE = 0x4C53_0002
PRESENCE_NAMESPACE = 0x4C53_0003
SENDER_KEY = 0
CHAT_LOCK_RETRY_SECONDS = (0.01, 0.25)  # first wait, longest wait between tries


def new_owner(token: int) -> str:
    """A process's name in claims: its presence token first, so claims of a process that
    died can be told from those of one alive, however long the host name."""
    return f"{token}:{socket.gethostname()}:{os.getpid()}"


def owner_token(claimed_by: str | None) -> int | None:
    """The presence token an owner name starts with (None: an older name, or none)."""
    head = (claimed_by or "").split(":", 1)[0]
    return int(head) if head.isdigit() else None


class LocalCoordination:
    """One process on the database (SQLite): always the sender, every claim is its own."""

    def __init__(self) -> None:
        self.token = secrets.randbelow(2**31 - 1) + 1
        self.owner = new_owner(self.token)
        self.shared = False  # no other process can hold a lock here

    async def start(self) -> None:
        return None

    async def try_become_sender(self) -> bool:
        return True

    async def still_sender(self) -> bool:
        return True

    async def give_up_sender(self) -> None:
        return None

    async def sender_elsewhere(self) -> bool:
        return False

    @contextlib.asynccontextmanager
    async def chat_lock(self, chat_id: int) -> AsyncIterator[None]:
        yield

    async def alive(self, tokens: Iterable[int]) -> set[int]:
        """A claim from before this process started is a dead process's."""
        return {t for t in tokens if t == self.token}

    async def close(self) -> None:
        return None


class PostgresCoordination(LocalCoordination):
    def __init__(self, engine: AsyncEngine) -> None:
        super().__init__()
        self.locks = SessionLocks(engine)
        self.shared = True
        self._present_in: int | None = None  # the connection generation holding presence
        self._sender_in: int | None = None  # the generation holding the sender's lock

    async def start(self) -> None:
        await self._present()

    async def _present(self) -> None:
        """Hold the presence lock on the current connection (again after a reconnect)."""
        if self._present_in == self.locks.generation and self.locks.generation:
            return
        await self.locks.try_lock(PRESENCE_NAMESPACE, self.token)
        self._present_in = self.locks.generation

    async def try_become_sender(self) -> bool:
        if await self.still_sender():
            return True
        try:
            await self._present()
            if await self.locks.try_lock(SENDER_NAMESPACE, SENDER_KEY):
                self._sender_in = self.locks.generation
                log.info("this process is the outbox sender now")
                return True
        except LockConnectionLost as exc:
            log.warning("sender election: lock connection lost (%s)", exc)
        return False

    async def still_sender(self) -> bool:
        """True while the connection that took the sender's lock is open and answers."""
        if self._sender_in is None:
            return False
        if await self.locks.ping(self._sender_in):
            return True
        self._sender_in = None
        log.warning("this process lost the outbox sender's lock")
        return False

    async def give_up_sender(self) -> None:
        if self._sender_in is None:
            return
        self._sender_in = None
        with contextlib.suppress(LockConnectionLost):
            await self.locks.unlock(SENDER_NAMESPACE, SENDER_KEY)

    async def sender_elsewhere(self) -> bool:
        """Another process holds the sender's lock (None-safe: False when unknown)."""
        try:
            held = await self.locks.held_keys(SENDER_NAMESPACE)
        except LockConnectionLost:
            return False
        return SENDER_KEY in held and self._sender_in is None

    @contextlib.asynccontextmanager
    async def chat_lock(self, chat_id: int) -> AsyncIterator[None]:
        """Hold the chat's lock across processes; the caller holds the in-process one. If the
        lock connection breaks meanwhile, processing goes on: the draft's version check still
        refuses a forked write."""
        key = int32_key(chat_id)
        taken = await self._take_chat(key)
        try:
            yield
        finally:
            if taken:
                with contextlib.suppress(LockConnectionLost):
                    await self.locks.unlock(CHAT_NAMESPACE, key)

    async def _take_chat(self, key: int) -> bool:
        wait, longest = CHAT_LOCK_RETRY_SECONDS
        while True:
            try:
                await self._present()
                if await self.locks.try_lock(CHAT_NAMESPACE, key):
                    return True
            except LockConnectionLost as exc:
                log.warning("chat lock: lock connection lost (%s); going on", exc)
                return False
            await asyncio.sleep(wait)
            wait = min(wait * 2, longest)

    async def alive(self, tokens: Iterable[int]) -> set[int]:
        wanted = set(tokens)
        await self._present()
        return await self.locks.held_keys(PRESENCE_NAMESPACE, wanted)

    async def close(self) -> None:
        await self.locks.close()
