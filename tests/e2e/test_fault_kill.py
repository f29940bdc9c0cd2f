"""Fault test: `lapor-sosial run` (webhook mode) killed with SIGKILL while 200 reporters are
part-way through the questionnaire, their next answers arriving, and 100 notifications queued
in the outbox (the sender stuck on one that Telegram accepted but has not answered yet).

After a restart: every report whose reference a reporter saw exists; every queued
notification reaches the stand-in, none lost, and only the one in flight at the kill twice
(at-least-once: Telegram cannot tell us it took a message whose answer the crash swallowed;
docs/architecture.md); every questionnaire continues from where it was. Counts are printed."""

from __future__ import annotations

import asyncio
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlmodel import col, select

from tests.e2e.harness import add_worker, eventually
from tests.e2e.questionnaire import STEPS
from tests.e2e.test_graceful_stop import WEBHOOK_ENV, database, lapor_sosial_run
from tests.e2e.test_private_logs import last_lines
from tests.support.botapi_stub import BotApiStub
from tests.support.stub_faults import FaultPlan, Tally
from tests.support.stub_types import SentMessage
from tests.support.stub_users import ChatActor
from triage.services.outbox.port import OutgoingMessage
from triage.services.outbox.queue import enqueue
from triage.storage.tables import Draft, InboxUpdate, OutboxMessage, Report
from triage.storage.uow import UnitOfWorkFactory

pytestmark = pytest.mark.slow
REPORTERS = 200
FILERS = 6  # reporters who send their report before the kill and see its reference
NOTIFICATIONS = 100
FIRST_NOTIFIED = 5000
WORKER = 2001
REFERENCE = re.compile(r"LS-[0-9A-Z]{4}-[0-9A-Z]{4}")


async def _step(user: ChatActor, index: int) -> SentMessage:
    action, ready = STEPS[index]
    await action(user)
    return await user.wait_for(ready, timeout=60)


@dataclass
class Reporter:
    user: ChatActor
    done: int  # steps done before the kill's burst; the burst sends step `done`

    async def walk(self) -> None:
        for index in range(self.done):
            await _step(self.user, index)

    async def answer_next(self) -> None:
        action, _ = STEPS[self.done]
        await action(self.user)

    async def carry_on(self) -> None:
        """After the restart: the answer sent at the kill was taken, and the next one too."""
        await self.user.wait_for(STEPS[self.done][1], timeout=60)
        await _step(self.user, self.done + 1)


async def _queue_notifications(uow: UnitOfWorkFactory) -> set[tuple[int, str]]:
    now = datetime.now(UTC)
    messages = [
        OutgoingMessage(f"kill-test:{n}", FIRST_NOTIFIED + n, f"Pemberitahuan antrean {n}")
        for n in range(NOTIFICATIONS)
    ]
    async with uow() as unit:
        for message in messages:
            await enqueue(unit.session, message, now)
        await unit.commit()
    return {(m.chat_id, m.text) for m in messages}


async def _file_report(user: ChatActor) -> str:
    for index in range(len(STEPS) - 1):
        await _step(user, index)
    confirmation = await _step(user, len(STEPS) - 1)
    found = REFERENCE.search(confirmation.text)
    assert found is not None, confirmation.text
    return found.group()


async def _stored(database_url: str) -> tuple[set[str], list[str], list[str]]:
    async with database(database_url) as uow, uow() as unit:
        references = set((await unit.session.exec(select(Report.reference))).all())
        outbox = list((await unit.session.exec(select(OutboxMessage.status))).all())
        inbox = list((await unit.session.exec(select(InboxUpdate.status))).all())
    return references, outbox, inbox


async def test_sigkill_mid_load_loses_nothing_and_every_questionnaire_goes_on(
    database_url: str, tmp_path: Path
) -> None:
    async with BotApiStub() as stub:
        async with database(database_url) as uow:
            await add_worker(uow, "Bu Sari", WORKER, ["31.74"])
            queued = await _queue_notifications(uow)
        notified = {chat for chat, _ in queued}
        for chat in notified | {WORKER}:
            stub.private_user(chat, "Petugas", started=True)
        # Telegram asks the sender to slow down: every notification stays queued meanwhile.
        stub.faults = FaultPlan(
            server_error=0, rate_limited=1, chats=frozenset(notified | {WORKER})
        )
        reporters = [
            Reporter(stub.private_user(10_000 + n, f"Warga {n}"), 1 + n % 3)
            for n in range(REPORTERS)
        ]
        filers = [stub.private_user(20_000 + n, f"Pelapor {n}") for n in range(FILERS)]

        async with lapor_sosial_run(stub, database_url, tmp_path, 10.0, **WEBHOOK_ENV) as run:
            filed = asyncio.gather(*(_file_report(f) for f in filers))
            await asyncio.gather(*(r.walk() for r in reporters))
            references = await filed
            burst_from = stub.last_update_id + 1
            await asyncio.gather(*(r.answer_next() for r in reporters))

            async def half_taken() -> bool:
                taken = {u for u, status in stub.webhook_answers if status == 200}
                return sum(1 for u in taken if u >= burst_from) >= REPORTERS // 2

            await eventually(half_taken, within=60)
            # Telegram takes messages again; the first one is accepted, and the kill comes
            # before its answer reaches the sender.
            in_flight = stub.hold_answer_next("sendMessage", notified | {WORKER})
            stub.faults = None
            await asyncio.wait_for(in_flight.arrived.wait(), 30)
            run.process.kill()
            await run.process.wait()
        in_flight.release.set()
        accepted_before_restart = sum(stub.ledger.to(notified | {WORKER}).values())

        async with lapor_sosial_run(stub, database_url, tmp_path, 10.0, **WEBHOOK_ENV) as again:
            await asyncio.gather(*(r.carry_on() for r in reporters))

            async def all_sent() -> bool:
                _, outbox, _ = await _stored(database_url)
                return len(outbox) == NOTIFICATIONS + FILERS and set(outbox) == {"sent"}

            await eventually(all_sent, within=60)
            stored, _, inbox = await _stored(database_url)
            assert await again.terminate() == 0, last_lines(again.log)
        tally = Tally.of(queued, stub.ledger.to(notified))
        to_worker = stub.ledger.to({WORKER})

    replays = again.logged().count("was applied before; not applied twice")
    print(
        f"\nkill -9: notifications {tally}, sent before the kill {accepted_before_restart}; "
        f"worker notifications {len(to_worker)} distinct, {sum(to_worker.values())} accepted; "
        f"references seen {len(references)}, stored {len(set(references) & stored)}; "
        f"questionnaires continued {REPORTERS}, answers not applied twice {replays}"
    )
    assert "Traceback" not in again.logged()
    assert set(references) <= stored
    assert inbox and set(inbox) == {"processed"}
    assert (tally.delivered, tally.lost) == (NOTIFICATIONS, 0)
    assert tally.duplicated <= 1  # only the message in flight at the kill
    assert len(to_worker) == FILERS and set(to_worker.values()) == {1}
    async with database(database_url) as uow, uow() as unit:
        drafts = (await unit.session.exec(select(Draft).where(col(Draft.chat_id) >= 10_000))).all()
    assert len(drafts) == REPORTERS
