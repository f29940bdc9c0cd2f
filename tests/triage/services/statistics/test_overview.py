"""The statistics use case on both databases: what each dimension reads, reports against
children, handling buckets, deadlines, workload, small counts hidden, region scoping."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from tests.support.deps import make_deps
from tests.triage.services.statistics.seed import NOW, D, Filed, file_reports
from triage.domain.statistics.dimensions import Dimension, Granularity, Unit
from triage.domain.statistics.suppression import Entry, Hidden, ProtectedTable
from triage.domain.timezones import WIB
from triage.services.staff.accounts import StaffIdentity
from triage.services.statistics.model import (
    Counted,
    RequestError,
    RequestProblem,
    StatisticsRequest,
    TableKind,
)
from triage.services.statistics.overview import statistics
from triage.storage.uow import UnitOfWorkFactory

ADMIN = StaffIdentity(1, "admin", "admin")
BANDUNG = StaffIdentity(2, "spv.bandung", "supervisor", ("32.73",))


def wib(month: int, day: int, hour: int = 10) -> datetime:
    return datetime(2026, month, day, hour, tzinfo=WIB).astimezone(UTC)


REPORTS = [
    Filed(wib(9, 3), categories=["kekerasan_fisik", "kekerasan_seksual"], age=4, sex="female",
          relation="family", urgency="DARURAT", children=3, contact=D / 2, closure=20 * D,
          worker="Eka", deadlines=["met", "met", "met"]),
    Filed(wib(9, 10), categories=["perdagangan"], band=(13, 17), sex="male", relation="school",
          contact=5 * D, worker="Eka", deadlines=["met", "missed", "running"]),
    Filed(wib(10, 1), "32.04", ["anak_jalanan"], age=9, relation="self", worker="Dewi"),
    Filed(wib(10, 2), "31.74", ["napza"], urgency="RENDAH"),
    Filed(wib(10, 2), "31.74", ["napza"], urgency="RENDAH", duplicate=True),  # left out
    Filed(wib(10, 31, 23), None, [], urgency="SEDANG"),  # 23:00 WIB: still October
    Filed(datetime(2026, 8, 31, 17, 30, tzinfo=UTC)),  # 00:30 WIB on 1 September
    Filed(wib(8, 31, 10)),  # before the range
]  # fmt: skip
SEPT_OCT = (date(2026, 9, 1), date(2026, 10, 31))


@pytest.fixture
async def filed(uow_factory: UnitOfWorkFactory) -> UnitOfWorkFactory:
    await file_reports(uow_factory, REPORTS)
    return uow_factory


async def _stats(uow_factory, viewer=ADMIN, minimum=1, **asked):
    request = StatisticsRequest(*SEPT_OCT, **asked)
    return await statistics(make_deps(uow_factory), viewer, request, WIB, minimum=minimum, now=NOW)


def values(table: ProtectedTable) -> dict[tuple[str, str], int | None]:
    return {
        (row, column): table.cells[i][j].value
        for i, row in enumerate(table.rows)
        for j, column in enumerate(table.columns)
        if table.cells[i][j] != Entry(0)
    }


async def test_reports_by_province_and_harm_per_month(filed) -> None:
    result = await _stats(filed, granularity=Granularity.MONTH)

    september, october = result.counts
    assert (september.period, october.period) == ("2026-09", "2026-10")
    assert september.counted is Counted.REPORTS
    assert september.table.columns == (
        "tppo", "seksual", "eksploitasi", "fisik", "psikis", "penelantaran", "lainnya",
    )  # fmt: skip
    # fisik + seksual counts once, as seksual; a trafficking report as TPPO.
    assert values(september.table) == {("32", "seksual"): 1, ("32", "tppo"): 1, ("32", "fisik"): 1}
    assert values(october.table) == {
        ("32", "penelantaran"): 1,
        ("31", "lainnya"): 1,  # napza; its duplicate is left out
        ("unknown", "lainnya"): 1,
    }
    assert october.table.total == Entry(3)


async def test_children_count_each_child_of_a_report(filed) -> None:
    result = await _stats(filed, rows=Dimension.AGE_BAND, columns=Dimension.SEX, unit=Unit.CHILDREN)

    (whole,) = result.counts
    assert whole.counted is Counted.CHILDREN and whole.period == "2026"
    assert values(whole.table) == {
        ("0-5", "female"): 3,
        ("13-17", "male"): 1,
        ("6-12", "unknown"): 1,
        ("unknown", "unknown"): 3,
    }


async def test_period_as_rows_makes_one_table(filed) -> None:
    result = await _stats(
        filed, rows=Dimension.PERIOD, columns=Dimension.RELATION, granularity=Granularity.QUARTER
    )

    (table,) = result.counts
    assert table.period is None and table.table.rows == ("2026-Q3", "2026-Q4")
    assert values(table.table) == {
        ("2026-Q3", "family"): 1, ("2026-Q3", "school"): 1, ("2026-Q3", "unknown"): 1,
        ("2026-Q4", "self"): 1, ("2026-Q4", "unknown"): 2,
    }  # fmt: skip


async def test_handling_times_and_deadlines(filed) -> None:
    result = await _stats(filed, rows=Dimension.URGENCY, columns=Dimension.HARM)

    closure, contact, deadlines = result.handling
    assert (closure.kind, contact.kind, deadlines.kind) == (
        TableKind.CLOSURE, TableKind.FIRST_CONTACT, TableKind.DEADLINES,
    )  # fmt: skip
    assert closure.table.columns == ("le30", "31-90", "91-180", "gt180", "open")
    assert values(closure.table) == {
        ("DARURAT", "le30"): 1, ("TINGGI", "open"): 3, ("SEDANG", "open"): 1,
        ("RENDAH", "open"): 1,
    }  # fmt: skip
    assert values(contact.table)[("TINGGI", "4-7")] == 1
    assert values(contact.table)[("DARURAT", "le1")] == 1
    assert deadlines.counted is Counted.DEADLINES
    assert values(deadlines.table) == {
        ("DARURAT", "met"): 3, ("TINGGI", "met"): 1, ("TINGGI", "missed"): 1,
    }  # fmt: skip


async def test_workload_per_kabkota_and_month(filed) -> None:
    result = await _stats(filed)

    workload = result.workload
    assert workload.cases.table.columns == ("2026-09", "2026-10")
    assert workload.cases.table.rows == ("32.04", "32.73")
    bandung_september = workload.rows[1][0]
    assert (bandung_september.cases.value, bandung_september.workers) == (2, 1)
    assert bandung_september.per_worker == 2.0


async def test_small_counts_are_hidden(filed) -> None:
    result = await _stats(filed, minimum=5)

    for table in (*result.counts, *result.handling, result.workload.cases):
        grid = [*table.table.cells, table.table.row_totals, table.table.column_totals]
        shown = [e.value for row in grid for e in row] + [table.table.total.value]
        assert not any(value is not None and 0 < value < 5 for value in shown)
    # The year's counts, closure and first contact split the same reports by province: a
    # total hidden in one is hidden in all, or the others would give it away.
    closure, contact, _deadlines = result.handling
    margins = {
        tuple(e.value for e in (*t.table.row_totals, t.table.total))
        for t in (result.counts[0], closure, contact)
    }
    assert len(margins) == 1
    assert result.counts[0].table.total == Entry(6)
    assert result.counts[0].table.row_totals[0].hidden is Hidden.SMALL  # province 31: one
    for line in result.workload.rows:
        for row in line:
            hidden = row.cases.value is None
            assert (row.workers is None, row.per_worker is None) == (
                hidden,
                hidden or not row.workers,
            )


async def test_a_supervisor_counts_only_their_regions(filed) -> None:
    result = await _stats(filed, viewer=BANDUNG)

    (whole,) = result.counts
    assert whole.table.rows == ("32",)
    assert whole.table.total == Entry(3)  # the September reports in Kota Bandung


def test_a_request_needs_two_dimensions_and_dates_in_order() -> None:
    with pytest.raises(RequestError) as same:
        StatisticsRequest(*SEPT_OCT, rows=Dimension.SEX, columns=Dimension.SEX)
    assert same.value.problem is RequestProblem.SAME_DIMENSION
    with pytest.raises(RequestError) as order:
        StatisticsRequest(SEPT_OCT[1], SEPT_OCT[0])
    assert order.value.problem is RequestProblem.WRONG_ORDER
