"""Abandoned questionnaires: one reminder after 30 minutes of quiet, discarded after 24 hours,
each message queued once through the outbox."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlmodel import col, select

from tests.triage.services.intake.test_submit import deps_for
from triage.services.intake import conversation as intake_service
from triage.services.intake.drafts import (
    DISCARD_AFTER,
    REMIND_AFTER,
    CleanupResult,
    remind_and_discard,
)
from triage.storage.tables import Draft, OutboxMessage
from triage.storage.uow import UnitOfWorkFactory

NOW = datetime(2026, 11, 23, 3, 0, tzinfo=UTC)
M = timedelta(minutes=1)


async def test_a_quiet_draft_is_reminded_once_then_discarded(
    uow_factory: UnitOfWorkFactory,
) -> None:
    await intake_service.begin(deps_for(uow_factory, NOW), 1001, 1001, "id")
    for minutes in (10, 31, 45):
        await remind_and_discard(deps_for(uow_factory, NOW + timedelta(minutes=minutes)))
    await remind_and_discard(deps_for(uow_factory, NOW + timedelta(hours=25)))
    async with uow_factory() as uow:
        messages = (await uow.session.exec(select(OutboxMessage).order_by(OutboxMessage.id))).all()
        assert await uow.session.get(Draft, 1001) is None
    assert [m.dedup_key.rsplit(":", 1)[1] for m in messages] == ["reminder", "discarded"]
    assert all(m.chat_id == 1001 for m in messages)


# chat id: (quiet for, reminded already, what this pass does)
DRAFTS = {
    1: (REMIND_AFTER - M, False, None),
    2: (REMIND_AFTER + M, False, "reminder"),
    3: (REMIND_AFTER + M, True, None),
    4: (DISCARD_AFTER - M, True, None),
    5: (DISCARD_AFTER - M, False, "reminder"),
    6: (DISCARD_AFTER + M, False, "discarded"),  # too late to remind: only discarded
    7: (DISCARD_AFTER + M, True, "discarded"),
}


async def test_one_pass_reminds_quiet_drafts_once_and_discards_stale_ones(
    uow_factory: UnitOfWorkFactory,
) -> None:
    created = NOW - 2 * DISCARD_AFTER
    async with uow_factory() as uow:
        for chat_id, (quiet, reminded, _) in DRAFTS.items():
            uow.session.add(Draft(chat_id=chat_id, user_id=chat_id, step="danger",
                                  created_at=created + chat_id * M, updated_at=NOW - quiet,
                                  reminded_at=NOW - quiet + M if reminded else None))  # fmt: skip
        await uow.commit()
    deps = deps_for(uow_factory, NOW)

    assert await remind_and_discard(deps) == CleanupResult(reminded=2, discarded=2)
    assert await remind_and_discard(deps) == CleanupResult(reminded=0, discarded=0)

    async with uow_factory() as uow:
        queued = await uow.session.exec(select(OutboxMessage).order_by(col(OutboxMessage.id)))
        sent = sorted((m.chat_id, m.dedup_key) for m in queued)
        left = {d.chat_id: d.reminded_at for d in (await uow.session.exec(select(Draft))).all()}
    assert sent == sorted(
        (chat_id, f"draft:{chat_id}:{int((created + chat_id * M).timestamp())}:{what}")
        for chat_id, (_, _, what) in DRAFTS.items()
        if what is not None
    )
    assert set(left) == {1, 2, 3, 4, 5}
    assert (left[1], left[2], left[5]) == (None, NOW, NOW)
