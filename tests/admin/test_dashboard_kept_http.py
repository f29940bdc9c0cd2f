"""The dashboard's kept figures over HTTP: two app instances on one database, each keeping
its own; a change made through one, or a deadline falling due, shows on the other's next
page, which is the page a fresh instance renders."""

from __future__ import annotations

import re

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer
from sqlmodel import col, select

from admin.presentation import dashboard_shown
from admin.presentation.dashboard_shown import ShownDashboards
from admin.state import ADMIN
from admin.web import create_admin_app
from tests.admin.conftest import SECRET_KEY
from tests.admin.seed import log_in, seed_staff
from tests.support.deps import Clock, make_deps
from tests.triage.services.dashboard.seed import NOW, D, seed_cases
from tests.triage.services.dashboard.test_overview import CASES
from triage.services.dashboard.model import Dashboard
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


async def _close(uow_factory: UnitOfWorkFactory, reference: str) -> None:
    async with uow_factory() as uow:
        query = select(Report).where(col(Report.reference) == reference)
        report = (await uow.session.exec(query)).one()
        report.status, report.closed_at = "closed", NOW
        await uow.commit()


async def test_a_change_elsewhere_keeps_a_supervisor_s_drawing(
    uow_factory: UnitOfWorkFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Any change makes the supervisor's kept figures stale; recomputed and equal, they are
    shown with the drawing already made. A change to their own figures is drawn anew."""
    await seed_staff(uow_factory)
    await seed_cases(uow_factory, CASES)
    computed: list[Dashboard] = []
    drawn: list[Dashboard] = []
    real_get, real_shown = ShownDashboards.get, dashboard_shown.shown
    monkeypatch.setattr(
        ShownDashboards, "get", lambda kept, r, w: computed.append(r) or real_get(kept, r, w)
    )
    monkeypatch.setattr(dashboard_shown, "shown", lambda r, w: drawn.append(r) or real_shown(r, w))
    client = await _client(uow_factory, Clock(NOW))
    try:
        await log_in(client, "spv.bandung")
        before = await _page(client)

        await _close(uow_factory, "LS-E")  # Kota Jakarta Selatan: outside their regions
        elsewhere = await _page(client)
        await _close(uow_factory, "LS-D")  # Kota Bandung: theirs
        theirs = await _page(client)

        assert len(computed) == 3 and len({id(result) for result in computed}) == 3
        assert drawn == [computed[0], computed[2]]
        assert elsewhere == before and theirs != before
        assert "TINGGI" in before
    finally:
        await client.close()
