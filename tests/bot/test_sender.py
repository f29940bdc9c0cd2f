"""The outbox sender against the Bot API stand-in: 5xx retried until delivered once, a 429
waited out, refusals recorded at once, the cap, and "sent" only after Telegram took it; at a
stop the message being sent is finished and marked, the other claims are given back.

The clock is the test's; waits are read from the rows, so nothing here sleeps for them.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import timedelta

import pytest
from sqlmodel import select

from bot.application import build_sender_bot
from bot.request import AiohttpRequest
from bot.sender import OutboxSender
from tests.e2e.harness import eventually
from tests.support.botapi_stub import BotApiStub, ChatActor
from tests.support.deps import TEST_KEYRING, Clock, make_deps
from triage.domain.delivery import RetryPolicy
from triage.services.common.coordination import PostgresCoordination
from triage.services.common.deps import TriageDeps
from triage.services.outbox import queue as outbox
from triage.services.outbox.port import OutgoingMessage
from triage.storage.db import create_engine, is_sqlite
from triage.storage.tables import OutboxMessage
from triage.storage.uow import UnitOfWorkFactory

WORKER_CHAT = 2001
TEXT = "Kasus baru LS-7KQ2-M9XD: anak 7 tahun"


@dataclass
class Sending:
    stub: BotApiStub
    deps: TriageDeps
    clock: Clock
    sender: OutboxSender
    worker: ChatActor

    async def queue(self, *texts: str, chat_id: int = WORKER_CHAT) -> None:
        async with self.deps.uow() as unit:
            for number, text in enumerate(texts):
                key = f"test:{chat_id}:{number}"
                await outbox.enqueue(
                    unit.session, OutgoingMessage(key, chat_id, text), self.clock()
                )
            await unit.commit()

    async def rows(self) -> list[OutboxMessage]:
        async with self.deps.uow() as unit:
            query = select(OutboxMessage).order_by(OutboxMessage.id)  # type: ignore[arg-type]
            return list((await unit.session.exec(query)).all())

    async def row(self) -> OutboxMessage:
        [only] = await self.rows()
        return only

    def sends(self) -> int:
        return len(self.stub.calls_to("sendMessage"))

    def later(self, span: timedelta) -> None:
        self.clock.now += span

    def counted(self) -> dict[str, float]:
        """Sends by result as /metrics counts them (results never seen left out)."""
        samples = self.deps.metrics.sends.collect()[0].samples
        return {
            s.labels["result"]: s.value for s in samples if s.name.endswith("_total") and s.value
        }


@pytest.fixture
async def sending(uow_factory: UnitOfWorkFactory) -> AsyncIterator[Sending]:
    clock = Clock()
    # The jitter's largest draw: a wait is then its whole doubled delay, and the test knows it.
    deps = make_deps(uow_factory, clock=clock, jitter=lambda: 0.999999)
    request = AiohttpRequest(connection_pool_size=1)
    await request.initialize()
    async with BotApiStub() as stub:
        bot = build_sender_bot(stub.token, stub.base_url, stub.base_file_url, request)
        worker = stub.private_user(WORKER_CHAT, "Wulan", started=True)
        try:
            yield Sending(stub, deps, clock, OutboxSender(deps, bot), worker)
        finally:
            await request.shutdown()


async def test_5xx_is_tried_again_until_delivered_exactly_once(sending: Sending) -> None:
    await sending.queue(TEXT)
    sending.stub.fail_next("sendMessage", count=2, error_code=500)
    policy = sending.deps.delivery

    assert await sending.sender.drain_once() == 1  # 500
    assert await sending.sender.drain_once() == 0  # not due yet
    sending.later(policy.first_delay)
    assert await sending.sender.drain_once() == 1  # 500 again
    sending.later(policy.first_delay)
    assert await sending.sender.drain_once() == 0  # the second wait is twice as long
    sending.later(policy.first_delay)
    assert await sending.sender.drain_once() == 1  # delivered
    sending.later(timedelta(days=1))
    assert await sending.sender.drain_once() == 0

    assert [m.text for m in sending.worker.messages] == [TEXT]
    assert sending.sends() == 3
    assert sending.counted() == {"retried": 2, "sent": 1}
    row = await sending.row()
    assert (row.status, row.attempts, row.text) == ("sent", 3, outbox.SENT_TEXT)
    assert row.last_error is not None and row.last_error.startswith("network")


async def test_a_429_is_waited_out_for_at_least_retry_after_and_pauses_the_batch(
    sending: Sending,
) -> None:
    await sending.queue("satu", "dua", "tiga")
    sending.stub.fail_next("sendMessage", retry_after=30)

    await sending.sender.drain_once()
    assert sending.sends() == 1  # the rest of the batch was given back untried
    sending.later(timedelta(seconds=29))
    assert await sending.sender.drain_once() == 0
    assert sending.sends() == 1
    first = (await sending.rows())[0]
    assert first.next_attempt_at >= sending.clock() + timedelta(seconds=1)
    assert {r.attempts for r in await sending.rows()} == {0}  # a 429 costs no try

    sending.later(timedelta(seconds=4))  # 30 s and Telegram's wait stretched by the jitter
    while await sending.sender.drain_once():
        pass

    assert sorted(m.text for m in sending.worker.messages) == ["dua", "satu", "tiga"]
    assert sending.sends() == 4
    assert {r.status for r in await sending.rows()} == {"sent"}
    assert sending.counted() == {"rate_limited": 1, "sent": 3}


@pytest.mark.parametrize("reason", ["blocked", "deactivated", "chat_not_found"])
async def test_a_refusal_stops_at_once_and_is_recorded_without_the_text(
    sending: Sending, reason: str
) -> None:
    await sending.queue(TEXT)
    sending.stub.refuse_next("sendMessage", reason)

    await sending.sender.drain_once()
    sending.later(timedelta(days=1))
    await sending.sender.drain_once()

    assert sending.sends() == 1
    row = await sending.row()
    assert (row.status, row.failure, row.attempts) == ("undeliverable", reason, 1)
    assert (row.text, row.failed_at) == ("", sending.clock() - timedelta(days=1))
    assert sending.worker.messages == []
    assert sending.counted() == {"permanent": 1}


async def test_a_user_who_blocked_the_bot_and_a_chat_never_started(sending: Sending) -> None:
    sending.worker.block()
    await sending.queue("ke Wulan")
    await sending.queue("ke orang asing", chat_id=999)

    await sending.sender.drain_once()

    rows = await sending.rows()
    assert [(r.status, r.failure) for r in rows] == [
        ("undeliverable", "blocked"),
        ("undeliverable", "chat_not_found"),
    ]


async def test_the_cap_marks_undeliverable_and_blanks_the_text(sending: Sending) -> None:
    sending.deps.delivery = RetryPolicy(max_attempts=3)
    await sending.queue(TEXT)
    sending.stub.fail_next("sendMessage", count=5, error_code=502)

    for _ in range(5):
        await sending.sender.drain_once()
        sending.later(sending.deps.delivery.longest_delay)

    assert sending.sends() == 3
    row = await sending.row()
    assert (row.status, row.failure, row.attempts) == ("undeliverable", "too_many_attempts", 3)
    assert row.text == ""
    assert sending.worker.messages == []
    assert sending.counted() == {"retried": 2, "undeliverable": 1}


async def test_nothing_is_marked_sent_before_telegram_took_it(sending: Sending) -> None:
    await sending.queue(TEXT)
    hold = sending.stub.hold_next("sendMessage")

    draining = asyncio.create_task(sending.sender.drain_once())
    async with asyncio.timeout(10):
        await hold.arrived.wait()  # the stand-in has the request and has not answered
    during = await sending.row()
    hold.release.set()
    await draining
    after = await sending.row()

    assert (during.status, during.sent_at, during.text) == ("pending", None, TEXT)
    assert (after.status, after.sent_at) == ("sent", sending.clock())
    assert after.telegram_message_id == sending.worker.last.message_id


async def test_a_refused_send_is_never_marked_sent(sending: Sending) -> None:
    await sending.queue(TEXT)
    sending.stub.fail_next("sendMessage", error_code=500)

    await sending.sender.drain_once()

    row = await sending.row()
    assert (row.status, row.sent_at, row.telegram_message_id) == ("pending", None, None)
    assert row.text == TEXT  # kept for the next try


async def test_a_stop_finishes_the_send_under_way_and_gives_back_the_other_claims(
    sending: Sending,
) -> None:
    await sending.queue("pesan 1", "pesan 2", "pesan 3")
    sending.stub.delay_next("sendMessage", 0.5)
    running = asyncio.create_task(sending.sender.run(interval=0.1))

    async def under_way() -> bool:
        return sending.sends() > 0

    await eventually(under_way)
    sending.sender.stop()
    await asyncio.wait_for(running, 5)

    rows = await sending.rows()
    assert [(r.status, r.claimed_by) for r in rows] == [
        ("sent", None),
        ("pending", None),
        ("pending", None),
    ]
    assert sending.sends() == 1
    claimed_next = await outbox.claim_pending(sending.deps, "next:1", sending.clock())
    assert [message.id for message in claimed_next] == [rows[1].id, rows[2].id]  # due at once


async def test_a_newly_elected_sender_sends_at_once_what_a_dead_sender_had_claimed(
    sending: Sending,
) -> None:
    await sending.queue("pesan 1")
    [claimed] = await outbox.claim_pending(sending.deps, "99:gone-host:1", sending.clock())
    running = asyncio.create_task(sending.sender.run(interval=0.1))
    try:
        await sending.worker.wait_for("pesan 1")  # the lease of 60 s has not run out
    finally:
        sending.sender.stop()
        await asyncio.wait_for(running, 5)
    assert [(r.id, r.status) for r in await sending.rows()] == [(claimed.id, "sent")]


async def test_of_two_senders_on_postgresql_only_the_elected_one_sends_until_it_stops(
    sending: Sending, database_url: str
) -> None:
    if is_sqlite(database_url):
        pytest.skip("one process on SQLite")
    engines = [create_engine(database_url, keyring=TEST_KEYRING) for _ in range(2)]
    deps = [
        make_deps(sending.deps.uow, clock=sending.clock, coordination=PostgresCoordination(e))
        for e in engines
    ]
    senders = [OutboxSender(d, sending.sender.bot) for d in deps]
    first = asyncio.create_task(senders[0].run(interval=0.1))
    try:
        await eventually(lambda: _elected(senders[0]))
        second = asyncio.create_task(senders[1].run(interval=0.1))
        await sending.queue("pesan 1", "pesan 2")
        await sending.worker.wait_for("pesan 2")
        senders[0].stop()
        await asyncio.wait_for(first, 5)  # its lock is given up as it stops
        async with sending.deps.uow() as unit:  # a key of its own: not a duplicate
            message = OutgoingMessage("test:after", WORKER_CHAT, "pesan 3")
            await outbox.enqueue(unit.session, message, sending.clock())
            await unit.commit()
        await sending.worker.wait_for("pesan 3")
        senders[1].stop()
        await asyncio.wait_for(second, 5)
    finally:
        for one, engine in zip(deps, engines, strict=True):
            await one.coordination.close()
            await engine.dispose()
    sent = [_sent(d) for d in deps]
    assert sent == [2.0, 1.0]
    assert sending.sends() == 3


async def _elected(sender: OutboxSender) -> bool:
    return sender.elected


def _sent(deps: TriageDeps) -> float:
    samples = deps.metrics.sends.collect()[0].samples
    return sum(
        s.value for s in samples if s.name.endswith("_total") and s.labels["result"] == "sent"
    )
