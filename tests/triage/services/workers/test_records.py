"""Worker rows as plain data, and the lookups by id, name and Telegram account."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from triage.services.workers.records import (
    WorkerAdminError,
    WorkerInfo,
    all_workers,
    find_by_telegram,
    find_one,
    worker_info,
)
from triage.storage.tables import Worker
from triage.storage.uow import UnitOfWorkFactory

T0 = datetime(2026, 11, 23, 3, 0, tzinfo=UTC)


def test_worker_info_copies_what_callers_may_know() -> None:
    row = Worker(id=7, name="Sari Dewi", telegram_user_id=1001, role="supervisor",
                 region_codes=["31.74", "31"], on_duty=False, phone="+6281234567890",
                 invite_code_hash="secret", created_at=T0, updated_at=T0)  # fmt: skip
    info = worker_info(row)
    assert info == WorkerInfo(7, "Sari Dewi", "supervisor", ("31.74", "31"), False, 1001)
    assert not hasattr(info, "phone") and not hasattr(info, "invite_code_hash")


async def test_workers_are_found_by_id_name_or_telegram_account(
    uow_factory: UnitOfWorkFactory,
) -> None:
    names = [("Sari  Dewi", 1001), ("Budi", None), ("budi", 1003), ("Ani", 1004)]
    async with uow_factory() as uow:
        rows = [Worker(name=name, telegram_user_id=telegram, created_at=T0, updated_at=T0)
                for name, telegram in names]  # fmt: skip
        uow.session.add_all(rows)
        await uow.commit()
    sari, budi, budi_lower, ani = (row.id for row in rows)
    async with uow_factory() as uow:
        session = uow.session
        assert [w.id for w in await all_workers(session)] == [sari, budi, budi_lower, ani]
        for typed, found in [(str(ani), ani), (f"#{ani}", ani), (f" #{sari} ", sari),
                             ("  sari dewi ", sari), ("SARI DEWI", sari), ("Ani", ani)]:  # fmt: skip
            assert (await find_one(session, typed)).id == found, typed
        for typed, reason in [
            ("999", "no worker with id 999"),
            ("#0999", "no worker with id 999"),
            ("Sari", "no worker has this name"),
            ("BUDI", f"several workers have this name (ids {budi}, {budi_lower})"),
        ]:
            with pytest.raises(WorkerAdminError) as refused:
                await find_one(session, typed)
            assert reason in str(refused.value)
        bound = await find_by_telegram(session, 1003)
        assert bound is not None and bound.id == budi_lower
        assert await find_by_telegram(session, 4242) is None
