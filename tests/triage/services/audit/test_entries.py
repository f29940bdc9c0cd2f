"""The audit log for admins: filters, paging by id, the audited export; SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import col, select

from triage.services.audit.entries import (
    AuditFilter,
    AuditLogForAdmins,
    audit_actions,
    audit_page,
    export_entries,
)
from triage.services.common.deps import TriageDeps
from triage.services.staff.identity import StaffIdentity
from triage.storage.tables import AuditLog, Report
from triage.storage.uow import UnitOfWorkFactory

T0 = datetime(2026, 11, 20, 0, 0, tzinfo=UTC)
ADMIN = StaffIdentity(1, "admin", "admin")
SUPERVISOR = StaffIdentity(2, "spv", "supervisor", ("32.73",))


async def _seed(uow_factory: UnitOfWorkFactory) -> None:
    async with uow_factory() as uow:
        report = Report(
            reference="LS-AUDT-0001",
            received_at=T0,
            reporter_chat_id=1,
            description="",
            urgency="SEDANG",
            status="new",
        )
        uow.session.add(report)
        await uow.session.flush()
        rows = [
            AuditLog(at=T0, actor="admin", action="login", detail={}, source_address="10.0.0.1"),
            AuditLog(at=T0 + timedelta(days=1), actor="spv", action="view_case",
                     report_id=report.id, detail={"staff_id": 2}, source_address="10.0.0.2"),
            AuditLog(at=T0 + timedelta(days=2), actor="staff:spv", action="urgency_override",
                     report_id=report.id, detail={"old": "SEDANG", "new": "TINGGI"}),
            AuditLog(at=T0 + timedelta(days=3), actor="unknown:00ff", action="login_failed",
                     detail={"reason": "unknown_user"}),
        ]  # fmt: skip
        uow.session.add_all(rows)
        await uow.commit()


async def _actions(deps: TriageDeps, filters: AuditFilter) -> list[str]:
    page = await audit_page(deps, ADMIN, filters)
    return [entry.action for entry in page.entries]


async def test_newest_first_with_the_case_reference_and_address(
    deps: TriageDeps, uow_factory: UnitOfWorkFactory
) -> None:
    await _seed(uow_factory)

    page = await audit_page(deps, ADMIN, AuditFilter())

    assert [e.action for e in page.entries] == [
        "login_failed",
        "urgency_override",
        "view_case",
        "login",
    ]
    assert page.entries[2].reference == "LS-AUDT-0001"
    assert page.entries[2].source_address == "10.0.0.2"
    assert page.older_than is None


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (AuditFilter(actor="SPV "), ["urgency_override", "view_case"]),  # "staff:spv" too
        (AuditFilter(action="login"), ["login"]),
        (
            AuditFilter(since=T0 + timedelta(days=1), until=T0 + timedelta(days=3)),
            ["urgency_override", "view_case"],
        ),
        (AuditFilter(reference="ls-audt-0001"), ["urgency_override", "view_case"]),
        (AuditFilter(reference="LS-NONE-0000"), []),
        (AuditFilter(actor="spv", action="view_case"), ["view_case"]),
    ],
)
async def test_filters(
    deps: TriageDeps, uow_factory: UnitOfWorkFactory, filters: AuditFilter, expected: list[str]
) -> None:
    await _seed(uow_factory)

    assert await _actions(deps, filters) == expected


async def test_pages_by_id_however_deep(deps: TriageDeps, uow_factory: UnitOfWorkFactory) -> None:
    async with uow_factory() as uow:
        uow.session.add_all(
            AuditLog(at=T0 + timedelta(minutes=n), actor="admin", action="login", detail={"n": n})
            for n in range(7)
        )
        await uow.commit()

    first = await audit_page(deps, ADMIN, AuditFilter(), limit=3)
    second = await audit_page(deps, ADMIN, AuditFilter(), first.older_than, limit=3)
    third = await audit_page(deps, ADMIN, AuditFilter(), second.older_than, limit=3)

    seen = [e.detail["n"] for page in (first, second, third) for e in page.entries]
    assert seen == [6, 5, 4, 3, 2, 1, 0]
    assert third.older_than is None


async def test_only_admins_may_read_it(deps: TriageDeps) -> None:
    with pytest.raises(AuditLogForAdmins):
        await audit_page(deps, SUPERVISOR, AuditFilter())
    with pytest.raises(AuditLogForAdmins):
        await audit_actions(deps, SUPERVISOR)
    with pytest.raises(AuditLogForAdmins):
        [batch async for batch in export_entries(deps, SUPERVISOR, AuditFilter(), T0)]


async def test_the_export_is_audited_and_comes_in_batches(
    deps: TriageDeps, uow_factory: UnitOfWorkFactory
) -> None:
    await _seed(uow_factory)
    now = T0 + timedelta(days=5)
    filters = AuditFilter(actor="spv", since=T0)

    batches = [batch async for batch in export_entries(deps, ADMIN, filters, now, batch=1)]

    assert [[e.action for e in batch] for batch in batches] == [["urgency_override"], ["view_case"]]
    async with uow_factory() as uow:
        last = (await uow.session.exec(select(AuditLog).order_by(col(AuditLog.id).desc()))).first()
    assert last is not None
    assert (last.actor, last.action, last.at) == ("admin", "audit_export", now)
    assert last.detail == {"staff_id": 1, "filter_actor": "spv", "filter_since": T0.isoformat()}


async def test_the_actions_offered_are_those_in_the_log(
    deps: TriageDeps, uow_factory: UnitOfWorkFactory
) -> None:
    await _seed(uow_factory)

    assert await audit_actions(deps, ADMIN) == (
        "login",
        "login_failed",
        "urgency_override",
        "view_case",
    )
