"""The staff queue on both databases: columns, every filter, region scoping, the audit, and
keyset pages in every order and direction (no row skipped or repeated, ties included)."""

from __future__ import annotations

import base64
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlmodel import col, select

from triage.domain.model import Urgency
from triage.services.cases.queries import ReportListItem, database_reachable, list_reports
from triage.services.cases.queue_cursor import Cursor, decode_cursor, encode_cursor
from triage.services.cases.queue_query import (
    OPEN,
    PageRequest,
    QueueFilters,
    QueueOrder,
    QueueSort,
)
from triage.services.cases.queue_sql import sort_keys
from triage.services.common.deps import TriageDeps
from triage.services.staff.accounts import StaffIdentity
from triage.storage.rules_source import load_default_rules
from triage.storage.tables import AuditLog, Report, Worker
from triage.storage.uow import UnitOfWorkFactory

T0 = datetime(2026, 11, 23, 1, 0, tzinfo=UTC)
NOW = T0 + timedelta(hours=12)
H = timedelta(hours=1)
ADMIN = StaffIdentity(id=1, username="admin", role="admin")
SLA = load_default_rules().sla
# (reference, hours after T0, kabkota, urgency, status, worker key or None)
SEED = [
    ("LS-2026-000001", 0, "31.74", "RENDAH", "new", None),
    ("LS-2026-000002", 1, "31.71", "DARURAT", "accepted", "sari"),
    ("LS-2026-000003", 2, "32.73", "TINGGI", "assigned", "sari"),
    ("LS-2026-000004", 3, "31.74", "DARURAT", "closed", "sari"),
    ("LS-2026-000005", 4, "32.04", "SEDANG", "new", None),
    ("LS-2026-000006", 5, "31.74", "TINGGI", "new", None),
    ("LS-2026-000007", 6, None, "SEDANG", "new", None),
    ("LS-2026-000008", 7, "310.1", "RENDAH", "new", None),
]


def _report(reference: str, received: datetime, **fields: Any) -> Report:
    return Report(
        reference=reference,
        received_at=received,
        reporter_chat_id=10_000_000_000 + abs(hash(reference)) % 10**9,
        description="<script>rahasia</script>",
        address="Jl. Rahasia 1",
        contact_phone="+62811000000",
        **fields,
    )


async def _seed(uow_factory: UnitOfWorkFactory) -> None:
    async with uow_factory() as uow:
        worker = Worker(name="Sari", region_codes=["31"], created_at=T0, updated_at=T0)
        uow.session.add(worker)
        await uow.session.flush()
        for reference, hours, kabkota, urgency, status, assigned in SEED:
            received = T0 + timedelta(hours=hours)
            uow.session.add(
                _report(
                    reference, received, kabkota_code=kabkota, urgency=urgency, status=status,
                    assigned_worker_id=worker.id if assigned else None,
                    accepted_at=received + timedelta(minutes=5) if assigned else None,
                    first_contact_at=received + timedelta(minutes=9) if assigned else None,
                    categories=["penelantaran"] if hours % 2 else ["kekerasan_fisik", "napza"],
                )
            )  # fmt: skip
        await uow.commit()


@pytest.fixture
async def seeded(uow_factory: UnitOfWorkFactory) -> UnitOfWorkFactory:
    await _seed(uow_factory)
    return uow_factory


def _refs(items: tuple[ReportListItem, ...]) -> list[str]:
    return [item.reference[-1] for item in items]


async def _list(
    deps: TriageDeps,
    filters: QueueFilters | None = None,
    viewer: StaffIdentity = ADMIN,
    order: QueueOrder | None = None,
    **kwargs: Any,
) -> Any:
    return await list_reports(
        deps, viewer, filters or QueueFilters(), order or QueueOrder(), PageRequest(),
        now=kwargs.pop("now", NOW), **kwargs,
    )  # fmt: skip


