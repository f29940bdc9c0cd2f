"""The outbox sender at a stop: the message being sent is finished and marked, the claims of
the others it holds are given back, and nothing more is sent."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest
import telegram
from sqlmodel import select

from bot.sender import OutboxSender
from tests.e2e.harness import eventually
from tests.support.botapi_stub import BotApiStub
from triage.services.common.deps import TriageDeps
from triage.services.outbox import queue as outbox
from triage.services.outbox.port import OutgoingMessage
from triage.storage.tables import OutboxMessage

CHAT = 1001


@pytest.fixture
async def stub_and_bot() -> AsyncIterator[tuple[BotApiStub, telegram.Bot]]:
    async with BotApiStub() as stub:
        stub.private_user(CHAT, "Warga", started=True)
        bot = telegram.Bot(stub.token, base_url=stub.base_url, base_file_url=stub.base_file_url)
        async with bot:
            yield stub, bot


async def test_a_stop_finishes_the_send_under_way_and_gives_back_the_other_claims(
    deps: TriageDeps, stub_and_bot: tuple[BotApiStub, telegram.Bot]
) -> None:
    stub, bot = stub_and_bot
    async with deps.uow() as uow:
        for number in (1, 2, 3):
            message = OutgoingMessage(f"stop-{number}", CHAT, f"pesan {number}")
            await outbox.enqueue(uow.session, message, deps.clock())
        await uow.commit()
    sender = OutboxSender(deps, bot)
    stub.delay_next("sendMessage", 0.5)
    running = asyncio.create_task(sender.run(interval=0.1))

    async def sending() -> bool:
        return bool(stub.calls_to("sendMessage"))

    await eventually(sending)
    sender.stop()
    await asyncio.wait_for(running, 5)

    async with deps.uow() as uow:
        rows = (await uow.session.exec(select(OutboxMessage).order_by("id"))).all()
    assert [(r.status, r.claimed_by) for r in rows] == [
        ("sent", None),
        ("pending", None),
        ("pending", None),
    ]
    assert len(stub.calls_to("sendMessage")) == 1
    claimed_next = await outbox.claim_pending(deps, "next:1", deps.clock())  # due at once
    assert [message.id for message in claimed_next] == [rows[1].id, rows[2].id]
