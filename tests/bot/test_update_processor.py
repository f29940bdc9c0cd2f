"""Updates of one chat stay in order; other chats are not held up."""

from __future__ import annotations

import asyncio

from telegram import Chat, Message, Update

from bot.update_processor import PerChatUpdateProcessor


def update(update_id: int, chat_id: int) -> Update:
    chat = Chat(id=chat_id, type="private")
    return Update(update_id=update_id, message=Message(message_id=update_id, date=None, chat=chat))  # type: ignore[arg-type]


async def test_one_chat_in_order_other_chats_concurrently() -> None:
    processor = PerChatUpdateProcessor()
    log: list[str] = []
    release = asyncio.Event()

    async def slow(name: str) -> None:
        log.append(f"start {name}")
        await release.wait()
        log.append(f"end {name}")

    async def fast(name: str) -> None:
        log.append(f"run {name}")

    first = asyncio.create_task(processor.process_update(update(1, 10), slow("a1")))
    second = asyncio.create_task(processor.process_update(update(2, 10), fast("a2")))
    other = asyncio.create_task(processor.process_update(update(3, 20), fast("b1")))
    await asyncio.wait_for(other, timeout=2)
    assert log == ["start a1", "run b1"]
    release.set()
    await asyncio.gather(first, second)
    assert log == ["start a1", "run b1", "end a1", "run a2"]
    assert processor._locks == {}
