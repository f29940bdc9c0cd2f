"""Whether a Telegram account may act as a worker: bound, ended (deactivated, unbound,
moved to another account) or never a worker; an ended account's attempt is audited."""

from __future__ import annotations

from tests.triage.services.workers.staffing import ADMIN, add, audit_actions
from triage.services.common.deps import TriageDeps
from triage.services.workers.access import WorkerAccess, worker_access
from triage.services.workers.deactivate import deactivate_worker
from triage.services.workers.invites import create_invite, redeem_invite
from triage.services.workers.unbind import unbind_worker

SARI, BUDI, STRANGER = 1001, 1002, 9009


async def test_bound_ended_and_strangers(deps: TriageDeps) -> None:
    sari = await add(deps, "Sari", ["31.74"], telegram_user_id=SARI)
    budi = await add(deps, "Budi", ["31.74"], telegram_user_id=BUDI)
    assert await worker_access(deps, SARI, "tugas") is WorkerAccess.ACTIVE
    assert await worker_access(deps, STRANGER, "tugas") is WorkerAccess.NONE

    await deactivate_worker(deps, ADMIN, sari, "berhenti", deps.clock())
    await unbind_worker(deps, ADMIN, budi, deps.clock())

    assert await worker_access(deps, SARI, "accept") is WorkerAccess.ENDED
    assert await worker_access(deps, BUDI, "libur") is WorkerAccess.ENDED
    refused = [(a, d) for a, b, d in await audit_actions(deps) if b == "refused_action"]
    assert refused == [
        (f"telegram:{SARI}", {"attempted": "accept", "worker_id": sari, "why": "access_ended"}),
        (f"telegram:{BUDI}", {"attempted": "libur", "worker_id": budi, "why": "access_ended"}),
    ]


async def test_an_account_invited_again_is_active_again(deps: TriageDeps) -> None:
    sari = await add(deps, "Sari", ["31.74"], telegram_user_id=SARI)
    other = await add(deps, "Other", ["31.74"])
    await unbind_worker(deps, ADMIN, sari, deps.clock())
    invite = await create_invite(deps, str(other), deps.clock())

    await redeem_invite(deps, invite.code, SARI, deps.clock())

    assert await worker_access(deps, SARI, "tugas") is WorkerAccess.ACTIVE


async def test_a_deactivated_row_that_kept_its_account_is_ended(deps: TriageDeps) -> None:
    sari = await add(deps, "Sari", ["31.74"], telegram_user_id=SARI, active=False)
    assert sari
    assert await worker_access(deps, SARI, "tugas") is WorkerAccess.ENDED
