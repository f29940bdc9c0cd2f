"""The computed sort columns follow the domain's orders, on both databases, and follow changes.

`urgency_rank`, `status_rank` and `queue_rank` are written as SQL in the table and in
migration 0008; the queue's filters and "overdue now" rely on them meaning exactly the
domain orders (`triage.services.cases.queue_sql`).
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlmodel import col, select

from triage.domain.case import CaseStatus
from triage.domain.model import Urgency
from triage.services.cases.queue_sql import CLOSED_RANK_OFFSET, STATUS_ORDER, URGENCY_ORDER
from triage.storage.tables import Report
from triage.storage.uow import UnitOfWorkFactory

T0 = datetime(2026, 11, 23, 1, 0, tzinfo=UTC)


async def _ranks(uow_factory: UnitOfWorkFactory) -> dict[str, tuple[int, int, int]]:
    query = select(
        col(Report.reference), col(Report.urgency_rank), col(Report.status_rank),
        col(Report.queue_rank),
    )  # fmt: skip
    async with uow_factory() as uow:
        rows = (await uow.session.exec(query)).all()
    return {reference: (u, s, q) for reference, u, s, q in rows}  # type: ignore[misc]


async def test_ranks_follow_the_domain_orders(uow_factory: UnitOfWorkFactory) -> None:
    pairs = [(u, s) for u in (*Urgency, "UNKNOWN") for s in (*CaseStatus, "odd")]
    async with uow_factory() as uow:
        for n, (urgency, status) in enumerate(pairs):
            uow.session.add(
                Report(
                    reference=f"R{n:03d}", received_at=T0, reporter_chat_id=n,
                    urgency=urgency, status=status,
                )
            )  # fmt: skip
        await uow.commit()

    ranks = await _ranks(uow_factory)

    assert set(STATUS_ORDER) == set(CaseStatus)
    for n, (urgency, status) in enumerate(pairs):
        urgency_rank = URGENCY_ORDER.index(urgency) if urgency in URGENCY_ORDER else len(Urgency)
        status_rank = STATUS_ORDER.index(status) if status in STATUS_ORDER else len(CaseStatus)
        closed = CLOSED_RANK_OFFSET if status == CaseStatus.CLOSED else 0
        assert ranks[f"R{n:03d}"] == (urgency_rank, status_rank, closed + urgency_rank)


async def test_ranks_follow_an_update(uow_factory: UnitOfWorkFactory) -> None:
    async with uow_factory() as uow:
        report = Report(reference="R1", received_at=T0, reporter_chat_id=1, urgency="RENDAH")
        uow.session.add(report)
        await uow.commit()
    async with uow_factory() as uow:
        found = (await uow.session.exec(select(Report))).one()
        found.urgency, found.status = "DARURAT", "closed"
        await uow.commit()

    assert (await _ranks(uow_factory))["R1"] == (0, 6, 10)
