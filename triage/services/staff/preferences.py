"""What staff choose for themselves that is not about security: the admin view's language.

Not audited: the audit log records who saw or changed cases and accounts' security (logins,
passwords, second factors, activation); a language says nothing about either.
"""

from __future__ import annotations

from sqlalchemy import update
from sqlmodel import col

from triage.i18n import LANGUAGES
from triage.services.common.deps import TriageDeps
from triage.services.staff.identity import StaffIdentity
from triage.storage.tables import StaffUser


class UnknownLanguage(ValueError):
    """The admin view has no such language."""


async def set_language(deps: TriageDeps, identity: StaffIdentity, language: str) -> None:
    """Remember `language` on the account, for every browser it logs in from."""
    if language not in LANGUAGES:
        raise UnknownLanguage(language)
    async with deps.uow() as uow:
        await uow.session.exec(
            update(StaffUser).where(col(StaffUser.id) == identity.id).values(language=language)
        )
        await uow.commit()
