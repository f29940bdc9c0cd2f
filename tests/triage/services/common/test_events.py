"""Timeline events and audit rows: written with their actor and time; an event moves the
case's last-activity time, an audit row does not."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlmodel import col, select

from triage.services.common.events import add_event, audit
from triage.storage.tables import AuditLog, CaseEvent, Report
from triage.storage.uow import UnitOfWorkFactory

T0 = datetime(2026, 11, 23, 3, 0, tzinfo=UTC)


async def test_events_and_audit_rows_carry_actor_time_and_ids(
    uow_factory: UnitOfWorkFactory,
) -> None:
    async with uow_factory() as uow:
        report = Report(reference="LS-7KQ2-M9XD", received_at=T0, reporter_chat_id=9001,
                        urgency="SEDANG", last_event_at=T0)  # fmt: skip
        uow.session.add(report)
        await uow.session.flush()
        assert report.id is not None
        report_id = report.id
        later = T0 + timedelta(minutes=5)
        await add_event(uow.session, report_id, "note", "worker:7", {"text": "x"}, later)
        audit(uow.session, "worker:7", "case_viewed", later + timedelta(minutes=1), report_id,
              via="button")  # fmt: skip
        audit(uow.session, "cli", "workers_import", later, created=3)
        await uow.commit()
    async with uow_factory() as uow:
        events = (await uow.session.exec(select(CaseEvent))).all()
        audits = (await uow.session.exec(select(AuditLog).order_by(col(AuditLog.id)))).all()
        stored = await uow.session.get(Report, report_id)
    assert [(e.report_id, e.kind, e.actor, e.at, e.data) for e in events] == [
        (report_id, "note", "worker:7", later, {"text": "x"})
    ]
    assert stored is not None and stored.last_event_at == later
    assert [(a.actor, a.action, a.at, a.report_id, a.detail) for a in audits] == [
        ("worker:7", "case_viewed", later + timedelta(minutes=1), report_id, {"via": "button"}),
        ("cli", "workers_import", later, None, {"created": 3}),
    ]
