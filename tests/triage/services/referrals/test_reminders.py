"""Reminders about quiet referrals on SQLite and PostgreSQL: after seven days without an
update, once per quiet week, to the case's worker, never for a finished referral or case."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from tests.triage.services.cases.helpers import SARI, START, World, new_case, rows
from tests.triage.services.referrals.helpers import add_service
from triage.services.cases.accept import accept_case
from triage.services.cases.progress import close_case
from triage.services.referrals.actions import refer_to_service, update_referral
from triage.services.referrals.reminders import remind_quiet_referrals
from triage.storage.tables import OutboxMessage, ReferralRow


async def _referred(world: World) -> tuple[int, int]:
    service_id = await add_service(world.deps.uow, "UPTD PPA Jaksel", "uptd_ppa", ["31.74"])
    assignment_id = await new_case(world)
    await accept_case(world.deps, SARI, assignment_id)
    await refer_to_service(world.deps, SARI, assignment_id, service_id)
    (row,) = await rows(world, ReferralRow)
    assert row.id is not None
    return assignment_id, row.id


async def _reminders(world: World) -> list[OutboxMessage]:
    return [m for m in await rows(world, OutboxMessage) if m.dedup_key.startswith("referral:")]


async def test_a_quiet_referral_is_remembered_weekly_until_it_moves_on(world: World) -> None:
    assignment_id, referral_id = await _referred(world)
    world.clock.now = START + timedelta(days=6, hours=23)
    assert await remind_quiet_referrals(world.deps) == 0

    world.clock.now = START + timedelta(days=7)
    both = await asyncio.gather(
        remind_quiet_referrals(world.deps), remind_quiet_referrals(world.deps)
    )
    assert sum(both) == 1
    (reminder,) = await _reminders(world)
    assert reminder.chat_id == SARI
    assert "rujukan ke UPTD PPA Jaksel (terkirim) belum diperbarui" in reminder.text
    buttons = (reminder.reply_markup or {})["inline_keyboard"]
    assert buttons[0][0]["callback_data"] == f"w:open:{assignment_id}"

    world.clock.now += timedelta(days=3)
    assert await remind_quiet_referrals(world.deps) == 0
    world.clock.now += timedelta(days=4)
    assert await remind_quiet_referrals(world.deps) == 1  # a second quiet week

    await update_referral(world.deps, SARI, assignment_id, referral_id, "accepted")
    world.clock.now += timedelta(days=6)
    assert await remind_quiet_referrals(world.deps) == 0  # the update started a new week
    world.clock.now += timedelta(days=1)
    assert await remind_quiet_referrals(world.deps) == 1
    assert len(await _reminders(world)) == 3


async def test_no_reminder_for_a_finished_referral_or_a_closed_case(world: World) -> None:
    assignment_id, referral_id = await _referred(world)
    await update_referral(world.deps, SARI, assignment_id, referral_id, "declined")
    other = await add_service(world.deps.uow, "LBH Jakarta", "lbh", ["31"])
    await refer_to_service(world.deps, SARI, assignment_id, other)
    await close_case(world.deps, SARI, assignment_id, "handled")

    world.clock.now = START + timedelta(days=30)

    assert await remind_quiet_referrals(world.deps) == 0
    assert await _reminders(world) == []