async def test_admin_sees_all_most_urgent_open_first(
    deps: TriageDeps, seeded: UnitOfWorkFactory
) -> None:
    page = await _list(deps)

    assert page.total == 8
    assert _refs(page.items) == ["2", "6", "3", "7", "5", "8", "1", "4"]
    assert (page.first, page.previous, page.next) == (1, None, None)


async def test_items_carry_list_columns_only(deps: TriageDeps, seeded: UnitOfWorkFactory) -> None:
    page = await _list(deps, QueueFilters(urgency="DARURAT", status="accepted"))

    assert page.items == (
        ReportListItem(
            reference="LS-2026-000002",
            received_at=T0 + H,
            kabkota_code="31.71",
            urgency="DARURAT",
            status="accepted",
            assigned_worker_name="Sari",
            accepted_at=T0 + timedelta(hours=1, minutes=5),
            overdue=False,
        ),
    )
    assert page.items[0].received_at.tzinfo is not None
    assert "rahasia" not in repr(page)


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (QueueFilters(status="new"), ["6", "7", "5", "8", "1"]),
        (QueueFilters(status=OPEN), ["2", "6", "3", "7", "5", "8", "1"]),
        (QueueFilters(status="closed"), ["4"]),
        (QueueFilters(urgency="DARURAT"), ["2", "4"]),
        (QueueFilters(status="new", urgency="TINGGI"), ["6"]),
        (QueueFilters(status=OPEN, urgency="DARURAT"), ["2"]),
        (QueueFilters(status="visited"), []),
        (QueueFilters(province="31"), ["2", "6", "1", "4"]),  # not "310.1"
        (QueueFilters(province="32"), ["3", "5"]),
        (QueueFilters(kabkota="31.74"), ["6", "1", "4"]),
        (QueueFilters(province="31", kabkota="31.74"), ["6", "1", "4"]),
        (QueueFilters(category="penelantaran"), ["2", "6", "8", "4"]),
        (QueueFilters(category="napza"), ["3", "7", "5", "1"]),
        (QueueFilters(category="eksploitasi"), []),
        (QueueFilters(unassigned=True), ["6", "7", "5", "8", "1"]),
        (QueueFilters(received_from=T0 + 2 * H), ["6", "3", "7", "5", "8", "4"]),
        (QueueFilters(received_before=T0 + 2 * H), ["2", "1"]),
        (QueueFilters(received_from=T0 + H, received_before=T0 + 3 * H), ["2", "3"]),
        (QueueFilters(reference="LS-2026-000003"), ["3"]),
        (QueueFilters(reference="00000"), ["2", "6", "3", "7", "5", "8", "1", "4"]),
        (QueueFilters(reference="0008"), ["8"]),
        (QueueFilters(reference="%"), []),  # a wildcard is a plain character
        (QueueFilters(reference="_"), []),
    ],
    ids=repr,
)
async def test_filters(
    deps: TriageDeps, seeded: UnitOfWorkFactory, filters: QueueFilters, expected: list[str]
) -> None:
    page = await _list(deps, filters)

    assert (_refs(page.items), page.total) == (expected, len(expected))


async def test_worker_filter(deps: TriageDeps, seeded: UnitOfWorkFactory) -> None:
    async with seeded() as uow:
        sari = (await uow.session.exec(select(col(Worker.id)))).one()

    page = await _list(deps, QueueFilters(worker_id=sari))

    assert _refs(page.items) == ["2", "3", "4"]
    assert (await _list(deps, QueueFilters(worker_id=sari + 1))).total == 0


