"""The statistics grouped by the database give exactly the tables of one row per report
counted in Python, on generated reports (month edges in WIB, handling times on the buckets'
limits, missing values, duplicates, deadlines), on both databases."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, time, timedelta

import pytest

from tests.triage.services.statistics.per_report import case_facts
from tests.triage.services.statistics.seed import NOW, D, Filed, file_reports
from triage.domain.statistics.dimensions import Dimension, Granularity, Unit
from triage.domain.timezones import WIB
from triage.services.staff.accounts import StaffIdentity
from triage.services.statistics.grouped import case_groups
from triage.services.statistics.harm_source import load_harm_mapping
from triage.services.statistics.model import StatisticsRequest
from triage.services.statistics.overview import tabulate
from triage.services.statistics.query import scope
from triage.storage.uow import UnitOfWorkFactory

FIRST, LAST = date(2026, 8, 20), date(2026, 11, 10)
REGIONS = ("32.73", "32.73", "32.04", "31.74", None)
CATEGORIES = (["kekerasan_fisik"], ["kekerasan_fisik", "kekerasan_seksual"], ["perdagangan"],
              ["napza", "anak_jalanan"], [], ["tidak_dikenal"])  # fmt: skip
SPANS = (None, -D, D / 3, D, D + timedelta(microseconds=1), 3 * D, 7 * D, 8 * D, 30 * D,
         30 * D + timedelta(minutes=1), 90 * D, 180 * D, 181 * D)  # fmt: skip
DEADLINES = ("met", "missed", "running")


def _received(chance: random.Random) -> datetime:
    if chance.random() < 0.2:  # around a local midnight at a month's turn
        month = chance.choice((9, 10, 11))
        edge = datetime(2026, month, 1, tzinfo=WIB) + timedelta(minutes=chance.randint(-90, 90))
        return edge.astimezone(UTC)
    start = datetime.combine(FIRST, time(), tzinfo=WIB) - 2 * D
    return (start + timedelta(seconds=chance.randint(0, 86 * 86400))).astimezone(UTC)


def _reports(count: int) -> list[Filed]:
    chance = random.Random(7)
    return [
        Filed(
            _received(chance),
            chance.choice(REGIONS),
            chance.choice(CATEGORIES),
            age=chance.choice((None, 3, 9, 15, 19)),
            band=chance.choice((None, None, (6, 12), (10, 15))),
            sex=chance.choice((None, "female", "male")),
            relation=chance.choice((None, "family", "school", "other")),
            urgency=chance.choice(("DARURAT", "TINGGI", "SEDANG", "RENDAH")),
            children=chance.choice((None, 0, 1, 2, 5)),
            contact=chance.choice(SPANS),
            closure=chance.choice(SPANS),
            worker=chance.choice((None, "Eka", "Dewi", "Sari")),
            duplicate=chance.random() < 0.05,
            deadlines=[chance.choice(DEADLINES) for _ in range(chance.randint(0, 3))],
        )
        for _ in range(count)
    ]


REQUESTS = [
    StatisticsRequest(FIRST, LAST, Dimension.KABKOTA, Dimension.HARM, Granularity.MONTH),
    StatisticsRequest(
        FIRST, LAST, Dimension.PERIOD, Dimension.AGE_BAND, Granularity.MONTH, Unit.CHILDREN
    ),
    StatisticsRequest(FIRST, LAST, Dimension.SEX, Dimension.PERIOD, Granularity.QUARTER),
    StatisticsRequest(
        FIRST, LAST, Dimension.RELATION, Dimension.URGENCY, Granularity.YEAR, Unit.CHILDREN
    ),
    StatisticsRequest(FIRST, LAST, Dimension.PROVINCE, Dimension.KABKOTA, Granularity.QUARTER),
]


@pytest.mark.parametrize("minimum", [1, 5])
async def test_grouped_tables_equal_those_of_one_row_per_report(
    uow_factory: UnitOfWorkFactory, minimum: int
) -> None:
    await file_reports(uow_factory, _reports(150) * 3)  # alike reports, to be grouped
    harms = load_harm_mapping()
    start = datetime.combine(FIRST, time(), tzinfo=WIB)
    end = datetime.combine(LAST + D, time(), tzinfo=WIB)
    where = scope(StaffIdentity(1, "admin", "admin"), start, end)
    async with uow_factory() as uow:
        each = await case_facts(uow.session, where, zone=WIB, harms=harms, now=NOW)
        for request in REQUESTS:
            grouped = await case_groups(
                uow.session, where, first=FIRST, last=LAST, zone=WIB, harms=harms, now=NOW,
                dimensions=frozenset((request.rows, request.columns)),
            )  # fmt: skip

            assert sum(g.reports for g in grouped) == len(each) > 400
            assert len(grouped) < len(each)
            assert tabulate(grouped, request, harms, minimum) == tabulate(
                each, request, harms, minimum
            ), request
