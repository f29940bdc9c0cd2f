"""The settings of the flood limit reach the running bot, a blocked reporter's draft stops
where it was, and a worker unbound while the app runs is told their access ended."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TypeVar

import pytest
from sqlmodel import SQLModel, select

from bot import texts
from bot.worker import texts as t
from tests.e2e.harness import running_app
from tests.e2e.helpers_worker import add_unbound_worker
from tests.support.deps import translator
from triage.services.intake.reporter import set_blocked
from triage.services.staff.accounts import StaffIdentity
from triage.services.workers.manage import create_invite
from triage.services.workers.unbind import unbind_worker
from triage.storage.tables import Draft, ProcessedUpdate
from triage.storage.uow import UnitOfWorkFactory

pytestmark = pytest.mark.slow
T = TypeVar("T", bound=SQLModel)
SARI, WARGA = 2001, 1001
ADMIN = StaffIdentity(1, "admin", "admin")


async def rows(uow: UnitOfWorkFactory, table: type[T]) -> list[T]:
    async with uow() as unit:
        return list((await unit.session.exec(select(table))).all())


async def test_a_flood_is_answered_once_with_the_configured_limit(database_url: str) -> None:
    limits = {"inbound_rate_limit_updates": 4, "inbound_rate_limit_seconds": 60}
    async with running_app(database_url, **limits) as app:
        warga = app.stub.private_user(user_id=WARGA, first_name="Warga")
        for n in range(7):
            await warga.send(f"tolong {n}")
        too_fast = translator().text("id", texts.TOO_FAST)
        await warga.wait_for(too_fast)
        await warga.wait_idle()

        assert [m.text for m in warga.messages].count(too_fast) == 1
        assert len(warga.messages) == 5  # four answered, one notice, two dropped
        assert len(await rows(app.uow, ProcessedUpdate)) == 4


async def test_a_reporter_blocked_mid_report_gets_no_further(database_url: str) -> None:
    async with running_app(database_url) as app:
        warga = app.stub.private_user(user_id=WARGA, first_name="Warga")
        await warga.command("/start")
        consent = await warga.wait_for(lambda m: bool(m.button_texts()))
        await warga.press(consent.button_texts()[0])
        await warga.wait_for()
        before = [(d.step, d.answers, d.version) for d in await rows(app.uow, Draft)]
        await set_blocked(app.deps, WARGA, True, actor="cli")

        await warga.send_photo("AgAC-foto-1")
        await warga.wait_for(translator().text("id", texts.BLOCKED))

        assert [(d.step, d.answers, d.version) for d in await rows(app.uow, Draft)] == before


async def test_a_worker_unbound_while_the_app_runs_is_told_their_access_ended(
    database_url: str,
) -> None:
    async with running_app(database_url) as app:
        sari_id = await add_unbound_worker(app.uow, "Sari Peksos", ["31.74"])
        invite = await create_invite(app.deps, "Sari Peksos", datetime.now(UTC))
        sari = app.stub.private_user(user_id=SARI, first_name="Sari", username="sari_p")
        await sari.command("/start", f"w-{invite.code}")
        await sari.wait_for("Selamat datang")

        await unbind_worker(app.deps, ADMIN, sari_id, datetime.now(UTC))
        await sari.command("/bertugas")

        await sari.wait_for(translator().text("id", t.ACCESS_ENDED))