async def test_a_whole_reference_is_found_as_typed_loosely(
    deps: TriageDeps, uow_factory: UnitOfWorkFactory
) -> None:
    async with uow_factory() as uow:
        uow.session.add(_report("LS-7KQ2-M9XD", T0, urgency="SEDANG"))
        uow.session.add(_report("LS-7KQ2-M9XE", T0, urgency="SEDANG"))
        await uow.commit()

    exact = await _list(deps, QueueFilters(reference="LS7KQ2M9XD"))
    part = await _list(deps, QueueFilters(reference="7KQ2"))

    assert [i.reference for i in exact.items] == ["LS-7KQ2-M9XD"]
    assert sorted(i.reference for i in part.items) == ["LS-7KQ2-M9XD", "LS-7KQ2-M9XE"]


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

    page = await _list(deps, viewer=viewer)

    assert (_refs(page.items), page.total) == (expected, len(expected))


async def test_a_filter_cannot_widen_a_supervisors_regions(
    deps: TriageDeps, seeded: UnitOfWorkFactory
) -> None:
    viewer = StaffIdentity(id=2, username="spv", role="supervisor", region_codes=("31.74",))

    for filters in (QueueFilters(province="32"), QueueFilters(kabkota="32.73")):
        assert (await _list(deps, filters, viewer)).total == 0


async def test_supervisor_without_regions_sees_nothing(
    deps: TriageDeps, seeded: UnitOfWorkFactory
) -> None:
    viewer = StaffIdentity(id=2, username="spv", role="supervisor")

    assert (await _list(deps, viewer=viewer)).total == 0


async def test_listing_is_audited_with_filters_only(
    deps: TriageDeps, seeded: UnitOfWorkFactory
) -> None:
    filters = QueueFilters(urgency="TINGGI", received_from=T0, reference="0003")

    await _list(deps, filters, order=QueueOrder(QueueSort.RECEIVED, True))

    async with seeded() as uow:
        rows = (await uow.session.exec(select(AuditLog))).all()
        audit = [(row.at, row.actor, row.action, row.detail) for row in rows]
    detail = {
        "staff_id": 1,
        "filters": {"urgency": "TINGGI", "received_from": T0.isoformat(), "reference": "0003"},
        "sort": "received",
        "first": 1,
    }
    assert audit == [(NOW, "admin", "list_reports", detail)]


async def test_database_reachable(deps: TriageDeps, uow_factory: UnitOfWorkFactory) -> None:
    assert await database_reachable(deps)


# "Overdue now": open, and past a target it has not met, counted from receipt.


def _overdue_cases() -> list[tuple[str, dict[str, Any], bool]]:
    darurat, rendah = SLA[Urgency.DARURAT], SLA[Urgency.RENDAH]
    just = timedelta(seconds=1)
    return [
        ("accept due", {"urgency": "DARURAT", "received_at": NOW - darurat.accept - just}, True),
        ("accept not yet", {"urgency": "DARURAT", "received_at": NOW - darurat.accept}, False),
        (
            "accepted, contact not yet due",
            {"urgency": "DARURAT", "received_at": NOW - darurat.first_contact,
             "accepted_at": NOW - darurat.first_contact + just},
            False,
        ),
        (
            "accepted, contact due",
            {"urgency": "DARURAT", "received_at": NOW - darurat.first_contact - just,
             "accepted_at": NOW - darurat.first_contact},
            True,
        ),
        (
            "contacted, closure not yet due",
            {"urgency": "RENDAH", "received_at": NOW - rendah.closure + just,
             "accepted_at": NOW - rendah.closure + 2 * just,
             "first_contact_at": NOW - rendah.closure + 3 * just},
            False,
        ),
        (
            "contacted, closure due",
            {"urgency": "RENDAH", "received_at": NOW - rendah.closure - just,
             "accepted_at": NOW - rendah.closure, "first_contact_at": NOW - rendah.closure},
            True,
        ),
        (
            "closed late is not overdue now",
            {"urgency": "DARURAT", "received_at": NOW - darurat.closure * 2, "status": "closed"},
            False,
        ),
        ("unknown urgency", {"urgency": "ANEH", "received_at": NOW - 400 * timedelta(days=1)}, False),
    ]  # fmt: skip


