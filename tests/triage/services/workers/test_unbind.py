"""Unbinding a worker: the Telegram account and any open invite stop working at once, the
worker stays active with their cases; who may do it."""

from __future__ import annotations

from datetime import timedelta

from tests.bot.cases import file_case, report_by_reference
from tests.triage.services.workers.staffing import (
    ADMIN,
    SPV_BANDUNG,
    SPV_JAKSEL,
    add,
    audit_actions,
    worker_row,
)
from triage.services.common.deps import TriageDeps
from triage.services.workers.deactivate import deactivate_worker
from triage.services.workers.invites import RedeemOutcome, create_invite, redeem_invite
from triage.services.workers.manage import worker_by_telegram
from triage.services.workers.unbind import UnbindStatus, unbind_worker

SARI, REPORTER = 1001, 5001


async def test_the_account_stops_and_the_worker_keeps_their_cases(deps: TriageDeps) -> None:
    sari = await add(deps, "Sari", ["31.74"], telegram_user_id=SARI)
    reference = await file_case(deps, REPORTER)
    now = deps.clock()

    result = await unbind_worker(deps, ADMIN, sari, now)

    assert (result.status, result.open_cases) == (UnbindStatus.DONE, 1)
    row = await worker_row(deps, sari)
    assert row.active and row.telegram_user_id is None and row.ended_telegram_user_id == SARI
    assert await worker_by_telegram(deps, SARI) is None
    assert (await report_by_reference(deps, reference)).assigned_worker_id == sari
    logged = [(a, b, d) for a, b, d in await audit_actions(deps) if b == "worker_unbound"]
    assert logged == [("admin", "worker_unbound", {"staff_id": 1, "worker_id": sari, "cases": 1})]
    again = await unbind_worker(deps, ADMIN, sari, now)
    assert again.status is UnbindStatus.NOT_BOUND


async def test_an_open_invite_is_cancelled_too(deps: TriageDeps) -> None:
    sari = await add(deps, "Sari", ["31.74"])
    invite = await create_invite(deps, str(sari), deps.clock())

    assert (await unbind_worker(deps, ADMIN, sari, deps.clock())).status is UnbindStatus.DONE

    later = deps.clock() + timedelta(minutes=1)
    assert (await redeem_invite(deps, invite.code, SARI, later)).outcome is RedeemOutcome.INVALID
    row = await worker_row(deps, sari)
    assert row.invite_code_hash is None and row.ended_telegram_user_id is None


async def test_who_may_unbind(deps: TriageDeps) -> None:
    sari = await add(deps, "Sari", ["31.74"], telegram_user_id=SARI)
    wide = await add(deps, "Wide", ["31.74", "31.71"], telegram_user_id=SARI + 1)
    gone = await add(deps, "Gone", ["31.74"], telegram_user_id=SARI + 2)
    await deactivate_worker(deps, ADMIN, gone, "pindah", deps.clock())
    now = deps.clock()

    assert (await unbind_worker(deps, SPV_BANDUNG, sari, now)).status is UnbindStatus.HIDDEN
    assert (await unbind_worker(deps, ADMIN, 999, now)).status is UnbindStatus.HIDDEN
    assert (await unbind_worker(deps, SPV_JAKSEL, wide, now)).status is UnbindStatus.NOT_ALLOWED
    assert (await unbind_worker(deps, ADMIN, gone, now)).status is UnbindStatus.INACTIVE
    assert (await worker_row(deps, wide)).telegram_user_id == SARI + 1
    assert (await unbind_worker(deps, SPV_JAKSEL, sari, now)).status is UnbindStatus.DONE
