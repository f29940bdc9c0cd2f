"""The child's age is stored as given and read back the same, on both databases."""

from __future__ import annotations

import pytest
from sqlmodel import select

from tests.triage.services.intake.test_submit import deps_for, facts, submit
from triage.domain.age import ChildAge
from triage.services.assessment.replay import stored_facts
from triage.storage.tables import Report
from triage.storage.uow import UnitOfWorkFactory


@pytest.mark.parametrize(
    ("age", "columns"),
    [
        (ChildAge.exact(7), (7, None, None)),
        (ChildAge.exact(12), (12, None, None)),
        (ChildAge.band(6, 12), (None, 6, 12)),
        (ChildAge.band(0, 5), (None, 0, 5)),
        (ChildAge(), (None, None, None)),
    ],
)
async def test_stored_as_given_and_replayed_the_same(
    uow_factory: UnitOfWorkFactory, age: ChildAge, columns: tuple[int | None, ...]
) -> None:
    reference = await submit(deps_for(uow_factory), facts(child_age=age))
    async with uow_factory() as uow:
        report = (await uow.session.exec(select(Report).where(Report.reference == reference))).one()
    assert (report.child_age, report.age_band_lower, report.age_band_upper) == columns
    replayed = await stored_facts(deps_for(uow_factory))
    assert [stored.child_age for _, stored in replayed] == [age]
