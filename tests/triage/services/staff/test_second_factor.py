"""The TOTP second factor: setup confirmed by a code, codes used once, recovery codes,
secrets encrypted at rest; on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pyotp
import pytest
from cryptography.fernet import Fernet
from sqlmodel import select

from triage.services.common.deps import TriageDeps
from triage.services.staff.accounts import StaffError, create_staff_user, staff_by_id
from triage.services.staff.manage import reset_password
from triage.services.staff.second_factor import (
    check_second_factor,
    disable_second_factor,
    enable_second_factor,
    new_enrolment,
    recovery_codes_left,
    rekey_second_factors,
)
from triage.storage.tables import AuditLog, StaffUser
from triage.storage.uow import UnitOfWorkFactory

NOW = datetime(2026, 11, 23, 1, 0, 10, tzinfo=UTC)
PASSWORD = "correct horse battery"
BOX = Fernet(Fernet.generate_key())


async def _enrolled(deps: TriageDeps) -> tuple[int, str, list[str]]:
    identity = await create_staff_user(deps, "admin", PASSWORD)
    enrolment = new_enrolment("admin")
    code = pyotp.TOTP(enrolment.secret).at(NOW)
    recovery = await enable_second_factor(deps, identity, enrolment.secret, code, BOX, NOW)
    return identity.id, enrolment.secret, recovery


async def test_setup_needs_a_matching_code(deps: TriageDeps) -> None:
    identity = await create_staff_user(deps, "admin", PASSWORD)
    enrolment = new_enrolment("admin")

    with pytest.raises(StaffError) as wrong:
        await enable_second_factor(deps, identity, enrolment.secret, "000000", BOX, NOW)

    assert wrong.value.problem == "code"
    found = await staff_by_id(deps, identity.id)
    assert found is not None and not found.second_factor
    assert enrolment.uri.startswith("otpauth://totp/Lapor%20Sosial:admin?secret=")


async def test_the_secret_is_encrypted_and_recovery_codes_hashed(
    deps: TriageDeps, uow_factory: UnitOfWorkFactory
) -> None:
    staff_id, secret, recovery = await _enrolled(deps)

    async with uow_factory() as uow:
        user = await uow.session.get(StaffUser, staff_id)
    assert user is not None and user.totp_secret is not None
    assert secret not in user.totp_secret
    assert BOX.decrypt(user.totp_secret.encode()).decode() == secret
    assert len(recovery) == 10 and len(set(recovery)) == 10
    assert not set(recovery) & set(user.recovery_code_hashes)
    found = await staff_by_id(deps, staff_id)
    assert found is not None and found.second_factor


async def test_a_code_works_once_and_a_step_of_drift_is_allowed(deps: TriageDeps) -> None:
    staff_id, secret, _ = await _enrolled(deps)
    later = NOW + timedelta(seconds=60)
    totp = pyotp.TOTP(secret)

    assert await check_second_factor(deps, staff_id, totp.at(later), BOX, later) is not None
    assert await check_second_factor(deps, staff_id, totp.at(later), BOX, later) is None
    after = later + timedelta(seconds=30)
    drifted = totp.at(after, counter_offset=1)
    assert await check_second_factor(deps, staff_id, drifted, BOX, after) is not None
    far = after + timedelta(minutes=5)
    assert (
        await check_second_factor(deps, staff_id, totp.at(far - timedelta(minutes=2)), BOX, far)
        is None
    )


async def test_a_recovery_code_works_once(deps: TriageDeps, uow_factory: UnitOfWorkFactory) -> None:
    staff_id, _, recovery = await _enrolled(deps)

    assert await check_second_factor(deps, staff_id, recovery[3].upper(), BOX, NOW) is not None
    assert await check_second_factor(deps, staff_id, recovery[3], BOX, NOW) is None
    assert await recovery_codes_left(deps, staff_id) == 9
    async with uow_factory() as uow:
        actions = [(r.action, r.detail.get("by") or r.detail.get("reason"))
                   for r in (await uow.session.exec(select(AuditLog))).all()]  # fmt: skip
    assert ("login_second_factor", "recovery_code") in actions
    assert ("login_failed", "wrong_second_factor") in actions


async def test_a_secret_key_change_refuses_codes_rather_than_failing(deps: TriageDeps) -> None:
    staff_id, secret, _ = await _enrolled(deps)
    other_box = Fernet(Fernet.generate_key())

    code = pyotp.TOTP(secret).at(NOW + timedelta(seconds=60))
    assert (
        await check_second_factor(deps, staff_id, code, other_box, NOW + timedelta(seconds=60))
        is None
    )


async def test_turning_it_off_needs_the_password(deps: TriageDeps) -> None:
    staff_id, _, _ = await _enrolled(deps)
    identity = await staff_by_id(deps, staff_id)
    assert identity is not None

    with pytest.raises(StaffError):
        await disable_second_factor(deps, identity, "wrong password", NOW)
    await disable_second_factor(deps, identity, PASSWORD, NOW)

    found = await staff_by_id(deps, staff_id)
    assert found is not None and not found.second_factor


async def test_an_admin_reset_forgets_the_authenticator(deps: TriageDeps) -> None:
    staff_id, _, _ = await _enrolled(deps)
    other_admin = await create_staff_user(deps, "admin2", PASSWORD)

    await reset_password(deps, other_admin, "admin", NOW)

    found = await staff_by_id(deps, staff_id)
    assert found is not None and not found.second_factor and found.must_change_password


async def test_a_key_rotation_keeps_the_authenticator_when_secrets_are_rekeyed(
    deps: TriageDeps, uow_factory: UnitOfWorkFactory
) -> None:
    staff_id, secret, _ = await _enrolled(deps)
    stranger = await create_staff_user(deps, "budi", PASSWORD)
    enrolment = new_enrolment("budi")
    lost = Fernet(Fernet.generate_key())  # a key nobody has any more
    code = pyotp.TOTP(enrolment.secret).at(NOW)
    await enable_second_factor(deps, stranger, enrolment.secret, code, lost, NOW)
    new_box = Fernet(Fernet.generate_key())

    result = await rekey_second_factors(deps, BOX, new_box, "cli", NOW)

    assert (result.rekeyed, result.already, result.unreadable) == (("admin",), (), ("budi",))
    later = NOW + timedelta(seconds=60)
    code = pyotp.TOTP(secret).at(later)
    assert await check_second_factor(deps, staff_id, code, new_box, later) is not None
    again = await rekey_second_factors(deps, BOX, new_box, "cli", later)
    assert (again.rekeyed, again.already) == ((), ("admin",))
    async with uow_factory() as uow:
        rows = (await uow.session.exec(select(AuditLog))).all()
    rekeys = [row.detail for row in rows if row.action == "second_factor_rekeyed"]
    assert rekeys[0] == {"rekeyed": 1, "already": 0, "unreadable": 1}
