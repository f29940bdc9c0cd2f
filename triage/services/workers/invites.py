"""One-time invite links that bind a Telegram account to a worker record; each works for
`deps.invite_ttl` (INVITE_TTL_HOURS) after it is made. Imports storage."""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from sqlalchemy import update
from sqlalchemy.exc import IntegrityError
from sqlmodel import col, select

from triage.services.common.deps import TriageDeps
from triage.services.common.events import audit
from triage.services.workers.records import (
    WorkerAdminError,
    WorkerInfo,
    ended_account,
    find_by_telegram,
    find_one,
    worker_info,
)
from triage.storage.tables import Worker
from triage.storage.uow import UnitOfWork

INVITE_PREFIX = "w-"  # the /start payload is "w-" + code; Telegram allows 64 characters
INVITE_BYTES = 16  # 128 random bits: 22 URL-safe characters
_INVITE_CODE = re.compile(r"[A-Za-z0-9_-]{22,62}")
_BOT_USERNAME = re.compile(r"[A-Za-z][A-Za-z0-9_]{3,31}")
_TELEGRAM_USERNAME = re.compile(r"[A-Za-z0-9_]{1,64}")  # kept only if it looks like one


@dataclass(frozen=True, slots=True)
class Invite:
    """A fresh one-time code; only its hash is stored, so it can be shown only now."""

    worker_id: int
    name: str
    code: str
    expires_at: datetime


class RedeemOutcome(StrEnum):
    BOUND = "bound"
    ALREADY_BOUND_TO_YOU = "already_bound_to_you"
    INVALID = "invalid"  # unknown or already used: the same answer for both
    EXPIRED = "expired"  # the right code, too late: a new link is needed
    ACCOUNT_TAKEN = "account_taken"  # this Telegram account is already another worker


@dataclass(frozen=True, slots=True)
class RedeemResult:
    outcome: RedeemOutcome
    worker: WorkerInfo | None = None  # set when BOUND or ALREADY_BOUND_TO_YOU


def _code_hash(code: str) -> str:
    return hashlib.sha256(code.encode("ascii")).hexdigest()


def invite_link(bot_username: str, code: str) -> str:
    """The deep link that opens the bot with the invite: https://t.me/<bot>?start=w-<code>."""
    bot = bot_username.strip().removeprefix("@")
    if not _BOT_USERNAME.fullmatch(bot):
        raise ValueError("not a Telegram bot username")
    if not _INVITE_CODE.fullmatch(code):
        raise ValueError("not an invite code")
    return f"https://t.me/{bot}?start={INVITE_PREFIX}{code}"


def invite_code_from_start(payload: str) -> str | None:
    """The invite code in a /start payload ("w-<code>"), or None if it is not an invite."""
    payload = payload.strip()
    code = payload.removeprefix(INVITE_PREFIX)
    if code == payload or not _INVITE_CODE.fullmatch(code):
        return None
    return code


async def create_invite(
    deps: TriageDeps,
    worker_name_or_id: str,
    now: datetime,
    *,
    rebind: bool = False,
    actor: str = "cli",
) -> Invite:
    """A new one-time code for a worker ("12", "#12" or the exact name); replaces any older one.

    A worker already bound to a Telegram account gets one only with `rebind=True`; redeeming
    it then moves the worker to the redeeming account.
    """
    async with deps.uow() as uow:
        worker = await find_one(uow.session, worker_name_or_id)
        assert worker.id is not None
        if worker.telegram_user_id is not None and not rebind:
            raise WorkerAdminError(
                f"worker {worker.id} is already bound to a Telegram account; "
                "invite them with rebind to move them to another account"
            )
        code = secrets.token_urlsafe(INVITE_BYTES)
        worker.invite_code_hash = _code_hash(code)
        worker.invite_expires_at = expires_at = now + deps.invite_ttl
        worker.updated_at = now
        uow.session.add(worker)
        audit(uow.session, actor, "worker_invite_created", now, worker_id=worker.id)
        await uow.commit()
        return Invite(worker_id=worker.id, name=worker.name, code=code, expires_at=expires_at)


