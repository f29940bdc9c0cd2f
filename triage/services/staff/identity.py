"""Who a staff member is, as the use cases see it: enough to authorise, nothing secret."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, cast

from triage.storage.tables import StaffUser

StaffRole = Literal["admin", "supervisor"]
ROLES: tuple[StaffRole, ...] = ("admin", "supervisor")


@dataclass(frozen=True, slots=True)
class StaffIdentity:
    """Who is logged in: enough to authorise, nothing secret."""

    id: int
    username: str
    role: StaffRole
    region_codes: tuple[str, ...] = ()
    must_change_password: bool = False  # a temporary password: only the account page opens
    second_factor: bool = False  # a TOTP authenticator is set up
    language: str | None = None  # the admin view's language they chose; None: not yet


def identity_of(user: StaffUser) -> StaffIdentity:
    assert user.id is not None
    return StaffIdentity(
        id=user.id,
        username=user.username,
        role=cast(StaffRole, user.role),
        region_codes=tuple(user.region_codes),
        must_change_password=user.must_change_password,
        second_factor=user.totp_secret is not None,
        language=user.language,
    )
