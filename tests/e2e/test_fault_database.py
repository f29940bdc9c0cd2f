"""Fault test: the PostgreSQL connection cut (every connection broken, new ones refused) and
restored three times while reporters file reports by webhook and the outbox sends. Nothing
is lost: Telegram's posts the inbox could not store are answered 500 and come again; a
reporter told "try again" does, as a person would; every report whose reference a reporter
saw exists; every notification arrives once. The process recovers by itself, without a
restart. Counts are printed (`-s`)."""

from __future__ import annotations

import asyncio
import contextlib
import re
from collections.abc import AsyncIterator
from datetime import UTC, datetime

import aiohttp
import pytest
from sqlalchemy.engine import make_url
from sqlmodel import select

from tests.e2e.harness import WEBHOOK, add_worker, eventually, running_app
from tests.e2e.questionnaire import STEPS, Ready
from tests.e2e.test_graceful_stop import database
from tests.support.botapi_stub import BotApiStub
from tests.support.stub_faults import Tally
from tests.support.stub_types import SentMessage
from tests.support.stub_users import ChatActor
from tests.support.tcp_proxy import TcpProxy
from triage.services.outbox.port import OutgoingMessage
from triage.services.outbox.queue import enqueue
from triage.storage.tables import InboxUpdate, OutboxMessage, Report

pytestmark = [pytest.mark.slow, pytest.mark.postgres]
REPORTERS = 20
NOTIFICATIONS = 40
FIRST_NOTIFIED = 5000
WORKERS = range(2001, 2006)
OUTAGES = 3
OUTAGE_SECONDS = 2.0
APOLOGY = "Maaf, ada gangguan"
REFERENCE = re.compile(r"LS-[0-9A-Z]{4}-[0-9A-Z]{4}")


async def _health(admin_url: str) -> int:
    async with aiohttp.ClientSession() as http, http.get(f"{admin_url}/healthz") as response:
        return response.status


def _shown(user: ChatActor, ready: Ready) -> SentMessage | None:
    """The newest message of the chat, if it is the one the next step needs."""
    messages = [m for m in user.messages if not m.deleted]
    return messages[-1] if messages and ready(messages[-1]) else None


async def _step_as_a_person(user: ChatActor, index: int) -> tuple[SentMessage, int]:
    """Do the step; told something went wrong, wait a moment and do it again unless the
    question it leads to is on screen. Returns the answer and how often it was redone."""
    action, ready = STEPS[index]
    for again in range(20):
        await action(user)
        found = await user.wait_for(lambda m: ready(m) or APOLOGY in m.text, timeout=60)
        if ready(found):
            return found, again
        await asyncio.sleep(OUTAGE_SECONDS)
        shown = _shown(user, ready)
        if shown is not None:
            return shown, again
    raise AssertionError(f"step {index} never went through\n{user.transcript()}")


async def _file_report(user: ChatActor) -> tuple[str, int]:
    redone = 0
    for index in range(len(STEPS)):
        confirmation, again = await _step_as_a_person(user, index)
        redone += again
    found = REFERENCE.search(confirmation.text)
    assert found is not None, confirmation.text
    return found.group(), redone


@contextlib.asynccontextmanager
async def _outages(proxy: TcpProxy, stub: BotApiStub) -> AsyncIterator[asyncio.Task[None]]:
    """Cut the link after every ~80 updates Telegram posted, OUTAGES times."""

    async def cut_and_restore() -> None:
        for outage in range(1, OUTAGES + 1):

            async def posted(enough: int = 80 * outage) -> bool:
                return len(stub.webhook_answers) >= enough

            await eventually(posted, within=120)
            proxy.cut()
            await asyncio.sleep(OUTAGE_SECONDS)  # the outage's length, not a wait for a result
            proxy.restore()

    task = asyncio.create_task(cut_and_restore())
    try:
        yield task
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task


async def test_postgres_cut_and_restored_mid_load_loses_nothing(database_url: str) -> None:
    if make_url(database_url).get_backend_name() != "postgresql":
        pytest.skip("a cut connection is PostgreSQL's fault")
    url = make_url(database_url)
    async with database(database_url) as uow:
        for worker in WORKERS:
            await add_worker(uow, f"Petugas {worker}", worker, ["31.74"])
        queued = {(FIRST_NOTIFIED + n, f"Pemberitahuan {n}") for n in range(NOTIFICATIONS)}
        async with uow() as unit:
            for chat, text in sorted(queued):
                message = OutgoingMessage(f"db-test:{chat}", chat, text)
                await enqueue(unit.session, message, datetime.now(UTC))
            await unit.commit()
    notified = {chat for chat, _ in queued}

    async with (
        BotApiStub() as stub,
        TcpProxy(url.host or "127.0.0.1", url.port or 5432) as proxy,
    ):
        for chat in notified | set(WORKERS):
            stub.private_user(chat, "Petugas", started=True)
        reporters = [stub.private_user(10_000 + n, f"Warga {n}") for n in range(REPORTERS)]
        through_proxy = url.set(host="127.0.0.1", port=proxy.port).render_as_string(False)
        async with (
            running_app(through_proxy, stub, outbox_retry_first_seconds=0.2, **WEBHOOK) as app,
            _outages(proxy, stub) as outages,
        ):
            filed = await asyncio.gather(*(_file_report(r) for r in reporters))
            await asyncio.wait_for(outages, 120)

            async def all_sent() -> bool:
                async with database(database_url) as direct, direct() as unit:
                    statuses = (await unit.session.exec(select(OutboxMessage.status))).all()
                return len(statuses) == NOTIFICATIONS + REPORTERS and set(statuses) == {"sent"}

            await eventually(all_sent, within=60)
            await reporters[0].command("/start")  # a new report, with no restart
            recovered = await reporters[0].wait_for("dalam bahaya SAAT INI", timeout=30)
            health = await _health(app.admin_url)
        async with database(database_url) as direct, direct() as unit:
            stored = set((await unit.session.exec(select(Report.reference))).all())
            inbox = list((await unit.session.exec(select(InboxUpdate.status))).all())
        cuts, broken = proxy.cuts, proxy.broken
        refused = sum(1 for _, status in stub.webhook_answers if status != 200)
        tally = Tally.of(queued, stub.ledger.to(notified))
        to_workers = stub.ledger.to(set(WORKERS))

    references = [reference for reference, _ in filed]
    redone = sum(again for _, again in filed)
    print(
        f"\nPostgreSQL cut {cuts}x ({broken} connections broken): "
        f"notifications {tally}; worker notifications {len(to_workers)} distinct, "
        f"{sum(to_workers.values())} accepted; references seen {len(references)}, stored "
        f"{len(set(references) & stored)}; webhook posts refused and redelivered {refused}; "
        f"steps a reporter had to redo {redone}; inbox {sorted(set(inbox))}"
    )
    assert cuts == OUTAGES and broken > 0
    assert set(references) <= stored and len(set(references)) == REPORTERS
    assert (tally.delivered, tally.lost, tally.duplicated) == (NOTIFICATIONS, 0, 0)
    assert len(to_workers) == REPORTERS and set(to_workers.values()) == {1}
    assert recovered.inline_buttons and health == 200
