"""Login throttle counters in the database: they survive a restart and are shared by every
process. Each change is a compare-and-set UPDATE, so parallel attempts cannot both pass."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy.exc import IntegrityError
from sqlmodel import col, delete, select, update

from triage.domain.login_throttle import (
    Counter,
    Throttled,
    ThrottleKind,
    ThrottlePolicy,
    first_attempt,
    next_account,
    next_address,
)
from triage.services.common.deps import TriageDeps
from triage.storage.tables import LoginThrottleRow

TRIES = 3  # compare-and-set rounds before asking the person to try again
KEEP_FOR = timedelta(days=1)
CONTENDED = timedelta(seconds=1)


def account_key(digest: str) -> str:
    return f"account:{digest}"


def address_key(address: str) -> str:
    return f"address:{address}"


async def claim_attempt(
    deps: TriageDeps, account: str, address: str | None, now: datetime, policy: ThrottlePolicy
) -> Throttled | None:
    """Count a login attempt before its password is checked; the refusal if it must wait.

    The address is counted first; an attempt the account's delay refuses is given back to
    the address, so only attempts that reach the password count against it.
    """
    await _forget_old(deps, now)
    if address is not None:
        refused = await _claim(deps, address_key(address), ThrottleKind.ADDRESS, now, policy)
        if refused is not None:
            return refused
    refused = await _claim(deps, account_key(account), ThrottleKind.ACCOUNT, now, policy)
    if refused is not None and address is not None:
        await _give_back(deps, address_key(address))
    return refused


async def attempt_succeeded(deps: TriageDeps, account: str, address: str | None) -> None:
    """The password was right: the account starts over, the address gets its attempt back."""
    async with deps.uow() as uow:
        await uow.session.exec(
            delete(LoginThrottleRow).where(col(LoginThrottleRow.key) == account_key(account))
        )
        await uow.commit()
    if address is not None:
        await give_back_address(deps, address)


async def give_back_address(deps: TriageDeps, address: str) -> None:
    """An attempt that never reached the password does not count against the address."""
    await _give_back(deps, address_key(address))


async def _claim(
    deps: TriageDeps, key: str, kind: ThrottleKind, now: datetime, policy: ThrottlePolicy
) -> Throttled | None:
    decide = next_account if kind is ThrottleKind.ACCOUNT else next_address
    for _ in range(TRIES):
        async with deps.uow() as uow:
            row = (
                await uow.session.exec(
                    select(LoginThrottleRow).where(col(LoginThrottleRow.key) == key)
                )
            ).first()
            if row is None:
                start = first_attempt(now)
                uow.session.add(
                    LoginThrottleRow(
                        key=key,
                        failures=start.failures,
                        window_started_at=start.window_started_at,
                        last_attempt_at=start.last_attempt_at,
                    )
                )
                try:
                    await uow.commit()
                except IntegrityError:
                    continue  # another attempt created it first: read it again
                return None
            seen = Counter(row.failures, row.window_started_at, row.last_attempt_at)
            decision = decide(seen, now, policy)
            if isinstance(decision, Throttled):
                return decision
            result = await uow.session.exec(
                update(LoginThrottleRow)
                .where(
                    col(LoginThrottleRow.id) == row.id,
                    col(LoginThrottleRow.failures) == seen.failures,
                    col(LoginThrottleRow.last_attempt_at) == seen.last_attempt_at,
                )
                .values(
                    failures=decision.failures,
                    window_started_at=decision.window_started_at,
                    last_attempt_at=decision.last_attempt_at,
                )
            )
            if result.rowcount == 1:
                await uow.commit()
                return None
    return Throttled(kind, CONTENDED)


async def _give_back(deps: TriageDeps, key: str) -> None:
    async with deps.uow() as uow:
        await uow.session.exec(
            update(LoginThrottleRow)
            .where(col(LoginThrottleRow.key) == key, col(LoginThrottleRow.failures) > 0)
            .values(failures=col(LoginThrottleRow.failures) - 1)
        )
        await uow.commit()


async def _forget_old(deps: TriageDeps, now: datetime) -> None:
    async with deps.uow() as uow:
        await uow.session.exec(
            delete(LoginThrottleRow).where(col(LoginThrottleRow.last_attempt_at) < now - KEEP_FOR)
        )
        await uow.commit()
