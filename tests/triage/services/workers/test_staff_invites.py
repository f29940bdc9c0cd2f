"""Invite links made from the admin view: the CLI's code, scope, binding and the bot's name."""

from __future__ import annotations

import re

from tests.triage.services.workers.staffing import ADMIN, SPV_BANDUNG, SPV_JAKSEL, add, worker_row
from triage.services.common.deps import TriageDeps
from triage.services.workers.invites import RedeemOutcome, invite_code_from_start, redeem_invite
from triage.services.workers.staff_invites import InviteLink, InviteRefusal, invite_from_admin

LINK = re.compile(r"https://t\.me/lapor_test_bot\?start=(w-[A-Za-z0-9_-]{22,})")


async def test_a_link_is_shown_once_and_only_its_hash_is_kept(deps: TriageDeps) -> None:
    deps.bot_username = "lapor_test_bot"
    sari = await add(deps, "Sari", ["31.74"])

    made = await invite_from_admin(deps, SPV_JAKSEL, sari, deps.clock(), rebind=False)

    assert isinstance(made, InviteLink) and made.name == "Sari"
    match = LINK.fullmatch(made.url)
    assert match is not None
    code = invite_code_from_start(match.group(1))
    assert code is not None
    row = await worker_row(deps, sari)
    assert row.invite_code_hash is not None and code not in row.invite_code_hash
    redeemed = await redeem_invite(deps, code, 4242, deps.clock())
    assert redeemed.outcome is RedeemOutcome.BOUND
    assert (await worker_row(deps, sari)).telegram_user_id == 4242


async def test_refusals(deps: TriageDeps) -> None:
    bound = await add(deps, "Bound", ["31.74"], telegram_user_id=1)
    wide = await add(deps, "Wide", ["31.74", "32.73"])
    gone = await add(deps, "Gone", ["31.74"], active=False)
    now = deps.clock()

    assert await invite_from_admin(deps, ADMIN, bound, now, rebind=False) is InviteRefusal.BOUND
    assert await invite_from_admin(deps, ADMIN, bound, now, rebind=True) is InviteRefusal.NO_BOT
    assert await invite_from_admin(deps, SPV_BANDUNG, bound, now, rebind=True) is (
        InviteRefusal.HIDDEN
    )
    assert await invite_from_admin(deps, SPV_JAKSEL, wide, now, rebind=False) is (
        InviteRefusal.NOT_ALLOWED
    )
    assert await invite_from_admin(deps, ADMIN, gone, now, rebind=False) is InviteRefusal.INACTIVE
    assert (await worker_row(deps, wide)).invite_code_hash is None
