"""One-time invite links on SQLite and PostgreSQL: created as a hash, redeemed once, rebinding."""

from __future__ import annotations

import hashlib
import re
from datetime import timedelta

import pytest

from tests.triage.services.workers.helpers import (
    GOOD,
    HEADER,
    NOW,
    audit_entries,
    worker_rows,
    workers_by_name,
)
from triage.services.common.deps import TriageDeps
from triage.services.workers.invites import (
    RedeemOutcome,
    create_invite,
    invite_code_from_start,
    invite_link,
    redeem_invite,
)
from triage.services.workers.manage import import_workers_csv, worker_by_telegram
from triage.services.workers.records import WorkerAdminError, WorkerInfo
from triage.storage.uow import UnitOfWorkFactory

CODE = "AbCdEfGhIjKlMnOpQrSt_-"  # 22 characters, like secrets.token_urlsafe(16)


def test_invite_links() -> None:
    assert invite_link("@LaporSosialBot", CODE) == f"https://t.me/LaporSosialBot?start=w-{CODE}"
    assert re.fullmatch(r"[A-Za-z0-9_-]{1,64}", "w-" + CODE)
    assert invite_code_from_start(f"w-{CODE}") == CODE
    for payload in [CODE, "w-", "w-short", f"w-{CODE}!", "report"]:
        assert invite_code_from_start(payload) is None
    with pytest.raises(ValueError, match="username"):
        invite_link("bad name", CODE)


async def test_invite_is_stored_as_a_hash_and_binds_once(
    deps: TriageDeps, uow_factory: UnitOfWorkFactory, regions
):
    await import_workers_csv(deps, GOOD, regions, NOW)

    invite = await create_invite(deps, "  budi santoso ", NOW)

    assert len(invite.code) >= 22
    assert len("w-" + invite.code) <= 64
    budi = (await workers_by_name(uow_factory))["Budi Santoso"]
    assert (invite.worker_id, invite.name) == (budi.id, "Budi Santoso")
    assert budi.invite_code_hash == hashlib.sha256(invite.code.encode()).hexdigest()
    bound = await redeem_invite(deps, invite.code, 2002, NOW)
    assert bound.outcome is RedeemOutcome.BOUND
    assert bound.worker == WorkerInfo(
        budi.id or 0, "Budi Santoso", "worker", ("31.71", "32.73"), True, 2002
    )
    stored = (await workers_by_name(uow_factory))["Budi Santoso"]
    assert (stored.telegram_user_id, stored.invite_code_hash) == (2002, None)
    replay = await redeem_invite(deps, invite.code, 2002, NOW)
    assert replay.outcome is RedeemOutcome.INVALID
    assert (await redeem_invite(deps, "x" * 22, 2002, NOW)).outcome is RedeemOutcome.INVALID
    actions = [(actor, action) for actor, action, _ in await audit_entries(uow_factory)]
    assert actions[1:] == [
        ("cli", "worker_invite_created"),
        ("telegram:2002", "worker_invite_redeemed"),
    ]


async def test_a_new_invite_replaces_the_old_one(
    deps: TriageDeps, uow_factory: UnitOfWorkFactory, regions
):
    await import_workers_csv(deps, GOOD, regions, NOW)
    old = await create_invite(deps, "Budi Santoso", NOW)
    new = await create_invite(deps, str(old.worker_id), NOW)

    assert old.code != new.code
    assert (await redeem_invite(deps, old.code, 2002, NOW)).outcome is RedeemOutcome.INVALID
    assert (await redeem_invite(deps, new.code, 2002, NOW)).outcome is RedeemOutcome.BOUND


async def test_an_account_that_is_already_a_worker_is_refused(
    deps: TriageDeps, uow_factory, regions
):
    await import_workers_csv(deps, GOOD, regions, NOW)
    invite = await create_invite(deps, "Budi Santoso", NOW)

    taken = await redeem_invite(deps, invite.code, 1001, NOW)  # Sari's account

    assert (taken.outcome, taken.worker) == (RedeemOutcome.ACCOUNT_TAKEN, None)
    assert (await redeem_invite(deps, invite.code, 2002, NOW)).outcome is RedeemOutcome.BOUND


async def test_bound_workers_are_invited_again_only_to_rebind(
    deps: TriageDeps, uow_factory, regions
):
    await import_workers_csv(deps, GOOD, regions, NOW)
    with pytest.raises(WorkerAdminError, match="already bound"):
        await create_invite(deps, "Sari Dewi", NOW)

    same = await create_invite(deps, "Sari Dewi", NOW, rebind=True)
    assert (await redeem_invite(deps, same.code, 1001, NOW)).outcome is (
        RedeemOutcome.ALREADY_BOUND_TO_YOU
    )
    moved = await create_invite(deps, "Sari Dewi", NOW, rebind=True)
    result = await redeem_invite(deps, moved.code, 5005, NOW)
    assert result.outcome is RedeemOutcome.BOUND
    assert await worker_by_telegram(deps, 1001) is None
    assert result.worker == await worker_by_telegram(deps, 5005)


