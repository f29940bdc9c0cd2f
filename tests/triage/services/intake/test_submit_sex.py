"""The child's sex is stored as given (unknown as NULL) and read back for staff, on both
databases."""

from __future__ import annotations

from dataclasses import replace

import pytest
from sqlmodel import select

from tests.triage.services.intake.test_submit import DETAILS, deps_for, facts
from triage.domain.child_sex import ChildSex
from triage.services.cases.facts import case_child_sex
from triage.services.intake.submit import submit_report
from triage.storage.tables import Report
from triage.storage.uow import UnitOfWorkFactory


@pytest.mark.parametrize(
    ("sex", "column"),
    [(ChildSex.FEMALE, "female"), (ChildSex.MALE, "male"), (None, None)],
)
async def test_stored_as_given_and_read_back_the_same(
    uow_factory: UnitOfWorkFactory, sex: ChildSex | None, column: str | None
) -> None:
    deps = deps_for(uow_factory)
    async with deps.uow() as uow:
        details = replace(DETAILS, child_sex=sex)
        submitted = await submit_report(uow.session, deps, facts(), details, 1001)
        await uow.commit()
    async with uow_factory() as uow:
        query = select(Report).where(Report.reference == submitted.reference)
        report = (await uow.session.exec(query)).one()
    assert report.child_sex == column
    assert case_child_sex(report) is sex


@pytest.mark.parametrize("stored", ["", "unknown", "FEMALE", "x" * 8])
async def test_anything_else_stored_reads_as_unknown(stored: str) -> None:
    assert case_child_sex(Report(reference="LS-X", urgency="SEDANG", child_sex=stored)) is None
