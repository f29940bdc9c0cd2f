"""The change stamp (revision 0019) moves with every committed change the dashboard reads and
with nothing else: per column of report, deadline, worker and the undeliverable messages.
On PostgreSQL it moves once per transaction, at commit, and never makes a writer wait."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import text
from sqlmodel import col, select

from tests.triage.services.dashboard.seed import NOW, Case, D, H, M, seed_cases
from triage.storage.tables import ChangeStamp, Deadline, OutboxMessage, Report, Worker
from triage.storage.uow import UnitOfWorkFactory

S = timedelta(seconds=1)
CASES = [
    Case("LS-A", "32.73", "DARURAT", NOW - D, "accepted", 10 * M, None, None, "Eka",
         {"accept": "met", "contact": "running"}),
    Case("LS-B", "31.74", "SEDANG", NOW - 2 * D, "assigned", None, None, None, "Dewi"),
]  # fmt: skip
Change = Callable[[Any], None]


def _set(name: str, value: Any) -> Change:
    return lambda row: setattr(row, name, value)


def _shift(name: str) -> Change:
    return lambda row: setattr(row, name, (getattr(row, name) or NOW) + S)


REPORT_SEEN = [
    _shift("received_at"), _set("urgency", "RENDAH"), _set("status", "closed"),
    _set("kabkota_code", "35.78"), _set("assigned_worker_id", None), _shift("accepted_at"),
    _shift("first_contact_at"), _shift("closed_at"), _set("reference", "LS-Z"),
]  # fmt: skip
REPORT_UNSEEN = [_shift("last_event_at"), _set("language", "en"), _set("description", "lain")]
DEADLINE_SEEN = [
    _set("kind", "closure_breach"), _set("key", "LS-A:x:g0:l1"), _set("status", "fired"),
    _shift("due_at"), _set("report_id", None),
]  # fmt: skip
DEADLINE_UNSEEN = [_set("claimed_by", "sweeper"), _shift("fired_at")]
WORKER_SEEN = [_set("name", "Eka Putri")]
WORKER_UNSEEN = [_set("on_duty", False), _set("phone", "0812")]


async def _version(uow_factory: UnitOfWorkFactory) -> int:
    async with uow_factory() as uow:
        return (await uow.session.exec(select(col(ChangeStamp.version)))).one()


@pytest.fixture
async def seeded(uow_factory: UnitOfWorkFactory) -> UnitOfWorkFactory:
    await seed_cases(uow_factory, CASES)
    return uow_factory


async def _changed(uow_factory: UnitOfWorkFactory, table: type[Any], change: Change) -> int:
    """How far the stamp moved when `change` was made to the first row of `table`."""
    before = await _version(uow_factory)
    async with uow_factory() as uow:
        row = (await uow.session.exec(select(table).order_by(col(table.id)).limit(1))).one()
        change(row)
        await uow.commit()
    return await _version(uow_factory) - before


@pytest.mark.parametrize(
    ("table", "changes", "moves"),
    [
        (Report, REPORT_SEEN, True),
        (Report, REPORT_UNSEEN, False),
        (Deadline, DEADLINE_SEEN, True),
        (Deadline, DEADLINE_UNSEEN, False),
        (Worker, WORKER_SEEN, True),
        (Worker, WORKER_UNSEEN, False),
    ],
    ids=["report", "report-unseen", "deadline", "deadline-unseen", "worker", "worker-unseen"],
)
async def test_each_column_the_dashboard_reads_moves_it(
    seeded: UnitOfWorkFactory, table: type[Any], changes: list[Change], moves: bool
) -> None:
    for change in changes:
        assert (await _changed(seeded, table, change) > 0) is moves


def _message(key: str, status: str) -> OutboxMessage:
    failed = NOW if status == "undeliverable" else None
    return OutboxMessage(
        dedup_key=key, created_at=NOW, chat_id=5, text="x", status=status,
        next_attempt_at=NOW, failed_at=failed,
    )  # fmt: skip


async def _in_uow(uow_factory: UnitOfWorkFactory, action: Callable[[Any], Any]) -> int:
    before = await _version(uow_factory)
    async with uow_factory() as uow:
        result = action(uow.session)
        if asyncio.iscoroutine(result):
            await result
        await uow.commit()
    return await _version(uow_factory) - before


async def _message_row(session: Any, key: str) -> OutboxMessage:
    query = select(OutboxMessage).where(col(OutboxMessage.dedup_key) == key)
    return (await session.exec(query)).one()


async def _update(session: Any, key: str, **values: Any) -> None:
    row = await _message_row(session, key)
    for name, value in values.items():
        setattr(row, name, value)


async def _sql(session: Any, statement: str) -> None:
    await (await session.connection()).execute(text(statement))


async def _delete(session: Any, key: str) -> None:
    await session.delete(await _message_row(session, key))


async def test_only_undeliverable_messages_move_it(seeded: UnitOfWorkFactory) -> None:
    assert await _in_uow(seeded, lambda s: s.add(_message("sent", "pending"))) == 0
    assert await _in_uow(seeded, lambda s: _update(s, "sent", status="sent", sent_at=NOW)) == 0
    assert await _in_uow(seeded, lambda s: s.add(_message("gone", "undeliverable"))) > 0
    assert await _in_uow(seeded, lambda s: _update(s, "gone", claimed_by="x")) == 0
    assert await _in_uow(seeded, lambda s: _update(s, "gone", failed_at=NOW + H)) > 0
    assert await _in_uow(seeded, lambda s: _update(s, "sent", status="undeliverable")) > 0
    assert await _in_uow(seeded, lambda s: _update(s, "sent", status="pending")) > 0
    assert await _in_uow(seeded, lambda s: _delete(s, "sent")) == 0
    assert await _in_uow(seeded, lambda s: _delete(s, "gone")) > 0


async def test_added_and_removed_cases_move_it(seeded: UnitOfWorkFactory) -> None:
    before = await _version(seeded)
    await seed_cases(seeded, [Case("LS-C", "32.73", "SEDANG", NOW - H)])
    added = await _version(seeded)
    assert added > before
    assert await _in_uow(seeded, lambda s: _sql(s, "DELETE FROM deadline")) > 0
    removed = await _in_uow(
        seeded, lambda s: _sql(s, "DELETE FROM report WHERE reference = 'LS-C'")
    )
    assert removed > 0


@pytest.mark.postgres
async def test_postgresql_moves_it_once_per_transaction(
    seeded: UnitOfWorkFactory, database_url: str
) -> None:
    if not database_url.startswith("postgresql"):
        pytest.skip("SQLite writes one transaction at a time")
    moved = await _in_uow(
        seeded,
        lambda s: _sql(s, "UPDATE report SET urgency = 'RENDAH', status = 'closed'"),
    )
    assert moved == 1


@pytest.mark.postgres
async def test_postgresql_writers_never_wait_for_it(
    seeded: UnitOfWorkFactory, database_url: str
) -> None:
    """A transaction still open does not hold the stamp: another commits meanwhile, and both
    changes are counted."""
    if not database_url.startswith("postgresql"):
        pytest.skip("SQLite writes one transaction at a time")
    before = await _version(seeded)
    async with seeded() as first:
        await _sql(first.session, "UPDATE report SET status = 'closed' WHERE id = 1")
        async with seeded() as second:
            update = "UPDATE report SET status = 'closed' WHERE id = 2"
            await asyncio.wait_for(_sql(second.session, update), timeout=5)
            await asyncio.wait_for(second.commit(), timeout=5)
        assert await _version(seeded) == before + 1
        await first.commit()
    assert await _version(seeded) == before + 2
