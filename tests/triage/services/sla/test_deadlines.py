"""SLA deadline rows: schedule writes each key once; cancel makes a report's pending
deadlines of some kinds moot; apply_change does both for one event."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlmodel import col, select

from tests.support.deps import default_rules
from triage.domain.model import Urgency
from triage.domain.sla import CaseEvent as SlaEvent
from triage.domain.sla import Deadline as DomainDeadline
from triage.domain.sla import DeadlineKind, deadlines_for, on_event
from triage.services.sla.deadlines import apply_change, cancel, schedule
from triage.storage.tables import Deadline, Report
from triage.storage.uow import UnitOfWorkFactory

T0 = datetime(2026, 11, 23, 3, 0, tzinfo=UTC)
K = DeadlineKind


async def add_reports(uow_factory: UnitOfWorkFactory, *refs: str) -> list[int]:
    async with uow_factory() as uow:
        reports = [
            Report(reference=ref, received_at=T0, reporter_chat_id=9001, urgency="TINGGI")
            for ref in refs
        ]
        uow.session.add_all(reports)
        await uow.commit()
    return [r.id or 0 for r in reports]


async def stored(uow_factory: UnitOfWorkFactory) -> dict[str, tuple[int | None, str, str]]:
    """key -> (report id, kind, status)"""
    async with uow_factory() as uow:
        rows = (await uow.session.exec(select(Deadline).order_by(col(Deadline.id)))).all()
    return {row.key: (row.report_id, row.kind, row.status) for row in rows}


async def test_schedule_writes_new_keys_once_and_cancel_makes_pending_ones_moot(
    uow_factory: UnitOfWorkFactory,
) -> None:
    first, other = await add_reports(uow_factory, "LS-AAAA-AAAA", "LS-BBBB-BBBB")
    reminder = DomainDeadline("LS-AAAA-AAAA", K.ACCEPT_REMINDER, T0 + timedelta(minutes=30))
    breach = DomainDeadline("LS-AAAA-AAAA", K.ACCEPT_BREACH, T0 + timedelta(hours=1), 1)
    contact = DomainDeadline("LS-AAAA-AAAA", K.CONTACT_BREACH, T0 + timedelta(hours=24), 1)
    elsewhere = DomainDeadline("LS-BBBB-BBBB", K.ACCEPT_BREACH, T0 + timedelta(hours=1), 1)
    async with uow_factory() as uow:
        await schedule(uow.session, first, [reminder, breach, contact])
        await schedule(uow.session, other, [elsewhere])
        await uow.commit()
    async with uow_factory() as uow:  # a second schedule of the same keys adds nothing
        moved = DomainDeadline("LS-AAAA-AAAA", K.ACCEPT_BREACH, T0 + timedelta(hours=9), 1)
        await schedule(uow.session, first, [moved, reminder])
        row = (await uow.session.exec(select(Deadline).where(Deadline.key == breach.key))).one()
        row.status = "fired"
        await uow.commit()
    async with uow_factory() as uow:
        due = await uow.session.exec(select(Deadline.due_at).where(Deadline.key == breach.key))
        assert due.one() == T0 + timedelta(hours=1)
        await cancel(uow.session, first, [K.ACCEPT_REMINDER, K.ACCEPT_BREACH])
        await uow.commit()
    assert await stored(uow_factory) == {
        reminder.key: (first, "accept_reminder", "cancelled"),
        breach.key: (first, "accept_breach", "fired"),  # already fired: left as it was
        contact.key: (first, "contact_breach", "pending"),  # another kind
        elsewhere.key: (other, "accept_breach", "pending"),  # another report
    }


async def test_apply_change_cancels_first_then_schedules_the_new_generation(
    uow_factory: UnitOfWorkFactory,
) -> None:
    (report_id,) = await add_reports(uow_factory, "LS-AAAA-AAAA")
    rules = default_rules()
    opened = deadlines_for("LS-AAAA-AAAA", T0, Urgency.TINGGI, rules)
    later = T0 + timedelta(minutes=20)
    reassigned = on_event(SlaEvent.REASSIGNED, "LS-AAAA-AAAA", Urgency.TINGGI, later, rules, 1)
    async with uow_factory() as uow:
        await schedule(uow.session, report_id, opened)
        await apply_change(uow.session, report_id, reassigned)
        await uow.commit()
    rows = await stored(uow_factory)
    states = {key.split(":", 1)[1]: status for key, (_, _, status) in rows.items()}
    assert states == {
        "accept_reminder:g0:l0": "cancelled", "accept_breach:g0:l1": "cancelled",
        "accept_breach:g0:l2": "cancelled", "accept_breach:g0:l3": "cancelled",
        "contact_reminder:g0:l0": "pending", "contact_breach:g0:l1": "pending",
        "closure_reminder:g0:l0": "pending", "closure_breach:g0:l1": "pending",
        "accept_reminder:g1:l0": "pending", "accept_breach:g1:l1": "pending",
        "accept_breach:g1:l2": "pending", "accept_breach:g1:l3": "pending",
    }  # fmt: skip
    async with uow_factory() as uow:
        await apply_change(uow.session, report_id, on_event(
            SlaEvent.CLOSED, "LS-AAAA-AAAA", Urgency.TINGGI, later, rules))  # fmt: skip
        await uow.commit()
    assert {status for _, _, status in (await stored(uow_factory)).values()} == {"cancelled"}
