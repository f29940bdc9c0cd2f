"""Staff accounts: creation rules, authentication, audit rows; on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from sqlmodel import col, select

from triage.services.common.deps import TriageDeps
from triage.services.staff.accounts import (
    StaffError,
    StaffIdentity,
    authenticate,
    create_staff_user,
    login_actor,
    set_password,
    staff_by_id,
    unknown_actor,
)
from triage.storage.tables import AuditLog, StaffUser
from triage.storage.uow import UnitOfWorkFactory

NOW = datetime(2026, 11, 23, 7, 5, tzinfo=UTC)
PASSWORD = "correct horse battery"
KEY = b"audit-key-for-the-tests-32-bytes"


async def _audit_rows(uow_factory: UnitOfWorkFactory) -> list[tuple[str, str, dict[str, Any]]]:
    """(actor, action, detail) of every audit row, oldest first."""
    async with uow_factory() as uow:
        rows = (await uow.session.exec(select(AuditLog).order_by(col(AuditLog.id)))).all()
        return [(row.actor, row.action, row.detail) for row in rows]


async def _stored_user(uow_factory: UnitOfWorkFactory, username: str) -> StaffUser:
    async with uow_factory() as uow:
        query = select(StaffUser).where(StaffUser.username == username)
        user = (await uow.session.exec(query)).one()
        uow.session.expunge(user)
        return user


async def test_create_then_authenticate(deps: TriageDeps, uow_factory: UnitOfWorkFactory) -> None:
    created = await create_staff_user(deps, "  Admin.Satu ", PASSWORD)
    assert created == StaffIdentity(id=created.id, username="admin.satu", role="admin")

    identity = await authenticate(deps, "ADMIN.satu", PASSWORD, NOW, username_key=KEY)

    assert identity == created
    stored = await _stored_user(uow_factory, "admin.satu")
    assert stored.password_hash.startswith("$argon2id$")
    assert PASSWORD not in stored.password_hash
    assert stored.last_login_at == NOW
    assert await _audit_rows(uow_factory) == [("admin.satu", "login", {"staff_id": created.id})]


async def test_wrong_password_is_refused_and_audited(
    deps: TriageDeps, uow_factory: UnitOfWorkFactory
) -> None:
    await create_staff_user(deps, "budi", PASSWORD)

    assert await authenticate(deps, "budi", "wrong password!", NOW, username_key=KEY) is None

    [(actor, action, detail)] = await _audit_rows(uow_factory)
    assert (actor, action, detail["reason"]) == ("budi", "login_failed", "wrong_password")
    assert "wrong password!" not in str(detail)
    assert (await _stored_user(uow_factory, "budi")).last_login_at is None


async def test_unknown_user_is_audited_as_a_keyed_hash_never_as_typed(
    deps: TriageDeps, uow_factory: UnitOfWorkFactory
) -> None:
    typed = "My Password Typed In The Name Box"
    assert await authenticate(deps, typed, PASSWORD, NOW, username_key=KEY) is None
    assert (
        await authenticate(deps, " my password typed in the name box", "x", NOW, username_key=KEY)
        is None
    )
    assert await authenticate(deps, "nobody", PASSWORD, NOW, username_key=KEY) is None

    rows = await _audit_rows(uow_factory)
    expected = unknown_actor(KEY, typed)
    assert [row[0] for row in rows] == [expected, expected, unknown_actor(KEY, "nobody")]
    assert expected.startswith("unknown:") and len(expected) == len("unknown:") + 16
    assert unknown_actor(b"another key" * 3, typed) != expected  # keyed: no lookup table
    assert all(row[1:] == ("login_failed", {"reason": "unknown_user"}) for row in rows)
    assert "password" not in str(rows).lower() and "nobody" not in str(rows)


async def test_an_inactive_or_existing_account_is_audited_by_its_name(
    deps: TriageDeps, uow_factory: UnitOfWorkFactory
) -> None:
    await create_staff_user(deps, "eka", PASSWORD)

    assert await login_actor(deps, " EKA ", KEY) == "eka"
    assert await login_actor(deps, "eko", KEY) == unknown_actor(KEY, "eko")


async def test_inactive_user_cannot_log_in(
    deps: TriageDeps, uow_factory: UnitOfWorkFactory
) -> None:
    created = await create_staff_user(deps, "citra", PASSWORD)
    async with uow_factory() as uow:
        user = await uow.session.get(StaffUser, created.id)
        assert user is not None
        user.active = False
        uow.session.add(user)
        await uow.commit()

    assert await authenticate(deps, "citra", PASSWORD, NOW, username_key=KEY) is None
    assert await staff_by_id(deps, created.id) is None


async def test_duplicate_username_is_refused_and_password_kept(
    deps: TriageDeps,
    uow_factory: UnitOfWorkFactory,
) -> None:
    await create_staff_user(deps, "dewi", PASSWORD)

    with pytest.raises(StaffError, match="already exists"):
        await create_staff_user(deps, "DEWI", "another password")

    assert await authenticate(deps, "dewi", PASSWORD, NOW, username_key=KEY) is not None
    assert await authenticate(deps, "dewi", "another password", NOW, username_key=KEY) is None


@pytest.mark.parametrize(
    ("username", "password", "role", "regions", "message"),
    [
        ("ab", PASSWORD, "admin", (), "username"),
        ("nama dengan spasi", PASSWORD, "admin", (), "username"),
        ("x" * 65, PASSWORD, "admin", (), "username"),
        ("eko", "short", "admin", (), "at least 10"),
        ("eko", PASSWORD, "worker", (), "role"),
        ("eko", PASSWORD, "supervisor", (), "region"),
        ("eko", PASSWORD, "supervisor", ("Jakarta",), "region codes"),
    ],
)
async def test_bad_input_is_refused(
    deps: TriageDeps,
    uow_factory: UnitOfWorkFactory,
    username: str,
    password: str,
    role: str,
    regions: tuple[str, ...],
    message: str,
) -> None:
    with pytest.raises(StaffError, match=message):
        await create_staff_user(deps, username, password, role, regions)


async def test_supervisor_keeps_region_codes(
    deps: TriageDeps, uow_factory: UnitOfWorkFactory
) -> None:
    created = await create_staff_user(
        deps, "fajar", PASSWORD, role="supervisor", region_codes=["31", "32.73"]
    )

    found = await staff_by_id(deps, created.id)

    assert found == StaffIdentity(created.id, "fajar", "supervisor", ("31", "32.73"))


async def test_set_password_replaces_the_old_one(
    deps: TriageDeps, uow_factory: UnitOfWorkFactory
) -> None:
    await create_staff_user(deps, "gita", PASSWORD)

    await set_password(deps, "Gita", "a brand new passphrase")

    assert await authenticate(deps, "gita", PASSWORD, NOW, username_key=KEY) is None
    assert (
        await authenticate(deps, "gita", "a brand new passphrase", NOW, username_key=KEY)
        is not None
    )


async def test_set_password_for_unknown_user_fails(
    deps: TriageDeps, uow_factory: UnitOfWorkFactory
) -> None:
    with pytest.raises(StaffError, match="no staff user"):
        await set_password(deps, "hadi", PASSWORD)


async def test_staff_by_id_unknown_is_none(
    deps: TriageDeps, uow_factory: UnitOfWorkFactory
) -> None:
    assert await staff_by_id(deps, 999) is None