async def test_overdue_now(deps: TriageDeps, uow_factory: UnitOfWorkFactory) -> None:
    cases = _overdue_cases()
    async with uow_factory() as uow:
        for n, (_, fields, _) in enumerate(cases):
            received = fields["received_at"]
            others = {name: value for name, value in fields.items() if name != "received_at"}
            uow.session.add(_report(f"LS-OVER-{n:04d}", received, **others))
        await uow.commit()

    listed = await _list(deps, limit=50)
    filtered = await _list(deps, QueueFilters(overdue=True), limit=50)

    flags = {item.reference: item.overdue for item in listed.items}
    expected = {f"LS-OVER-{n:04d}": late for n, (_, _, late) in enumerate(cases)}
    assert flags == expected
    assert {item.reference for item in filtered.items} == {
        r for r, late in expected.items() if late
    }
    assert filtered.total == sum(expected.values())


# Keyset pages: a reference model of every order, and walks in both directions.

WORKERS = ("Ani", "Budi", "Ani")  # two workers with the same name


@dataclass(frozen=True)
class Row:
    id: int
    reference: str
    received_at: datetime
    kabkota: str | None
    urgency: str
    status: str
    worker: int | None  # index into WORKERS


def _tie_rows() -> list[Row]:
    """Many equal keys: the same instant, urgency, status, region and worker name."""
    urgencies, statuses = ("DARURAT", "SEDANG", "SEDANG"), ("new", "assigned", "closed", "new")
    kabkota = ("32.73", None, "32.73", "31.74", "32.73")
    rows = []
    for n in range(23):
        received = T0 + H * (n % 3)  # eight rows share each instant
        rows.append(
            Row(0, f"LS-TIE-{(n * 7) % 23:04d}", received, kabkota[n % 5], urgencies[n % 3],
                statuses[n % 4], None if n % 4 == 0 else n % 3)
        )  # fmt: skip
    return rows


async def _seed_ties(uow_factory: UnitOfWorkFactory) -> tuple[list[Row], list[int]]:
    async with uow_factory() as uow:
        workers = [Worker(name=name, created_at=T0, updated_at=T0) for name in WORKERS]
        uow.session.add_all(workers)
        await uow.session.flush()
        stored = []
        for row in _tie_rows():
            worker_id = None if row.worker is None else workers[row.worker].id
            report = _report(
                row.reference, row.received_at, kabkota_code=row.kabkota, urgency=row.urgency,
                status=row.status, assigned_worker_id=worker_id,
            )  # fmt: skip
            uow.session.add(report)
            await uow.session.flush()
            assert report.id is not None
            stored.append(replace(row, id=report.id))
        await uow.commit()
    return stored, [w.id or 0 for w in workers]


URGENCY_RANK = {u.value: n for n, u in enumerate(Urgency)}
STATUS_RANK = {s: n for n, s in enumerate(("new", "assigned", "accepted", "contacted",
                                            "visited", "referred", "closed"))}  # fmt: skip


def _reference_keys(worker_ids: list[int]) -> dict[QueueSort, Callable[[Row], tuple[Any, ...]]]:
    """Each order as a Python sort key, written from the order's description."""

    def newest(row: Row) -> tuple[float, int]:
        return (-row.received_at.timestamp(), -row.id)

    def worker(row: Row) -> tuple[str, int]:
        return ("", 0) if row.worker is None else (WORKERS[row.worker], worker_ids[row.worker])

    return {
        QueueSort.PRIORITY: lambda r: (
            (10 if r.status == "closed" else 0) + URGENCY_RANK[r.urgency],
            *newest(r),
        ),
        QueueSort.REFERENCE: lambda r: (r.reference,),
        QueueSort.RECEIVED: newest,
        QueueSort.REGION: lambda r: (r.kabkota or "", *newest(r)),
        QueueSort.URGENCY: lambda r: (URGENCY_RANK[r.urgency], *newest(r)),
        QueueSort.STATUS: lambda r: (STATUS_RANK[r.status], *newest(r)),
        QueueSort.WORKER: lambda r: (*worker(r), *newest(r)),
    }


