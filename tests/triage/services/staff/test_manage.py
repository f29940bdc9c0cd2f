"""Managing staff accounts and changing one's own password: sessions end, rows are audited,
mistakes are refused; on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import col, select

from triage.domain.login_throttle import ThrottlePolicy
from triage.services.common.deps import TriageDeps
from triage.services.staff.accounts import (
    StaffError,
    authenticate,
    create_staff_user,
    staff_by_id,
)
from triage.services.staff.manage import (
    AdminOnly,
    admin_set_active,
    change_own_password,
    list_staff,
    reset_password,
    set_active,
    temporary_password,
)
from triage.services.staff.sessions import ClientInfo, SessionPolicy, open_session, resume_session
from triage.storage.tables import AuditLog
from triage.storage.uow import UnitOfWorkFactory

NOW = datetime(2026, 11, 23, 1, 0, tzinfo=UTC)
PASSWORD = "correct horse battery"
KEY = b"k" * 32
POLICY = SessionPolicy()


async def _session(deps: TriageDeps, staff_id: int) -> str:
    return await open_session(deps, staff_id, {}, ClientInfo(), NOW, POLICY)


async def _alive(deps: TriageDeps, token: str) -> bool:
    return await resume_session(deps, token, NOW + timedelta(minutes=1), POLICY) is not None


async def _actions(uow_factory: UnitOfWorkFactory) -> list[tuple[str, str]]:
    async with uow_factory() as uow:
        rows = (await uow.session.exec(select(AuditLog).order_by(col(AuditLog.id)))).all()
    return [(row.actor, row.action) for row in rows]


async def test_a_temporary_password_is_readable_and_random() -> None:
    first, second = temporary_password(), temporary_password()

    assert first != second
    assert len(first) == 14 and first.count("-") == 2
    assert not set(first) & set("01ilo")


async def test_deactivation_ends_every_session_and_is_audited(
    deps: TriageDeps, uow_factory: UnitOfWorkFactory
) -> None:
    admin = await create_staff_user(deps, "admin", PASSWORD)
    spv = await create_staff_user(deps, "spv", PASSWORD, "supervisor", ["32.73"])
    phone, desk = await _session(deps, spv.id), await _session(deps, spv.id)

    await admin_set_active(deps, admin, "SPV", False, NOW)

    assert not await _alive(deps, phone) and not await _alive(deps, desk)
    assert await staff_by_id(deps, spv.id) is None
    await admin_set_active(deps, admin, "spv", True, NOW)
    assert await staff_by_id(deps, spv.id) is not None
    assert await _actions(uow_factory) == [
        ("admin", "staff_deactivated"),
        ("admin", "staff_activated"),
    ]


async def test_an_admin_cannot_deactivate_themselves_nor_the_last_admin(
    deps: TriageDeps,
) -> None:
    admin = await create_staff_user(deps, "admin", PASSWORD)
    with pytest.raises(StaffError) as own:
        await admin_set_active(deps, admin, "admin", False, NOW)
    assert own.value.problem == "self"

    with pytest.raises(StaffError) as last:
        await set_active(deps, "cli", "admin", False, NOW)
    assert last.value.problem == "last_admin"

    await create_staff_user(deps, "admin2", PASSWORD)
    await set_active(deps, "cli", "admin", False, NOW)  # another admin remains


async def test_only_an_admin_manages_accounts(deps: TriageDeps) -> None:
    spv = await create_staff_user(deps, "spv", PASSWORD, "supervisor", ["32.73"])
    await create_staff_user(deps, "other", PASSWORD, "supervisor", ["32.73"])

    with pytest.raises(AdminOnly):
        await list_staff(deps, spv, NOW)
    with pytest.raises(AdminOnly):
        await admin_set_active(deps, spv, "other", False, NOW)
    with pytest.raises(AdminOnly):
        await reset_password(deps, spv, "other", NOW)


async def test_a_reset_gives_a_temporary_password_and_ends_sessions(
    deps: TriageDeps, uow_factory: UnitOfWorkFactory
) -> None:
    admin = await create_staff_user(deps, "admin", PASSWORD)
    spv = await create_staff_user(deps, "spv", PASSWORD, "supervisor", ["32.73"])
    token = await _session(deps, spv.id)

    temporary = await reset_password(deps, admin, "spv", NOW)

    assert not await _alive(deps, token)
    assert await authenticate(deps, "spv", PASSWORD, NOW, username_key=KEY) is None
    logged_in = await authenticate(deps, "spv", temporary, NOW, username_key=KEY)
    assert logged_in is not None and logged_in.must_change_password
    [listed_spv] = [a for a in await list_staff(deps, admin, NOW) if a.username == "spv"]
    assert listed_spv.must_change_password
    assert ("admin", "password_reset") in await _actions(uow_factory)
    assert temporary not in str(await _actions(uow_factory))


async def test_changing_ones_own_password_ends_every_session(
    deps: TriageDeps, uow_factory: UnitOfWorkFactory
) -> None:
    spv = await create_staff_user(deps, "spv", PASSWORD, "supervisor", ["32.73"])
    here, elsewhere = await _session(deps, spv.id), await _session(deps, spv.id)

    outcome = await change_own_password(
        deps, spv, PASSWORD, "a new long passphrase", address="203.0.113.4",
        username_key=KEY, now=NOW, policy=ThrottlePolicy(),
    )  # fmt: skip

    assert outcome.throttled is None and not outcome.busy
    assert not await _alive(deps, here) and not await _alive(deps, elsewhere)
    assert await authenticate(deps, "spv", "a new long passphrase", NOW, username_key=KEY)
    async with uow_factory() as uow:
        row = (
            await uow.session.exec(select(AuditLog).where(AuditLog.action == "password_changed"))
        ).one()
    assert (row.actor, row.action, row.source_address) == ("spv", "password_changed", "203.0.113.4")


@pytest.mark.parametrize(
    ("current", "new", "problem"),
    [
        ("wrong password", "a new long passphrase", "current"),
        (PASSWORD, "short", "password"),
        (PASSWORD, PASSWORD, "same"),
    ],
)
async def test_a_wrong_password_change_is_refused_and_changes_nothing(
    deps: TriageDeps, current: str, new: str, problem: str
) -> None:
    spv = await create_staff_user(deps, "spv", PASSWORD, "supervisor", ["32.73"])
    token = await _session(deps, spv.id)

    with pytest.raises(StaffError) as refused:
        await change_own_password(
            deps, spv, current, new, address=None, username_key=KEY, now=NOW,
            policy=ThrottlePolicy(),
        )  # fmt: skip

    assert refused.value.problem == problem
    assert await _alive(deps, token)
    assert await authenticate(deps, "spv", PASSWORD, NOW, username_key=KEY) is not None


async def test_guessing_the_current_password_is_throttled(deps: TriageDeps) -> None:
    spv = await create_staff_user(deps, "spv", PASSWORD, "supervisor", ["32.73"])
    for _ in range(3):
        with pytest.raises(StaffError):
            await change_own_password(
                deps, spv, "guess guess", "a new long passphrase", address=None,
                username_key=KEY, now=NOW, policy=ThrottlePolicy(),
            )  # fmt: skip

    outcome = await change_own_password(
        deps, spv, PASSWORD, "a new long passphrase", address=None,
        username_key=KEY, now=NOW, policy=ThrottlePolicy(),
    )  # fmt: skip

    assert outcome.throttled is not None


async def test_the_staff_list_shows_state_and_open_sessions(deps: TriageDeps) -> None:
    admin = await create_staff_user(deps, "admin", PASSWORD)
    spv = await create_staff_user(deps, "spv", PASSWORD, "supervisor", ["32.73"])
    gone = await create_staff_user(deps, "gone", PASSWORD, "supervisor", ["31"])
    await _session(deps, spv.id)
    await _session(deps, spv.id)
    await set_active(deps, "cli", "gone", False, NOW)

    listed = await list_staff(deps, admin, NOW)

    assert [(a.username, a.active, a.open_sessions) for a in listed] == [
        ("admin", True, 0),
        ("spv", True, 2),
        ("gone", False, 0),
    ]
    assert listed[2].id == gone.id and listed[1].region_codes == ("32.73",)


async def test_creating_an_account_for_an_unknown_region_is_refused(deps: TriageDeps) -> None:
    with pytest.raises(StaffError) as refused:
        await create_staff_user(deps, "spv", PASSWORD, "supervisor", ["99.99"])

    assert refused.value.problem == "unknown_regions"
