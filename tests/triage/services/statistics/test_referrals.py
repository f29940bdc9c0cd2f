"""The statistics' referrals on both databases: service type × status over the period and
the viewer's (or a partner's) regions, small counts hidden, in JSON and CSV."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from tests.support.deps import make_deps
from tests.triage.services.statistics.seed import NOW, Filed, Referred, file_reports, refer
from triage.domain.referrals import ReferralStatus, ServiceType
from triage.domain.statistics.suppression import Entry, Hidden
from triage.domain.timezones import WIB
from triage.services.partners.stats import statistics_table
from triage.services.staff.accounts import StaffIdentity
from triage.services.statistics.export import as_json, csv_rows
from triage.services.statistics.model import Counted, StatisticsRequest, TableKind
from triage.services.statistics.overview import statistics
from triage.storage.uow import UnitOfWorkFactory

ADMIN = StaffIdentity(1, "admin", "admin")
BANDUNG = StaffIdentity(2, "spv.bandung", "supervisor", ("32.73",))
SEPT_OCT = (date(2026, 9, 1), date(2026, 10, 31))
MADE = datetime(2026, 9, 15, 3, 0, tzinfo=UTC)
# (kabupaten/kota of the case, type, status, how many, made)
REFERRALS: list[Referred] = [
    ("32.73", "uptd_ppa", "sent", 6, MADE),
    ("32.73", "uptd_ppa", "completed", 7, MADE),
    ("32.73", "puskesmas", "declined", 2, MADE),
    ("31.74", "lbh", "accepted", 5, MADE),
    ("32.73", "lbh", "sent", 3, datetime(2026, 8, 31, 16, 59, tzinfo=UTC)),  # 23:59 WIB: August
    ("32.73", "lbh", "sent", 4, datetime(2026, 10, 31, 17, 0, tzinfo=UTC)),  # 1 November WIB
]


@pytest.fixture
async def referred(uow_factory: UnitOfWorkFactory) -> UnitOfWorkFactory:
    await file_reports(
        uow_factory,
        [Filed(MADE - timedelta(days=30), "32.73"), Filed(MADE - timedelta(days=30), "31.74")],
    )
    await refer(uow_factory, REFERRALS)
    return uow_factory


async def _stats(uow_factory, viewer=ADMIN, minimum=1):
    request = StatisticsRequest(*SEPT_OCT)
    return await statistics(make_deps(uow_factory), viewer, request, WIB, minimum=minimum, now=NOW)


async def test_referrals_by_service_type_and_status(referred) -> None:
    referrals = (await _stats(referred)).referrals

    assert (referrals.kind, referrals.counted) == (TableKind.REFERRALS, Counted.REFERRALS)
    table = referrals.table
    assert table.rows == tuple(t.value for t in ServiceType)
    assert table.columns == ("sent", "accepted", "completed", "declined")
    counts = {
        (row, column): table.cells[i][j].value
        for i, row in enumerate(table.rows)
        for j, column in enumerate(table.columns)
        if table.cells[i][j].value
    }
    # Those made before the first local day or after the last are left out.
    assert counts == {
        ("uptd_ppa", "sent"): 6,
        ("uptd_ppa", "completed"): 7,
        ("puskesmas", "declined"): 2,
        ("lbh", "accepted"): 5,
    }
    assert [e.value for e in table.column_totals] == [6, 5, 7, 2]
    assert table.total == Entry(20)


async def test_a_small_referral_count_is_hidden_with_its_complements(referred) -> None:
    table = (await _stats(referred, minimum=5)).referrals.table

    puskesmas = table.rows.index(ServiceType.PUSKESMAS)
    declined = table.columns.index(ReferralStatus.DECLINED)
    assert table.cells[puskesmas][declined] == Entry(None, Hidden.SMALL)
    assert table.row_totals[puskesmas] == Entry(None, Hidden.SMALL)
    assert table.column_totals[declined] == Entry(None, Hidden.SMALL)
    grid = [*table.cells, table.row_totals, table.column_totals, (table.total,)]
    shown = [e.value for line in grid for e in line]
    assert not any(value is not None and 0 < value < 5 for value in shown)
    # Puskesmas' 2 hidden alone would be the grand total less the rest: more is hidden.
    assert table.hidden_count > 3
    assert table.cells[table.rows.index(ServiceType.UPTD_PPA)][0] == Entry(6)


async def test_a_supervisor_and_a_partner_count_only_their_regions(referred) -> None:
    bandung = (await _stats(referred, viewer=BANDUNG)).referrals.table
    jakarta = (
        await statistics_table(
            make_deps(referred), ["31"], StatisticsRequest(*SEPT_OCT), WIB, minimum=1, now=NOW
        )
    ).referrals.table

    assert bandung.total == Entry(15)
    assert jakarta.total == Entry(5)
    assert jakarta.cells[jakarta.rows.index(ServiceType.LBH)][1] == Entry(5)


async def test_the_export_writes_the_referrals(referred) -> None:
    result = await _stats(referred, minimum=5)

    data = as_json(result)["referrals"]
    lines = [line for line in csv_rows(result) if line[0] == "referrals"]

    assert (data["row_dimension"], data["column_dimension"]) == ("service_type", "referral_status")
    assert data["counted"] == "referrals"
    assert len(lines) == (len(ServiceType) + 1) * 5
    assert ("referrals", "referrals", "", "service_type", "puskesmas", "referral_status",
            "declined", "< 5", "small") in lines  # fmt: skip
    assert ("referrals", "referrals", "", "service_type", "uptd_ppa", "referral_status",
            "sent", "6", "") in lines  # fmt: skip
