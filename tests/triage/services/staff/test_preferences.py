"""A staff member's language, kept on the account: saved, read back with the identity, an
unknown one refused with nothing saved, and never audited; on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import select

from triage.services.common.deps import TriageDeps
from triage.services.staff.accounts import create_staff_user, staff_by_id
from triage.services.staff.preferences import UnknownLanguage, set_language
from triage.services.staff.sessions import ClientInfo, SessionPolicy, open_session, resume_session
from triage.storage.tables import AuditLog
from triage.storage.uow import UnitOfWorkFactory

NOW = datetime(2026, 11, 23, 1, 0, tzinfo=UTC)
PASSWORD = "correct horse battery"


async def test_a_new_account_has_not_chosen_a_language(deps: TriageDeps) -> None:
    spv = await create_staff_user(deps, "spv", PASSWORD, "supervisor", ["32.73"])

    assert spv.language is None


async def test_the_language_is_kept_on_the_account_and_comes_with_every_session(
    deps: TriageDeps,
) -> None:
    spv = await create_staff_user(deps, "spv", PASSWORD, "supervisor", ["32.73"])
    phone = await open_session(deps, spv.id, {}, ClientInfo(), NOW, SessionPolicy())

    await set_language(deps, spv, "en")

    found = await staff_by_id(deps, spv.id)
    resumed = await resume_session(deps, phone, NOW + timedelta(minutes=1), SessionPolicy())
    assert found is not None and found.language == "en"
    assert resumed is not None and resumed.identity.language == "en"


@pytest.mark.parametrize("language", ["fr", "", "EN", "en-US", "id'; --"])
async def test_an_unknown_language_is_refused_and_nothing_is_saved(
    deps: TriageDeps, language: str
) -> None:
    spv = await create_staff_user(deps, "spv", PASSWORD, "supervisor", ["32.73"])
    await set_language(deps, spv, "id")

    with pytest.raises(UnknownLanguage):
        await set_language(deps, spv, language)

    found = await staff_by_id(deps, spv.id)
    assert found is not None and found.language == "id"


async def test_choosing_a_language_is_not_audited(
    deps: TriageDeps, uow_factory: UnitOfWorkFactory
) -> None:
    spv = await create_staff_user(deps, "spv", PASSWORD, "supervisor", ["32.73"])

    await set_language(deps, spv, "en")

    async with uow_factory() as uow:
        assert (await uow.session.exec(select(AuditLog))).all() == []