async def _next(deps: TriageDeps, order: QueueOrder, filters: QueueFilters, token: str,
                backwards: bool = False, limit: int = 4) -> Any:  # fmt: skip
    page = PageRequest(token, backwards)
    return await list_reports(deps, ADMIN, filters, order, page, limit=limit, now=NOW)


async def _walk(
    deps: TriageDeps, order: QueueOrder, limit: int, filters: QueueFilters
) -> tuple[list[Any], list[Any]]:
    """Every page forwards; then from the last one every page backwards (in list order)."""
    page = await _list(deps, filters, order=order, limit=limit)
    forwards = [page]
    while page.next is not None:
        assert len(forwards) < 50, "the pages do not come to an end"
        page = await _next(deps, order, filters, page.next, limit=limit)
        forwards.append(page)
    backwards = [page]
    while page.previous is not None:
        assert len(backwards) < 50, "the pages do not come to a start"
        page = await _next(deps, order, filters, page.previous, backwards=True, limit=limit)
        backwards.insert(0, page)
    return forwards, backwards


def _shown(pages: list[Any]) -> list[tuple[int, list[str]]]:
    return [(page.first, [item.reference for item in page.items]) for page in pages]


@pytest.mark.parametrize("descending", [False, True], ids=["ascending", "descending"])
@pytest.mark.parametrize("sort", list(QueueSort), ids=lambda s: s.value)
async def test_pages_neither_skip_nor_repeat(
    deps: TriageDeps, uow_factory: UnitOfWorkFactory, sort: QueueSort, descending: bool
) -> None:
    rows, worker_ids = await _seed_ties(uow_factory)
    expected = sorted(rows, key=_reference_keys(worker_ids)[sort], reverse=descending)

    forwards, backwards = await _walk(deps, QueueOrder(sort, descending), 4, QueueFilters())

    assert [ref for _, refs in _shown(forwards) for ref in refs] == [r.reference for r in expected]
    assert [first for first, _ in _shown(forwards)] == list(range(1, len(rows) + 1, 4))
    assert _shown(backwards) == _shown(forwards)
    assert all(page.total == len(rows) for page in forwards + backwards)


@pytest.mark.parametrize("sort", [QueueSort.WORKER, QueueSort.PRIORITY, QueueSort.REGION])
async def test_filtered_pages_follow_the_filter(
    deps: TriageDeps, uow_factory: UnitOfWorkFactory, sort: QueueSort
) -> None:
    rows, worker_ids = await _seed_ties(uow_factory)
    filters = QueueFilters(kabkota="32.73", status=OPEN)
    kept = [r for r in rows if r.kabkota == "32.73" and r.status != "closed"]
    expected = sorted(kept, key=_reference_keys(worker_ids)[sort], reverse=True)

    forwards, backwards = await _walk(deps, QueueOrder(sort, True), 2, filters)

    assert [ref for _, refs in _shown(forwards) for ref in refs] == [r.reference for r in expected]
    assert _shown(backwards) == _shown(forwards)
    assert forwards[0].total == len(kept)


async def test_worker_order_puts_the_unassigned_first_then_names(
    deps: TriageDeps, uow_factory: UnitOfWorkFactory
) -> None:
    await _seed_ties(uow_factory)

    page = await _list(deps, order=QueueOrder(QueueSort.WORKER), limit=50)

    names = [item.assigned_worker_name for item in page.items]
    assert names == sorted(names, key=lambda name: name or "")
    assert names[0] is None and names[-1] == "Budi"


