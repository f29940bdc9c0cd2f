"""The staff report list: columns, ordering, filters, region scoping, audit; on both databases."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import select

from triage.services.cases.queries import ReportListItem, database_reachable, list_reports
from triage.services.common.deps import TriageDeps
from triage.services.staff.accounts import StaffIdentity
from triage.storage.tables import AuditLog, Report, Worker
from triage.storage.uow import UnitOfWorkFactory

T0 = datetime(2026, 11, 23, 1, 0, tzinfo=UTC)
ADMIN = StaffIdentity(id=1, username="admin", role="admin")
# (reference, hours after T0, kabkota, urgency, status, assigned to Sari?)
SEED = [
    ("LS-2026-000001", 0, "31.74", "RENDAH", "new", False),
    ("LS-2026-000002", 1, "31.71", "DARURAT", "accepted", True),
    ("LS-2026-000003", 2, "32.73", "TINGGI", "assigned", True),
    ("LS-2026-000004", 3, "31.74", "DARURAT", "closed", True),
    ("LS-2026-000005", 4, "32.04", "SEDANG", "new", False),
    ("LS-2026-000006", 5, "31.74", "TINGGI", "new", False),
    ("LS-2026-000007", 6, None, "SEDANG", "new", False),
    ("LS-2026-000008", 7, "310.1", "RENDAH", "new", False),
]


async def _seed(uow_factory: UnitOfWorkFactory) -> None:
    async with uow_factory() as uow:
        worker = Worker(name="Sari", region_codes=["31"], created_at=T0, updated_at=T0)
        uow.session.add(worker)
        await uow.session.flush()
        for reference, hours, kabkota, urgency, status, assigned in SEED:
            uow.session.add(
                Report(
                    reference=reference,
                    received_at=T0 + timedelta(hours=hours),
                    reporter_chat_id=10_000_000_000 + hours,
                    description="<script>rahasia</script>",
                    address="Jl. Rahasia 1",
                    contact_phone="+62811000000",
                    kabkota_code=kabkota,
                    urgency=urgency,
                    status=status,
                    assigned_worker_id=worker.id if assigned else None,
                    accepted_at=T0 + timedelta(hours=hours, minutes=5) if assigned else None,
                )
            )
        await uow.commit()


@pytest.fixture
async def seeded(uow_factory: UnitOfWorkFactory) -> UnitOfWorkFactory:
    await _seed(uow_factory)
    return uow_factory


def _refs(items: tuple[ReportListItem, ...]) -> list[str]:
    return [item.reference[-1] for item in items]


async def test_admin_sees_all_most_urgent_open_first(
    deps: TriageDeps, seeded: UnitOfWorkFactory
) -> None:
    page = await list_reports(deps, ADMIN)

    assert page.total == 8
    assert _refs(page.items) == ["2", "6", "3", "7", "5", "8", "1", "4"]


async def test_items_carry_list_columns_only(deps: TriageDeps, seeded: UnitOfWorkFactory) -> None:
    page = await list_reports(deps, ADMIN, urgency="DARURAT", status="accepted")

    assert page.items == (
        ReportListItem(
            reference="LS-2026-000002",
            received_at=T0 + timedelta(hours=1),
            kabkota_code="31.71",
            urgency="DARURAT",
            status="accepted",
            assigned_worker_name="Sari",
            accepted_at=T0 + timedelta(hours=1, minutes=5),
        ),
    )
    assert page.items[0].received_at.tzinfo is not None
    assert "rahasia" not in repr(page)


@pytest.mark.parametrize(
    ("status", "urgency", "expected"),
    [
        ("new", None, ["6", "7", "5", "8", "1"]),
        (None, "DARURAT", ["2", "4"]),
        ("new", "TINGGI", ["6"]),
        ("visited", None, []),
    ],
)
async def test_filters(
    deps: TriageDeps,
    seeded: UnitOfWorkFactory,
    status: str | None,
    urgency: str | None,
    expected: list[str],
) -> None:
    page = await list_reports(deps, ADMIN, status=status, urgency=urgency)

    assert (_refs(page.items), page.total) == (expected, len(expected))


async def test_pagination(deps: TriageDeps, seeded: UnitOfWorkFactory) -> None:
    first = await list_reports(deps, ADMIN, limit=3)
    second = await list_reports(deps, ADMIN, limit=3, offset=3)

    assert (_refs(first.items), _refs(second.items)) == (["2", "6", "3"], ["7", "5", "8"])
    assert first.total == second.total == 8


@pytest.mark.parametrize(
    ("regions", "expected"),
    [
        (("31",), ["2", "6", "1", "4"]),  # the province covers 31.71 and 31.74, not "310.1"
        (("31.74",), ["6", "1", "4"]),
        (("31.74", "32.73"), ["6", "3", "1", "4"]),
        (("33",), []),
    ],
)
async def test_supervisor_sees_own_regions_only(
    deps: TriageDeps, seeded: UnitOfWorkFactory, regions: tuple[str, ...], expected: list[str]
) -> None:
    viewer = StaffIdentity(id=2, username="spv", role="supervisor", region_codes=regions)

    page = await list_reports(deps, viewer)

    assert (_refs(page.items), page.total) == (expected, len(expected))


async def test_supervisor_without_regions_sees_nothing(
    deps: TriageDeps, seeded: UnitOfWorkFactory
) -> None:
    viewer = StaffIdentity(id=2, username="spv", role="supervisor")

    assert (await list_reports(deps, viewer)).total == 0


async def test_listing_is_audited(deps: TriageDeps, seeded: UnitOfWorkFactory) -> None:
    now = T0 + timedelta(days=1)

    await list_reports(deps, ADMIN, urgency="TINGGI", offset=0, now=now)

    async with seeded() as uow:
        rows = (await uow.session.exec(select(AuditLog))).all()
        audit = [(row.at, row.actor, row.action, row.detail) for row in rows]
    detail = {"staff_id": 1, "status": None, "urgency": "TINGGI", "offset": 0}
    assert audit == [(now, "admin", "list_reports", detail)]


async def test_database_reachable(deps: TriageDeps, uow_factory: UnitOfWorkFactory) -> None:
    assert await database_reachable(deps)