def invite_is_open(worker: Worker, now: datetime) -> bool:
    """An invite was made and may still be redeemed (one without an expiry never is)."""
    expires = worker.invite_expires_at
    return worker.invite_code_hash is not None and expires is not None and now < expires


async def redeem_invite(
    deps: TriageDeps,
    code: str,
    telegram_user_id: int,
    now: datetime,
    *,
    username: str | None = None,
) -> RedeemResult:
    """Bind the Telegram account to the invited worker, once, before the invite expires; the
    worker is found by hash. `username` is the account's @username as Telegram gave it, kept
    for the worker's admin page. An expired invite changes nothing."""
    if not _INVITE_CODE.fullmatch(code):
        return RedeemResult(RedeemOutcome.INVALID)
    code_hash = _code_hash(code)
    async with deps.uow() as uow:
        query = select(Worker).where(
            col(Worker.invite_code_hash) == code_hash, col(Worker.active).is_(True)
        )
        worker = (await uow.session.exec(query)).first()
        if worker is None:
            return RedeemResult(RedeemOutcome.INVALID)  # not audited: anyone can send this
        if not invite_is_open(worker, now):
            actor = f"telegram:{telegram_user_id}"
            audit(uow.session, actor, "worker_invite_expired", now, worker_id=worker.id)
            await uow.commit()
            return RedeemResult(RedeemOutcome.EXPIRED)
        known = _TELEGRAM_USERNAME.fullmatch(username or "")
        binding = Binding(telegram_user_id, known.group(0) if known else None, now)
        try:
            outcome = await _redeem(uow, worker, code_hash, binding)
        except IntegrityError:  # the account was bound to another worker meanwhile
            return RedeemResult(RedeemOutcome.ACCOUNT_TAKEN)
        if outcome is RedeemOutcome.INVALID:
            return RedeemResult(outcome)  # another redeemer was first
        actor, detail = f"telegram:{telegram_user_id}", outcome.value
        audit(
            uow.session, actor, "worker_invite_redeemed", now, worker_id=worker.id, outcome=detail
        )
        await uow.commit()
    if outcome is RedeemOutcome.ACCOUNT_TAKEN:
        return RedeemResult(outcome)
    return RedeemResult(outcome, worker_info(worker))


@dataclass(frozen=True, slots=True)
class Binding:
    """Who redeems an invite, and when."""

    telegram_user_id: int
    username: str | None
    at: datetime


async def _redeem(
    uow: UnitOfWork, worker: Worker, code_hash: str, binding: Binding
) -> RedeemOutcome:
    if worker.telegram_user_id == binding.telegram_user_id:
        worker.invite_code_hash, worker.invite_expires_at = None, None
        uow.session.add(worker)
        return RedeemOutcome.ALREADY_BOUND_TO_YOU
    if await find_by_telegram(uow.session, binding.telegram_user_id) is not None:
        return RedeemOutcome.ACCOUNT_TAKEN  # the code stays valid for its rightful owner
    assert worker.id is not None
    statement = (  # compare-and-set: only the first redeemer of a code binds
        update(Worker)
        .where(col(Worker.id) == worker.id, col(Worker.invite_code_hash) == code_hash)
        .values(
            telegram_user_id=binding.telegram_user_id,
            invite_code_hash=None,
            invite_expires_at=None,
            invite_redeemed_at=binding.at,
            invite_redeemed_username=binding.username,
            ended_telegram_user_id=ended_account(worker, binding.telegram_user_id),
            updated_at=binding.at,
        )
    )
    result = await uow.session.exec(statement)
    return RedeemOutcome.BOUND if result.rowcount == 1 else RedeemOutcome.INVALID
