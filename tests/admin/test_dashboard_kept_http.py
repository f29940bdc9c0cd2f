"""The dashboard's kept figures over HTTP: two app instances on one database, each keeping
its own; a change made through one, or a deadline falling due, shows on the other's next
page, which is the page a fresh instance renders."""

from __future__ import annotations

import re

from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer
from sqlmodel import col, select

from admin.state import ADMIN
from admin.web import create_admin_app
from tests.admin.conftest import SECRET_KEY
from tests.admin.seed import log_in, seed_staff
from tests.support.deps import Clock, make_deps
from tests.triage.services.dashboard.seed import NOW, D, seed_cases
from tests.triage.services.dashboard.test_overview import CASES
from triage.storage.tables import Report
from triage.storage.uow import UnitOfWorkFactory

Client = TestClient[web.Request, web.Application]
PERIOD = "/dashboard?from=2026-11-02&to=2026-11-22"


async def _client(uow_factory: UnitOfWorkFactory, clock: Clock) -> Client:
    deps = make_deps(uow_factory, clock=clock)
    app = create_admin_app(deps=deps, secret_key=SECRET_KEY, min_cases=1)  # every figure shown
    client: Client = TestClient(TestServer(app))
    await client.start_server()
    await log_in(client)
    return client


async def _page(client: Client) -> str:
    response = await client.get(PERIOD)
    assert response.status == 200
    return re.sub(r'name="csrf_token" value="[^"]*"', "", await response.text())


async def _fresh_page(uow_factory: UnitOfWorkFactory, clock: Clock) -> str:
    """The page of an instance that has kept nothing yet."""
    fresh = await _client(uow_factory, clock)
    try:
        return await _page(fresh)
    finally:
        await fresh.close()


async def test_another_instance_s_change_and_a_deadline_falling_due_show(
    uow_factory: UnitOfWorkFactory, other_uow_factory: UnitOfWorkFactory
) -> None:
    await seed_staff(uow_factory)
    await seed_cases(uow_factory, CASES)
    clock = Clock(NOW)
    first, second = await _client(uow_factory, clock), await _client(other_uow_factory, clock)
    try:
        before = await _page(first)
        assert "6 kasus belum ditutup" in before
        assert await _page(first) == before
        assert len(first.app[ADMIN].dashboards) == 1
        assert await _page(second) == before

        async with other_uow_factory() as uow:  # the other instance closes a case
            query = select(Report).where(col(Report.reference) == "LS-D")
            report = (await uow.session.exec(query)).one()
            report.status, report.closed_at = "closed", NOW
            await uow.commit()
        changed = await _page(first)
        assert "5 kasus belum ditutup" in changed
        assert changed == await _fresh_page(uow_factory, clock)
        clock.now = NOW + D  # the running deadlines fall due (seed.py)
        await log_in(first)  # a day later: the sessions have expired
        await log_in(second)
        due = await _page(first)
        assert due == await _fresh_page(uow_factory, clock) == await _page(second)
    finally:
        await first.close()
        await second.close()


async def _page_at(client: Client, path: str) -> str:
    response = await client.get(path)
    assert response.status == 200
    return re.sub(r'name="csrf_token" value="[^"]*"', "", await response.text())


async def test_repeated_views_in_either_language_are_a_fresh_instance_s_page(
    uow_factory: UnitOfWorkFactory,
) -> None:
    """The charts and tables of a kept dashboard are made once per language and reused."""
    await seed_staff(uow_factory)
    await seed_cases(uow_factory, CASES)
    clock = Clock(NOW)
    first = await _client(uow_factory, clock)
    try:
        pages = {}
        for lang in ("id", "en", "id", "en"):
            page = await _page_at(first, f"{PERIOD}&lang={lang}")
            assert pages.setdefault(lang, page) == page
        assert "6 kasus belum ditutup" in pages["id"] and "6 kasus belum ditutup" not in pages["en"]
        for lang, page in pages.items():
            fresh = await _client(uow_factory, clock)
            try:
                assert await _page_at(fresh, f"{PERIOD}&lang={lang}") == page
            finally:
                await fresh.close()
    finally:
        await first.close()
