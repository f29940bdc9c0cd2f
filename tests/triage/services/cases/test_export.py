"""The queue export on both databases: what each role gets, scope, filters, order, the audit."""

from __future__ import annotations

from contextlib import aclosing
from datetime import UTC, datetime, timedelta

from sqlmodel import select

from triage.services.cases.export import ExportRow, PersonalFields, export_reports
from triage.services.cases.queue_query import QueueFilters, QueueOrder, QueueSort
from triage.services.common.deps import TriageDeps
from triage.services.staff.accounts import StaffIdentity
from triage.storage.tables import AuditLog, Report, Worker
from triage.storage.uow import UnitOfWorkFactory

T0 = datetime(2026, 11, 23, 1, 0, tzinfo=UTC)
NOW = T0 + timedelta(hours=2)
ADMIN = StaffIdentity(id=1, username="admin", role="admin")
BANDUNG = StaffIdentity(id=2, username="spv.bandung", role="supervisor", region_codes=("32.73",))
STORY = '=HYPERLINK("http://x") <script>alert(1)</script>'


async def _seed(uow_factory: UnitOfWorkFactory) -> None:
    async with uow_factory() as uow:
        worker = Worker(name="Sari", created_at=T0, updated_at=T0)
        uow.session.add(worker)
        await uow.session.flush()
        rows = [
            ("LS-EXP-0001", "32.73", "TINGGI", True, worker.id),
            ("LS-EXP-0002", "32.73", "RENDAH", False, None),
            ("LS-EXP-0003", "31.74", "DARURAT", True, None),
        ]
        for n, (reference, kabkota, urgency, consent, worker_id) in enumerate(rows):
            uow.session.add(
                Report(
                    reference=reference, received_at=T0 + timedelta(minutes=n),
                    reporter_chat_id=7_000_000_000 + n, kabkota_code=kabkota, urgency=urgency,
                    description=f"{STORY} {n}", address=f"Jl. Mawar {n}",
                    contact_phone=f"+6281100000{n}", contact_consent=consent,
                    assigned_worker_id=worker_id, categories=["penelantaran"],
                    status="accepted" if worker_id else "new",
                    accepted_at=T0 + timedelta(minutes=n + 3) if worker_id else None,
                )
            )  # fmt: skip
        await uow.commit()


async def _export(
    deps: TriageDeps, viewer: StaffIdentity, filters: QueueFilters | None = None,
    order: QueueOrder | None = None,
) -> list[ExportRow]:  # fmt: skip
    rows = export_reports(deps, viewer, filters or QueueFilters(), order or QueueOrder(), NOW)
    async with aclosing(rows):
        return [row async for row in rows]


async def _audits(uow_factory: UnitOfWorkFactory) -> list[AuditLog]:
    async with uow_factory() as uow:
        return list((await uow.session.exec(select(AuditLog))).all())


async def test_admin_gets_the_story_and_consented_contact_details(
    deps: TriageDeps, uow_factory: UnitOfWorkFactory
) -> None:
    await _seed(uow_factory)

    rows = await _export(deps, ADMIN)

    assert [row.reference for row in rows] == ["LS-EXP-0003", "LS-EXP-0001", "LS-EXP-0002"]
    assert rows[0].personal == PersonalFields(f"{STORY} 2", "Jl. Mawar 2", "+62811000002")
    assert rows[2].personal == PersonalFields(f"{STORY} 1", "Jl. Mawar 1", None)  # no consent
    first = rows[1]
    assert (first.worker_name, first.categories, first.urgency) == (
        "Sari", ("penelantaran",), "TINGGI",
    )  # fmt: skip
    assert first.received_at == T0 and first.accepted_at == T0 + timedelta(minutes=3)


async def test_supervisor_gets_their_regions_without_personal_fields(
    deps: TriageDeps, uow_factory: UnitOfWorkFactory
) -> None:
    await _seed(uow_factory)

    rows = await _export(deps, BANDUNG)

    assert [row.reference for row in rows] == ["LS-EXP-0001", "LS-EXP-0002"]
    assert all(row.personal is None for row in rows)
    assert "Mawar" not in repr(rows) and "script" not in repr(rows)


async def test_filters_and_order_are_the_queues(
    deps: TriageDeps, uow_factory: UnitOfWorkFactory
) -> None:
    await _seed(uow_factory)

    unassigned = await _export(deps, ADMIN, QueueFilters(unassigned=True))
    received = await _export(deps, ADMIN, order=QueueOrder(QueueSort.RECEIVED, True))

    assert [row.reference for row in unassigned] == ["LS-EXP-0003", "LS-EXP-0002"]
    assert [row.reference for row in received] == ["LS-EXP-0001", "LS-EXP-0002", "LS-EXP-0003"]


async def test_every_export_is_audited_with_filters_and_count_never_content(
    deps: TriageDeps, uow_factory: UnitOfWorkFactory
) -> None:
    await _seed(uow_factory)

    await _export(deps, BANDUNG, QueueFilters(urgency="RENDAH"), QueueOrder(QueueSort.WORKER))

    [audit] = await _audits(uow_factory)
    assert (audit.at, audit.actor, audit.action, audit.report_id) == (
        NOW, "spv.bandung", "export_reports", None,
    )  # fmt: skip
    assert audit.detail == {
        "staff_id": 2,
        "filters": {"urgency": "RENDAH"},
        "sort": "worker",
        "descending": False,
        "personal": False,
        "rows": 1,
        "complete": True,
    }
    assert "Mawar" not in repr(audit.detail) and "LS-EXP" not in repr(audit.detail)


async def test_an_export_cut_short_is_audited_as_incomplete(
    deps: TriageDeps, uow_factory: UnitOfWorkFactory
) -> None:
    await _seed(uow_factory)
    rows = export_reports(deps, ADMIN, QueueFilters(), QueueOrder(), NOW)

    async with aclosing(rows):
        await anext(rows)
        [started] = await _audits(uow_factory)  # written before the first row is read
        assert "rows" not in started.detail

    [audit] = await _audits(uow_factory)
    assert (audit.detail["rows"], audit.detail["complete"], audit.detail["personal"]) == (
        1, False, True,
    )  # fmt: skip
