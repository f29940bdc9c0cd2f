"""A whole report through the webhook: the stand-in posts every update to the running
application as Telegram would, the reporter files, the worker accepts, each update stored in
the inbox once and processed."""

from __future__ import annotations

import pytest
from sqlmodel import select

from tests.e2e.harness import WEBHOOK, WEBHOOK_SECRET, eventually, running_app
from tests.e2e.test_private_logs import file_and_accept_a_report
from triage.storage.tables import InboxUpdate, Report
from triage.storage.uow import UnitOfWorkFactory

pytestmark = pytest.mark.slow


async def test_a_report_filed_and_accepted_through_the_webhook(database_url: str) -> None:
    async with running_app(database_url, **WEBHOOK) as app:
        await file_and_accept_a_report(app.stub, app.uow)

        async def processed() -> bool:  # the last handler may still be finishing
            return all(row.status != "pending" for row in await _inbox(app.uow))

        await eventually(processed)
        inbox = await _inbox(app.uow)
        async with app.uow() as uow:
            report = (await uow.session.exec(select(Report))).one()

    assert report.status == "accepted"
    assert app.stub.webhook is not None and app.stub.webhook["secret_token"] == WEBHOOK_SECRET
    assert app.stub.calls_to("getUpdates") == []
    answered = [update_id for update_id, status in app.stub.webhook_answers if status == 200]
    assert answered == list(range(1, app.stub.last_update_id + 1))  # each once, in order
    assert [row.update_id for row in inbox] == answered
    assert {(row.status, row.attempts) for row in inbox} == {("processed", 1)}


async def _inbox(uow: UnitOfWorkFactory) -> list[InboxUpdate]:
    async with uow() as unit:
        return list((await unit.session.exec(select(InboxUpdate).order_by("update_id"))).all())
