"""Login throttle counters in the database and the login use case: they outlive the process,
an address is capped across usernames, parallel attempts cannot slip past, and only a few
password checks run at once. On SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
import threading
import time
from datetime import UTC, datetime, timedelta

import pytest
from argon2 import PasswordHasher
from sqlmodel import col, select

from tests.support.deps import make_deps
from triage.domain.login_throttle import Throttled, ThrottleKind, ThrottlePolicy
from triage.services.common.deps import TriageDeps
from triage.services.staff import accounts
from triage.services.staff.accounts import create_staff_user, unknown_actor, username_digest
from triage.services.staff.login import log_in
from triage.services.staff.throttle import attempt_succeeded, claim_attempt
from triage.storage.tables import AuditLog, LoginThrottleRow
from triage.storage.uow import UnitOfWorkFactory

NOW = datetime(2026, 11, 23, 1, 0, tzinfo=UTC)
POLICY = ThrottlePolicy()
KEY = b"k" * 32
PASSWORD = "correct horse battery"
CHEAP = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)


@pytest.fixture(autouse=True)
def cheap_hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(accounts, "_hasher", lambda: CHEAP)
    monkeypatch.setattr(accounts, "_dummy_hash", lambda: CHEAP.hash("dummy-password"))


async def test_the_account_waits_after_three_attempts(deps: TriageDeps) -> None:
    for _ in range(3):
        assert await claim_attempt(deps, "acct", "203.0.113.1", NOW, POLICY) is None

    refused = await claim_attempt(deps, "acct", "203.0.113.2", NOW, POLICY)

    assert refused == Throttled(ThrottleKind.ACCOUNT, timedelta(seconds=1))
    later = NOW + timedelta(seconds=1)
    assert await claim_attempt(deps, "acct", "203.0.113.3", later, POLICY) is None


async def test_counters_outlive_the_process(uow_factory: UnitOfWorkFactory) -> None:
    for _ in range(3):
        await claim_attempt(make_deps(uow_factory), "acct", None, NOW, POLICY)

    restarted = make_deps(uow_factory)  # new dependencies over the same database

    assert await claim_attempt(restarted, "acct", None, NOW, POLICY) is not None


async def test_an_address_is_capped_across_usernames(deps: TriageDeps) -> None:
    address = "198.51.100.4"
    for n in range(POLICY.address_cap):
        assert await claim_attempt(deps, f"user-{n}", address, NOW, POLICY) is None

    refused = await claim_attempt(deps, "one-more", address, NOW + timedelta(minutes=1), POLICY)

    assert refused == Throttled(ThrottleKind.ADDRESS, timedelta(minutes=14))
    assert await claim_attempt(deps, "one-more", "198.51.100.5", NOW, POLICY) is None
    after = NOW + POLICY.address_window
    assert await claim_attempt(deps, "one-more", address, after, POLICY) is None


async def test_an_attempt_the_account_refuses_does_not_count_for_the_address(
    deps: TriageDeps, uow_factory: UnitOfWorkFactory
) -> None:
    address = "198.51.100.6"
    for _ in range(3):
        await claim_attempt(deps, "acct", address, NOW, POLICY)
    for _ in range(5):
        assert await claim_attempt(deps, "acct", address, NOW, POLICY) is not None

    assert await _failures(uow_factory, f"address:{address}") == 3


async def test_success_starts_the_account_over_and_gives_the_address_its_attempt_back(
    deps: TriageDeps, uow_factory: UnitOfWorkFactory
) -> None:
    address = "198.51.100.7"
    for _ in range(3):
        await claim_attempt(deps, "acct", address, NOW, POLICY)

    await attempt_succeeded(deps, "acct", address)

    assert await _failures(uow_factory, "account:acct") is None
    assert await _failures(uow_factory, f"address:{address}") == 2
    assert await claim_attempt(deps, "acct", address, NOW, POLICY) is None


async def test_parallel_attempts_cannot_slip_past_the_delay(deps: TriageDeps) -> None:
    results = await asyncio.gather(
        *(claim_attempt(deps, "acct", None, NOW, POLICY) for _ in range(12))
    )

    allowed = [result for result in results if result is None]
    assert 1 <= len(allowed) <= POLICY.free_attempts


async def _failures(uow_factory: UnitOfWorkFactory, key: str) -> int | None:
    async with uow_factory() as uow:
        row = (
            await uow.session.exec(select(LoginThrottleRow).where(col(LoginThrottleRow.key) == key))
        ).first()
        return None if row is None else row.failures


async def test_neither_the_throttle_nor_the_audit_log_holds_the_typed_name(
    deps: TriageDeps, uow_factory: UnitOfWorkFactory
) -> None:
    typed = "my secret passphrase typed in the wrong box"
    for _ in range(4):  # three refused by the password, the fourth by the throttle
        await log_in(deps, typed, "x" * 12, "203.0.113.9", KEY, NOW, POLICY)

    async with uow_factory() as uow:
        keys = [row.key for row in (await uow.session.exec(select(LoginThrottleRow))).all()]
        audits = (await uow.session.exec(select(AuditLog).order_by(col(AuditLog.id)))).all()
    assert sorted(keys) == [f"account:{username_digest(KEY, typed)}", "address:203.0.113.9"]
    assert [(row.actor, row.detail["reason"]) for row in audits] == [
        *[(unknown_actor(KEY, typed), "unknown_user")] * 3,
        (unknown_actor(KEY, typed), "throttled"),
    ]
    assert typed not in str(keys) + str([row.model_dump() for row in audits])
    assert {row.source_address for row in audits} == {"203.0.113.9"}


async def test_log_in_succeeds_then_is_throttled_and_audited(
    deps: TriageDeps, uow_factory: UnitOfWorkFactory
) -> None:
    await create_staff_user(deps, "budi", PASSWORD)
    assert (await log_in(deps, "budi", PASSWORD, None, KEY, NOW, POLICY)).identity is not None
    for _ in range(3):
        assert (
            await log_in(deps, "budi", "wrong password", None, KEY, NOW, POLICY)
        ).identity is None

    outcome = await log_in(deps, "budi", PASSWORD, None, KEY, NOW, POLICY)

    assert outcome.identity is None
    assert outcome.throttled == Throttled(ThrottleKind.ACCOUNT, timedelta(seconds=1))
    async with uow_factory() as uow:
        rows = (await uow.session.exec(select(AuditLog).order_by(col(AuditLog.id)))).all()
    assert [(row.action, row.detail.get("reason")) for row in rows] == [
        ("login", None),
        ("login_failed", "wrong_password"),
        ("login_failed", "wrong_password"),
        ("login_failed", "wrong_password"),
        ("login_failed", "throttled"),
    ]


class _CountingHasher:
    """Argon2 with tiny costs that records how many verifications run at the same moment."""

    def __init__(self) -> None:
        self.running = 0
        self.most = 0
        self._lock = threading.Lock()

    def hash(self, password: str) -> str:
        return CHEAP.hash(password)

    def check_needs_rehash(self, password_hash: str) -> bool:
        return False

    def verify(self, password_hash: str, password: str) -> bool:
        with self._lock:
            self.running += 1
            self.most = max(self.most, self.running)
        try:
            time.sleep(0.05)
            return CHEAP.verify(password_hash, password)
        finally:
            with self._lock:
                self.running -= 1


async def test_only_a_few_password_checks_run_at_once(
    uow_factory: UnitOfWorkFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    deps = make_deps(uow_factory, password_checks=asyncio.Semaphore(2))
    await create_staff_user(deps, "citra", PASSWORD)
    hasher = _CountingHasher()
    monkeypatch.setattr(accounts, "_hasher", lambda: hasher)

    outcomes = await asyncio.gather(
        *(log_in(deps, f"user{n}", PASSWORD, f"203.0.113.{n}", KEY, NOW, POLICY) for n in range(8))
    )

    assert all(outcome.identity is None for outcome in outcomes)
    assert hasher.most == 2


async def test_when_no_password_check_frees_up_the_answer_is_busy(
    uow_factory: UnitOfWorkFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    deps = make_deps(uow_factory, password_checks=asyncio.Semaphore(0))  # always full
    monkeypatch.setattr(accounts, "HASH_WAIT_SECONDS", 0.05)

    outcome = await log_in(deps, "dewi", PASSWORD, "203.0.113.20", KEY, NOW, POLICY)

    assert outcome.busy and outcome.identity is None