async def test_a_cursor_from_another_order_or_tampered_gives_the_first_page(
    deps: TriageDeps, uow_factory: UnitOfWorkFactory
) -> None:
    await _seed_ties(uow_factory)
    first = await _list(deps, limit=4)
    assert first.next is not None

    for order, token in (
        (QueueOrder(QueueSort.RECEIVED), first.next),
        (QueueOrder(QueueSort.PRIORITY, True), first.next),
        (QueueOrder(), first.next[:-3] + "xyz"),
        (QueueOrder(), "not a cursor at all"),
        (QueueOrder(), "W10"),  # valid base64 of a JSON list, not an object
    ):
        page = await list_reports(deps, ADMIN, QueueFilters(), order, PageRequest(token),
                                  limit=4, now=NOW)  # fmt: skip
        assert page.cursor_refused, token
        assert page.first == 1 and page.previous is None


async def test_going_back_past_new_rows_keeps_the_page_boundaries(
    deps: TriageDeps, uow_factory: UnitOfWorkFactory
) -> None:
    await _seed_ties(uow_factory)
    order = QueueOrder(QueueSort.RECEIVED, descending=True)  # oldest first
    first = await _list(deps, order=order, limit=4)
    second = await _next(deps, order, QueueFilters(), first.next)
    async with uow_factory() as uow:  # two older rows now come before the first page
        for n in range(2):
            uow.session.add(_report(f"LS-NEW-{n:04d}", T0 - H, urgency="SEDANG"))
        await uow.commit()

    back = await _next(deps, order, QueueFilters(), second.previous, backwards=True)

    assert [i.reference for i in back.items] == [i.reference for i in first.items]
    assert back.previous is not None and back.first == 2


async def test_going_back_when_rows_moved_away_shows_a_full_first_page(
    deps: TriageDeps, uow_factory: UnitOfWorkFactory
) -> None:
    await _seed_ties(uow_factory)
    first = await _list(deps, limit=4)
    second = await _next(deps, QueueOrder(), QueueFilters(), first.next)
    async with uow_factory() as uow:  # two cases of the first page are closed: they move down
        moved = [item.reference for item in first.items[:2]]
        for report in (
            await uow.session.exec(select(Report).where(col(Report.reference).in_(moved)))
        ).all():
            report.status = "closed"
        await uow.commit()

    back = await _next(deps, QueueOrder(), QueueFilters(), second.previous, backwards=True)
    fresh = await _list(deps, limit=4)

    assert [i.reference for i in back.items] == [i.reference for i in fresh.items]
    assert (back.first, back.previous, len(back.items)) == (1, None, 4)


@pytest.mark.parametrize(
    ("order", "values"),
    [
        (QueueOrder(), (2**40, T0, 1)),  # beyond the integer columns
        (QueueOrder(), (0, T0, -(2**63))),
        (QueueOrder(QueueSort.REFERENCE), ("LS-\x00",)),  # PostgreSQL refuses NUL
        (QueueOrder(QueueSort.REFERENCE), ("X" * 5000,)),
        (QueueOrder(QueueSort.REGION), (12, T0, 1)),  # a number where a code belongs
        (QueueOrder(QueueSort.WORKER), ("Ani", 1, "kemarin", 1)),
    ],
    ids=repr,
)
async def test_a_forged_cursor_is_refused_not_sent_to_the_database(
    deps: TriageDeps, seeded: UnitOfWorkFactory, order: QueueOrder, values: tuple[Any, ...]
) -> None:
    token = encode_cursor(order, Cursor(values, 3))

    page = await list_reports(deps, ADMIN, QueueFilters(), order, PageRequest(token), now=NOW)

    assert page.cursor_refused and page.first == 1 and page.total == 8


def test_a_cursor_with_a_time_past_the_calendar_is_refused() -> None:
    token = encode_cursor(QueueOrder(), Cursor((0, "9999-12-31T23:59:59-05:00", 1), 1))
    token_text = base64.urlsafe_b64decode(token + "==").decode()
    assert "9999-12-31T23:59:59-05:00" in token_text

    assert decode_cursor(token, QueueOrder(), sort_keys(QueueOrder())) is None
