"""seconds_between on both databases: whole and fractional seconds, NULLs, a bound start."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import literal, select
from sqlmodel import col
from sqlmodel.sql.sqltypes import UTCDateTime

from triage.storage.intervals import seconds_between
from triage.storage.tables import Report
from triage.storage.uow import UnitOfWorkFactory

T0 = datetime(2026, 11, 23, 1, 0, tzinfo=UTC)


async def test_seconds_between_stored_and_bound_times(uow_factory: UnitOfWorkFactory) -> None:
    async with uow_factory() as uow:
        uow.session.add(Report(reference="A", received_at=T0, reporter_chat_id=1,
                               urgency="SEDANG", accepted_at=T0 + timedelta(minutes=15, seconds=1.5),
                               closed_at=T0 + timedelta(days=40)))  # fmt: skip
        await uow.commit()
    received = col(Report.received_at)
    query = select(
        seconds_between(received, col(Report.accepted_at)),
        seconds_between(received, col(Report.first_contact_at)),
        seconds_between(received, col(Report.closed_at)),
        seconds_between(literal(T0 - timedelta(hours=2), UTCDateTime()), received),
    )
    async with uow_factory() as uow:
        connection = await uow.session.connection()
        accept, contact, close, offset = (await connection.execute(query)).one()

    assert float(accept) == pytest.approx(901.5, abs=0.01)
    assert contact is None
    assert float(close) == pytest.approx(40 * 86400, abs=0.01)
    assert float(offset) == pytest.approx(7200, abs=0.01)
