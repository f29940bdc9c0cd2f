"""`keys rotate`: values sealed under an older key move to the current one in batches; a run
stopped half way is finished by the next; each run is audited; afterwards the old key can go."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime

import pytest
from sqlmodel import select

from tests.support.deps import make_deps
from triage.services.common.deps import TriageDeps
from triage.services.keys.rotate import key_status, rotate_keys
from triage.storage.db import create_engine, create_session_factory
from triage.storage.encryption.cipher import Keyring
from triage.storage.tables import AuditLog, CaseEvent, Report
from triage.storage.uow import UnitOfWorkFactory

OLD_TEXT = "old-data-key-0123456789-abcdefghijklmnopqrstuvwxyz"
NEW_TEXT = "new-data-key-9876543210-zyxwvutsrqponmlkjihgfedcba"
OLD = Keyring.of("k1", {"k1": OLD_TEXT})
BOTH = Keyring.of("k2", {"k2": NEW_TEXT, "k1": OLD_TEXT})
NEW_ONLY = Keyring.of("k2", {"k2": NEW_TEXT})
NOW = datetime(2026, 11, 23, 1, 0, tzinfo=UTC)
CASES = 5
VALUES = 4 * CASES  # story, phone, files (an empty list is sealed too), the note


class Stop(Exception):
    pass


@pytest.fixture
async def deps_under(database_url: str) -> AsyncIterator[dict[str, TriageDeps]]:
    engines = {name: create_engine(database_url, keyring=ring)
               for name, ring in (("old", OLD), ("both", BOTH), ("new", NEW_ONLY))}  # fmt: skip
    try:
        yield {
            name: make_deps(UnitOfWorkFactory(create_session_factory(e)), clock=lambda: NOW)
            for name, e in engines.items()
        }
    finally:
        for engine in engines.values():
            await engine.dispose()


async def _write_cases(deps: TriageDeps) -> None:
    async with deps.uow() as uow:
        for number in range(CASES):
            report = Report(
                reference=f"LS-KEY-{number:04d}",
                received_at=NOW,
                reporter_chat_id=number,
                urgency="SEDANG",
                description=f"cerita {number}",
                contact_phone=f"+62812000{number}",
            )
            uow.session.add(report)
            await uow.session.flush()
            uow.session.add(
                CaseEvent(
                    report_id=report.id,
                    at=NOW,
                    kind="note",
                    actor="worker:1",
                    data={"text": f"catatan {number}"},
                )
            )
        await uow.commit()


async def test_a_stopped_rotation_is_finished_by_the_next_run(
    deps_under: dict[str, TriageDeps],
) -> None:
    await _write_cases(deps_under["old"])
    before = await key_status(deps_under["both"])
    assert (before.current, before.known, before.waiting) == ("k2", ("k2", "k1"), VALUES)

    def stop_after_first_batch(column: str, done: int) -> None:
        raise Stop

    with pytest.raises(Stop):
        await rotate_keys(deps_under["both"], "cli", batch=2, progress=stop_after_first_batch)
    assert (await key_status(deps_under["both"])).waiting == VALUES - 2

    seen: list[tuple[str, int]] = []
    moved = await rotate_keys(
        deps_under["both"], "cli", batch=2, progress=lambda c, n: seen.append((c, n))
    )
    assert moved == VALUES - 2 and (await key_status(deps_under["both"])).waiting == 0
    assert ("report.contact_phone", 4) in seen

    async with deps_under["new"].uow() as uow:  # the old key is no longer needed
        reports = (await uow.session.exec(select(Report).order_by(Report.id))).all()
        events = (await uow.session.exec(select(CaseEvent).order_by(CaseEvent.id))).all()
        audits = (await uow.session.exec(select(AuditLog).order_by(AuditLog.id))).all()
    assert [r.description for r in reports] == [f"cerita {n}" for n in range(CASES)]
    assert [e.data["text"] for e in events] == [f"catatan {n}" for n in range(CASES)]
    assert [(a.action, a.detail) for a in audits] == [
        ("data_keys_rotated", {"key_id": "k2", "values": 0, "complete": False}),
        ("data_keys_rotated", {"key_id": "k2", "values": VALUES - 2, "complete": True}),
    ]
    assert await rotate_keys(deps_under["both"], "cli") == 0  # nothing left: a no-op
