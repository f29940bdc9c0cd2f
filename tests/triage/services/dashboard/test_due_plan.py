"""The next deadline falling due is read in due order from `ix_deadline_due` and the first
match ends the read (SQLite's plan; PostgreSQL's planner picks by statistics)."""

from __future__ import annotations

import pytest

from tests.triage.services.dashboard.seed import NOW
from tests.triage.services.dashboard.test_open_plans import _plan
from triage.services.common.deps import TriageDeps
from triage.services.dashboard.queries import next_due, next_due_query


async def test_the_next_due_time_is_read_in_due_order(deps: TriageDeps, database_url: str) -> None:
    if not database_url.startswith("sqlite"):
        pytest.skip("SQLite's plans")
    async with deps.uow() as uow:
        assert await next_due(uow.session, NOW) is None  # no deadline at all; the hint is taken

    plan = await _plan(deps, next_due_query(NOW))

    assert "USING INDEX ix_deadline_due (status=? AND due_at>?)" in plan, plan
    assert "TEMP B-TREE" not in plan, plan