async def test_invite_needs_one_worker(deps: TriageDeps, uow_factory: UnitOfWorkFactory, regions):
    twins = f"{HEADER}\nBudi,1,worker,31.74,true,\nBudi,2,worker,31.71,true,\n"
    await import_workers_csv(deps, twins, regions, NOW)
    ids = sorted(w.id or 0 for w in await worker_rows(uow_factory))

    with pytest.raises(WorkerAdminError, match=f"ids {ids[0]}, {ids[1]}"):
        await create_invite(deps, "budi", NOW, rebind=True)
    with pytest.raises(WorkerAdminError, match="no worker has this name"):
        await create_invite(deps, "Nobody", NOW)
    with pytest.raises(WorkerAdminError, match="no worker with id 999"):
        await create_invite(deps, "#999", NOW)


async def test_an_invite_works_until_its_lifetime_ends_and_then_changes_nothing(
    deps: TriageDeps, uow_factory: UnitOfWorkFactory, regions
):
    deps.invite_ttl = timedelta(hours=2)  # INVITE_TTL_HOURS=2
    await import_workers_csv(deps, GOOD, regions, NOW)
    late = await create_invite(deps, "Budi Santoso", NOW)
    assert late.expires_at == NOW + timedelta(hours=2)
    before = (await workers_by_name(uow_factory))["Budi Santoso"]
    assert before.invite_expires_at == NOW + timedelta(hours=2)

    expired = await redeem_invite(deps, late.code, 2002, NOW + timedelta(hours=2), username="b")

    assert (expired.outcome, expired.worker) == (RedeemOutcome.EXPIRED, None)
    after = (await workers_by_name(uow_factory))["Budi Santoso"]
    unchanged = ("telegram_user_id", "invite_code_hash", "invite_redeemed_at", "updated_at")
    assert [getattr(after, f) for f in unchanged] == [getattr(before, f) for f in unchanged]
    assert after.telegram_user_id is None and after.invite_redeemed_username is None
    assert await worker_by_telegram(deps, 2002) is None
    entries = await audit_entries(uow_factory)
    assert entries[-1] == ("telegram:2002", "worker_invite_expired", {"worker_id": before.id})
    fresh = await create_invite(deps, "Budi Santoso", NOW + timedelta(hours=3))
    in_time = NOW + timedelta(hours=4, minutes=59)
    assert (await redeem_invite(deps, fresh.code, 2002, in_time)).outcome is RedeemOutcome.BOUND


async def test_the_redeeming_account_is_kept_for_the_admin_page(
    deps: TriageDeps, uow_factory: UnitOfWorkFactory, regions
):
    await import_workers_csv(deps, GOOD, regions, NOW)
    invite = await create_invite(deps, "Budi Santoso", NOW)
    later = NOW + timedelta(minutes=5)

    await redeem_invite(deps, invite.code, 2002, later, username="budi_s")

    budi = (await workers_by_name(uow_factory))["Budi Santoso"]
    assert (budi.telegram_user_id, budi.invite_redeemed_username) == (2002, "budi_s")
    assert budi.invite_redeemed_at == later and budi.invite_expires_at is None
    for account, strange in enumerate((None, "", "<script>", "x" * 65), start=3000):
        again = await create_invite(deps, "Budi Santoso", NOW, rebind=True)
        bound = await redeem_invite(deps, again.code, account, later, username=strange)
        assert bound.outcome is RedeemOutcome.BOUND
        row = (await workers_by_name(uow_factory))["Budi Santoso"]
        assert row.invite_redeemed_username is None, strange


async def test_moving_to_another_account_ends_the_old_ones_access(
    deps: TriageDeps, uow_factory: UnitOfWorkFactory, regions
):
    await import_workers_csv(deps, GOOD, regions, NOW)
    moved = await create_invite(deps, "Sari Dewi", NOW, rebind=True)

    await redeem_invite(deps, moved.code, 5005, NOW)

    sari = (await workers_by_name(uow_factory))["Sari Dewi"]
    assert (sari.telegram_user_id, sari.ended_telegram_user_id) == (5005, 1001)
    back = await create_invite(deps, "Sari Dewi", NOW, rebind=True)
    await redeem_invite(deps, back.code, 1001, NOW)
    sari = (await workers_by_name(uow_factory))["Sari Dewi"]
    assert (sari.telegram_user_id, sari.ended_telegram_user_id) == (1001, 5005)
