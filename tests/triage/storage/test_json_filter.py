"""json_list_contains (one code) and json_list_contains_any (several) select exactly the rows
whose list holds the code, on both databases."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlmodel import col, select

from triage.domain.model import Category
from triage.storage.filters import json_list_contains, json_list_contains_any
from triage.storage.tables import Report
from triage.storage.uow import UnitOfWorkFactory

T0 = datetime(2026, 11, 23, 1, 0, tzinfo=UTC)
LISTS = [
    [], ["napza"], ["napza", "pornografi"], ["kekerasan_fisik"], ["kekerasan_psikis"],
    ["lainnya", "anak_jalanan", "napza"], ["kekerasan_fisik_x"], ["x_napza"],
]  # fmt: skip
CODES = [*(c.value for c in Category), "kekerasan", "fisik", "napz", "x_napza", "%", "_", "[]"]


async def add_reports(uow_factory: UnitOfWorkFactory) -> None:
    async with uow_factory() as uow:
        for n, categories in enumerate(LISTS):
            uow.session.add(
                Report(reference=f"R{n}", received_at=T0, reporter_chat_id=n, urgency="SEDANG",
                       categories=categories)
            )  # fmt: skip
        await uow.commit()


async def test_exactly_the_lists_holding_the_code(uow_factory: UnitOfWorkFactory) -> None:
    await add_reports(uow_factory)
    async with uow_factory() as uow:
        for code in CODES:
            query = select(col(Report.reference)).where(
                json_list_contains(col(Report.categories), code)
            )
            found = set((await uow.session.exec(query)).all())
            assert found == {f"R{n}" for n, items in enumerate(LISTS) if code in items}, code


ANY_OF = [
    [], ["napza"], ["kekerasan", "fisik"], ["kekerasan_fisik", "x_napza"], CODES,
    ['a"b', "a\\b", "napza"], ["%", "_", "[]", ""],
]  # fmt: skip


async def test_exactly_the_lists_holding_any_of_the_codes(uow_factory: UnitOfWorkFactory) -> None:
    await add_reports(uow_factory)
    async with uow_factory() as uow:
        for codes in ANY_OF:
            query = select(col(Report.reference)).where(
                json_list_contains_any(col(Report.categories), codes)
            )
            found = set((await uow.session.exec(query)).all())
            expected = {f"R{n}" for n, items in enumerate(LISTS) if set(codes) & set(items)}
            assert found == expected, codes


@pytest.mark.parametrize("code", ["", 'a"b', "a\\b", "a\nb"])
def test_a_code_with_quotes_or_controls_is_refused(code: str) -> None:
    with pytest.raises(ValueError, match="plain text"):
        json_list_contains(col(Report.categories), code)
