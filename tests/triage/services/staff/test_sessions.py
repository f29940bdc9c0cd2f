"""Server-side staff sessions: limits, ending, what is stored; on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlmodel import col, select

from triage.services.common.deps import TriageDeps
from triage.services.staff.accounts import create_staff_user
from triage.services.staff.sessions import (
    ClientInfo,
    SessionPolicy,
    delete_sessions_of,
    end_session,
    open_session,
    resume_session,
    save_session_data,
    sessions_of,
    token_hash,
)
from triage.storage.tables import AuditLog, StaffSession, StaffUser
from triage.storage.uow import UnitOfWorkFactory

NOW = datetime(2026, 11, 23, 1, 0, tzinfo=UTC)
POLICY = SessionPolicy(idle=timedelta(minutes=30), lifetime=timedelta(hours=8))
CLIENT = ClientInfo("203.0.113.7", "Firefox, Android")
PASSWORD = "correct horse battery"


async def _staff(deps: TriageDeps, name: str = "admin") -> int:
    return (await create_staff_user(deps, name, PASSWORD)).id


async def _rows(uow_factory: UnitOfWorkFactory) -> list[StaffSession]:
    async with uow_factory() as uow:
        return list((await uow.session.exec(select(StaffSession))).all())


async def test_a_session_resumes_with_its_data_and_stores_only_a_hash(
    deps: TriageDeps, uow_factory: UnitOfWorkFactory
) -> None:
    staff_id = await _staff(deps)

    token = await open_session(deps, staff_id, {"csrf": "t"}, CLIENT, NOW, POLICY)
    resumed = await resume_session(deps, token, NOW + timedelta(minutes=5), POLICY)

    assert resumed is not None
    assert (resumed.identity.id, resumed.identity.username, resumed.data) == (
        staff_id,
        "admin",
        {"csrf": "t"},
    )
    [row] = await _rows(uow_factory)
    assert row.token_hash == token_hash(token) != token
    assert token not in str(row.model_dump())
    assert (row.source_address, row.user_agent) == ("203.0.113.7", "Firefox, Android")
    assert len(token) >= 43


async def test_each_request_moves_the_idle_limit(deps: TriageDeps) -> None:
    token = await open_session(deps, await _staff(deps), {}, CLIENT, NOW, POLICY)

    for minutes in (25, 50, 75):  # each request within 30 minutes of the one before
        assert await resume_session(deps, token, NOW + timedelta(minutes=minutes), POLICY)

    assert await resume_session(deps, token, NOW + timedelta(minutes=106), POLICY) is None


async def test_idle_session_ends_and_its_row_is_deleted(
    deps: TriageDeps, uow_factory: UnitOfWorkFactory
) -> None:
    token = await open_session(deps, await _staff(deps), {}, CLIENT, NOW, POLICY)

    assert await resume_session(deps, token, NOW + timedelta(minutes=31), POLICY) is None
    assert await _rows(uow_factory) == []
    assert await resume_session(deps, token, NOW + timedelta(minutes=32), POLICY) is None


async def test_absolute_lifetime_ends_even_a_busy_session(deps: TriageDeps) -> None:
    token = await open_session(deps, await _staff(deps), {}, CLIENT, NOW, POLICY)
    at = NOW
    while at < NOW + timedelta(hours=8):
        assert await resume_session(deps, token, at, POLICY) is not None
        at += timedelta(minutes=20)

    assert await resume_session(deps, token, NOW + timedelta(hours=8, minutes=1), POLICY) is None


async def test_a_deactivated_staff_members_session_ends(
    deps: TriageDeps, uow_factory: UnitOfWorkFactory
) -> None:
    staff_id = await _staff(deps)
    token = await open_session(deps, staff_id, {}, CLIENT, NOW, POLICY)
    async with uow_factory() as uow:
        user = await uow.session.get(StaffUser, staff_id)
        assert user is not None
        user.active = False
        uow.session.add(user)
        await uow.commit()

    assert await resume_session(deps, token, NOW, POLICY) is None


async def test_logout_deletes_the_row_and_is_audited(
    deps: TriageDeps, uow_factory: UnitOfWorkFactory
) -> None:
    staff_id = await _staff(deps)
    token = await open_session(deps, staff_id, {}, CLIENT, NOW, POLICY)

    await end_session(deps, token, NOW + timedelta(minutes=1))

    assert await resume_session(deps, token, NOW + timedelta(minutes=2), POLICY) is None
    async with uow_factory() as uow:
        rows = (await uow.session.exec(select(AuditLog).order_by(col(AuditLog.id)))).all()
    assert [(r.actor, r.action, r.detail) for r in rows] == [
        ("admin", "logout", {"staff_id": staff_id})
    ]


async def test_ending_all_of_one_staff_members_sessions_keeps_the_others(
    deps: TriageDeps, uow_factory: UnitOfWorkFactory
) -> None:
    first, second = await _staff(deps, "satu"), await _staff(deps, "dua")
    phone = await open_session(deps, first, {}, CLIENT, NOW, POLICY)
    desk = await open_session(deps, first, {}, CLIENT, NOW, POLICY)
    other = await open_session(deps, second, {}, CLIENT, NOW, POLICY)

    async with uow_factory() as uow:
        await delete_sessions_of(uow.session, first)
        await uow.commit()

    assert await resume_session(deps, phone, NOW, POLICY) is None
    assert await resume_session(deps, desk, NOW, POLICY) is None
    assert await resume_session(deps, other, NOW, POLICY) is not None


async def test_saved_data_comes_back(deps: TriageDeps) -> None:
    token = await open_session(deps, await _staff(deps), {"csrf": "a"}, CLIENT, NOW, POLICY)

    await save_session_data(deps, token, {"csrf": "a", "flash": {"reference": "LS-1"}})

    resumed = await resume_session(deps, token, NOW, POLICY)
    assert resumed is not None
    assert resumed.data == {"csrf": "a", "flash": {"reference": "LS-1"}}


async def test_open_sessions_are_listed_newest_first_with_the_current_one_marked(
    deps: TriageDeps,
) -> None:
    staff_id = await _staff(deps)
    old = await open_session(deps, staff_id, {}, CLIENT, NOW, POLICY)
    new = await open_session(
        deps, staff_id, {}, ClientInfo("198.51.100.2", "Chrome, Windows"), NOW, POLICY
    )
    await resume_session(deps, new, NOW + timedelta(minutes=10), POLICY)
    expired = await open_session(deps, staff_id, {}, CLIENT, NOW - timedelta(hours=9), POLICY)

    listed = await sessions_of(deps, staff_id, old, NOW + timedelta(minutes=10), POLICY)

    assert [(s.user_agent, s.current) for s in listed] == [
        ("Chrome, Windows", False),
        ("Firefox, Android", True),
    ]
    assert await resume_session(deps, expired, NOW, POLICY) is None


async def test_opening_a_session_clears_ended_ones(
    deps: TriageDeps, uow_factory: UnitOfWorkFactory
) -> None:
    staff_id = await _staff(deps)
    await open_session(deps, staff_id, {}, CLIENT, NOW, POLICY)

    await open_session(deps, staff_id, {}, CLIENT, NOW + timedelta(hours=1), POLICY)

    assert len(await _rows(uow_factory)) == 1
