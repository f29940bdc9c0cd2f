"""region_filter selects exactly the rows roster.codes_cover accepts; on both databases."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from sqlmodel import col, select

from triage.domain.roster import codes_cover
from triage.storage.filters import region_filter
from triage.storage.tables import Report
from triage.storage.uow import UnitOfWorkFactory

T0 = datetime(2026, 11, 23, 1, 0, tzinfo=UTC)
# Stored region codes (at most 8 characters, the column's length), well-formed and not.
ROW_CODES: tuple[str | None, ...] = (
    "32.73", "32.74", "32.01", "33.01", "31.74", "32.73.05", "32", "3", "3.27", "323.1",
    "32.7", "32.", ".73", "", "32..73", "32.73 ", "%", "%.73", "_2.73", "3_.73", "32.%",
    "a.1", "A.1", "/.1", "\\.1", None,
)  # fmt: skip
NASTY = ("%", "_", "", ".", "..", "3", "32.", "32..", ".73", "3_", "%.73", "/", "\\", "a", "A")
WELL_FORMED = st.from_regex(r"\d{2}(\.\d{2}){0,2}", fullmatch=True)
SEEN = st.sampled_from([code for code in ROW_CODES if code is not None])
CODE = SEEN | WELL_FORMED | st.sampled_from(NASTY) | st.text("0123.%_aA/\\ ", max_size=6)


@pytest.fixture
async def seeded(uow_factory: UnitOfWorkFactory) -> UnitOfWorkFactory:
    """One report per stored code, referenced by its position in ROW_CODES."""
    async with uow_factory() as uow:
        for n, code in enumerate(ROW_CODES):
            uow.session.add(
                Report(
                    reference=f"R{n:02d}", received_at=T0, reporter_chat_id=n,
                    kabkota_code=code, urgency="SEDANG",
                )
            )  # fmt: skip
        await uow.commit()
    return uow_factory


async def _selected(uow_factory: UnitOfWorkFactory, codes: list[str]) -> set[str | None]:
    query = select(col(Report.reference)).where(region_filter(col(Report.kabkota_code), codes))
    async with uow_factory() as uow:
        references = set(await uow.session.exec(query))
    return {code for n, code in enumerate(ROW_CODES) if f"R{n:02d}" in references}


@pytest.mark.parametrize(
    ("codes", "expected"),
    [
        ([], set()),
        (["32.73"], {"32.73"}),
        (["32"], {"32.73", "32.74", "32.01", "32.73.05", "32", "32.7", "32.", "32..73",
                  "32.73 ", "32.%"}),
        (["3"], {"3", "3.27"}),
        (["32.7", "33"], {"32.7", "33.01"}),
        (["%"], {"%", "%.73"}),
        (["_"], set()),
        (["_2", "3_"], {"_2.73", "3_.73"}),
        ([""], {"", ".73"}),
        (["a"], {"a.1"}),
        (["/", "\\"], {"/.1", "\\.1"}),
    ],
)  # fmt: skip
async def test_region_filter_examples(
    seeded: UnitOfWorkFactory, codes: list[str], expected: set[str]
) -> None:
    assert await _selected(seeded, codes) == expected


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(codes=st.lists(CODE, max_size=4))
@example(codes=["32", "32.73"])
@example(codes=["%", "_", "", "3"])
async def test_region_filter_selects_what_codes_cover_accepts(
    seeded: UnitOfWorkFactory, codes: list[str]
) -> None:
    expected = {code for code in ROW_CODES if codes_cover(codes, code)}
    assert await _selected(seeded, codes) == expected
