"""Every queue order is read through an index, never by sorting the table (SQLite's plans).

PostgreSQL's planner picks by table statistics, which a test's few rows do not have; the
indexes it uses at 100,000 cases are shown by bench/bench_queue.py.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from triage.services.cases.queries import _List, _list_query
from triage.services.cases.queue_cursor import Cursor
from triage.services.cases.queue_query import OPEN, QueueFilters, QueueOrder, QueueSort
from triage.services.cases.queue_sql import conditions, queue_parts, sort_keys
from triage.services.common.deps import TriageDeps
from triage.services.staff.accounts import StaffIdentity

NOW = datetime(2026, 11, 23, 1, 0, tzinfo=UTC)
ADMIN = StaffIdentity(id=1, username="admin", role="admin")
# On SQLite every index ends in the rowid (`report.id`), so ix_report_received_at is
# (received_at, id) too: the planner may take either.
INDEXES = {
    QueueSort.PRIORITY: "ix_report_queue_rank",
    QueueSort.REFERENCE: "sqlite_autoindex_report_1",  # the unique reference
    QueueSort.RECEIVED: ("ix_report_received_id", "ix_report_received_at"),
    QueueSort.REGION: "ix_report_region_key",
    QueueSort.URGENCY: "ix_report_urgency_rank",
    QueueSort.STATUS: "ix_report_status_rank",
    QueueSort.WORKER: "ix_worker_name",
}
SAMPLE = {
    QueueSort.PRIORITY: (1, NOW, 5),
    QueueSort.REFERENCE: ("LS-0000-0000",),
    QueueSort.RECEIVED: (NOW, 5),
    QueueSort.REGION: ("32.73", NOW, 5),
    QueueSort.URGENCY: (1, NOW, 5),
    QueueSort.STATUS: (1, NOW, 5),
    QueueSort.WORKER: ("Sari", 3, NOW, 5),
}


async def _plans(deps: TriageDeps, order: QueueOrder, filters: QueueFilters, deep: bool) -> str:
    """The plans of every query a page read may run (each part, each seek branch)."""
    where = conditions(ADMIN, filters, NOW, deps.rules)
    parts = tuple((part, _list_query(part, where, NOW, deps.rules)) for part in queue_parts(order))
    cursor = Cursor(SAMPLE[order.sort], 2) if deep else None
    lines = []
    async with deps.uow() as uow:
        connection = await uow.session.connection()
        for queries in _List(order, parts).stretches(cursor, backwards=False):
            for query in queries:
                # With bound parameters, as the page runs it (literals can change the plan).
                compiled = query.limit(26).compile(
                    connection.engine.sync_engine, compile_kwargs={"render_postcompile": True}
                )
                params = tuple(compiled.params[name] for name in compiled.positiontup or ())
                plan = await connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {compiled}", params)
                lines += [str(row[-1]) for row in plan]
    return "\n".join(lines)


@pytest.mark.parametrize("deep", [False, True], ids=["first", "deep"])
@pytest.mark.parametrize("descending", [False, True], ids=["natural", "reversed"])
@pytest.mark.parametrize("sort", list(QueueSort), ids=lambda s: s.value)
async def test_each_order_seeks_through_its_index(
    deps: TriageDeps, database_url: str, sort: QueueSort, descending: bool, deep: bool
) -> None:
    if not database_url.startswith("sqlite"):
        pytest.skip("SQLite's plans; PostgreSQL's are measured by bench/bench_queue.py")

    plan = await _plans(deps, QueueOrder(sort, descending), QueueFilters(), deep)

    wanted = INDEXES[sort]
    assert any(index in plan for index in (wanted if isinstance(wanted, tuple) else (wanted,)))
    assert "TEMP B-TREE" not in plan, plan
    assert len(sort_keys(QueueOrder(sort))) == len(SAMPLE[sort])


@pytest.mark.parametrize(
    ("filters", "index"),
    [
        (QueueFilters(kabkota="32.73"), "ix_report_kabkota_queue"),
        (QueueFilters(status=OPEN, overdue=True), "ix_report_queue_rank"),
        (QueueFilters(unassigned=True), "ix_report_worker_queue"),
        (QueueFilters(worker_id=3, status=OPEN), "ix_report_worker_queue"),
    ],
    ids=repr,
)
async def test_common_filters_keep_the_default_order_on_an_index(
    deps: TriageDeps, database_url: str, filters: QueueFilters, index: str
) -> None:
    if not database_url.startswith("sqlite"):
        pytest.skip("SQLite's plans; PostgreSQL's are measured by bench/bench_queue.py")

    plan = await _plans(deps, QueueOrder(), filters, deep=True)

    assert index in plan and "TEMP B-TREE" not in plan, plan
