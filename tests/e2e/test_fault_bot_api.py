"""Fault test: the Bot API stand-in answers 30% of the sends with 500 and some with 429 and
`retry_after` (a seeded RNG per message and try). The running application delivers every
queued message exactly once and keeps running; the counts are printed (`-s`)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlmodel import select

from tests.e2e.harness import eventually, running_app
from tests.support.botapi_stub import BotApiStub
from tests.support.stub_faults import FaultPlan, Tally
from triage.services.outbox.port import OutgoingMessage
from triage.services.outbox.queue import enqueue
from triage.storage.tables import OutboxMessage
from triage.storage.uow import UnitOfWorkFactory

pytestmark = pytest.mark.slow
MESSAGES = 100
FIRST_CHAT = 5000


async def _queue(uow: UnitOfWorkFactory, messages: list[OutgoingMessage]) -> None:
    async with uow() as unit:
        for message in messages:
            await enqueue(unit.session, message, datetime.now(UTC))
        await unit.commit()


async def _statuses(uow: UnitOfWorkFactory) -> list[str]:
    async with uow() as unit:
        return list((await unit.session.exec(select(OutboxMessage.status))).all())


async def test_failing_bot_api_every_message_delivered_once(database_url: str) -> None:
    chats = frozenset(range(FIRST_CHAT, FIRST_CHAT + MESSAGES))
    messages = [
        OutgoingMessage(f"fault-test:{chat}", chat, f"Pemberitahuan nomor {chat - FIRST_CHAT}")
        for chat in sorted(chats)
    ]
    async with BotApiStub() as stub:
        for chat in chats:
            stub.private_user(chat, "Petugas", started=True)
        stub.faults = FaultPlan(server_error=0.3, rate_limited=0.04, retry_after=1, seed=14)
        async with running_app(database_url, stub, outbox_retry_first_seconds=0.05) as app:
            await _queue(app.uow, messages)

            async def all_settled() -> bool:
                statuses = await _statuses(app.uow)
                return len(statuses) == MESSAGES and "pending" not in statuses

            await eventually(all_settled, within=60)
            statuses = await _statuses(app.uow)
        tally = Tally.of({(m.chat_id, m.text) for m in messages}, stub.ledger.to(chats))
        injected = dict(stub.faults.injected)

    print(f"\nBot API faults {injected}: {tally}")
    assert injected[500] >= 20 and injected[429] >= 1  # the faults did happen
    assert statuses == ["sent"] * MESSAGES
    assert (tally.delivered, tally.lost, tally.duplicated) == (MESSAGES, 0, 0)
