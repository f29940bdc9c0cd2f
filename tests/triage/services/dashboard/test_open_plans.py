"""The open cases now are counted from their partial index, not the whole table (SQLite's
plans; PostgreSQL's planner picks by statistics a test's few rows do not have, and
bench/bench_admin.py shows it at a million reports)."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import and_, func, select, true
from sqlmodel import col

from triage.domain.case import OPEN_STATUSES
from triage.domain.model import Urgency
from triage.services.cases.queries import region_scope
from triage.services.common.deps import TriageDeps
from triage.services.dashboard.overview import scope
from triage.services.dashboard.queries import (
    OPEN_INDEX_HINT,
    open_groups,
    open_now,
    open_per_region,
)
from triage.services.staff.accounts import StaffIdentity
from triage.storage.tables import Report
from triage.storage.tables.cases import OPEN_CASES

ADMIN = StaffIdentity(id=1, username="admin", role="admin")
SUPERVISOR = StaffIdentity(id=2, username="spv", role="supervisor", region_codes=("32",))


def test_the_literal_names_every_open_status_and_only_those() -> None:
    named = OPEN_CASES.split("(", 1)[1].rstrip(")").replace("'", "").split(", ")
    assert named == sorted(status.value for status in OPEN_STATUSES)


async def _plan(deps: TriageDeps, query: Any) -> str:
    async with deps.uow() as uow:
        connection = await uow.session.connection()
        compiled = query.compile(
            connection.engine.sync_engine, compile_kwargs={"render_postcompile": True}
        )
        params = tuple(compiled.params[name] for name in compiled.positiontup or ())
        rows = await connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {compiled}", params)
        return "\n".join(str(row[-1]) for row in rows)


@pytest.mark.parametrize(
    ("viewer", "urgency"),
    [(ADMIN, None), (ADMIN, Urgency.DARURAT), (SUPERVISOR, None)],
    ids=["admin", "darurat", "province"],
)
async def test_open_groups_read_the_open_index_alone(
    deps: TriageDeps, database_url: str, viewer: StaffIdentity, urgency: Urgency | None
) -> None:
    if not database_url.startswith("sqlite"):
        pytest.skip("SQLite's plans; PostgreSQL's are shown by bench/bench_admin.py")
    keys = (
        col(Report.urgency),
        col(Report.status),
        col(Report.kabkota_code),
        col(Report.assigned_worker_id),
    )
    async with deps.uow() as uow:
        await open_groups(uow.session, scope(viewer, urgency))  # the hint is accepted
    query = select(*keys, func.count()).where(scope(viewer, urgency), open_now()).group_by(*keys)

    plan = await _plan(deps, query.with_hint(Report, OPEN_INDEX_HINT, dialect_name="sqlite"))

    assert "COVERING INDEX ix_report_open" in plan, plan
    assert "TEMP B-TREE" not in plan, plan


async def test_open_cases_per_region_read_the_open_index(
    deps: TriageDeps, database_url: str
) -> None:
    if not database_url.startswith("sqlite"):
        pytest.skip("SQLite's plans; PostgreSQL's are shown by bench/bench_admin.py")
    region = col(Report.kabkota_code)
    where = and_(region_scope(ADMIN), true())
    query = select(region, func.count()).where(where, open_now()).group_by(region)
    async with deps.uow() as uow:
        await open_per_region(uow.session, where)  # the hint is accepted

    hinted = query.with_hint(Report, OPEN_INDEX_HINT, dialect_name="sqlite")
    assert "COVERING INDEX ix_report_open" in await _plan(deps, hinted)
