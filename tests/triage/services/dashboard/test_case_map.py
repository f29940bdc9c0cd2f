"""The case map use case on both databases: open cases and accept breaches per kabupaten/kota,
the country or one province, scoped to the viewer's regions."""

from __future__ import annotations

from datetime import date

import pytest

from tests.support.deps import make_deps
from tests.triage.services.dashboard.seed import NOW, seed_cases
from tests.triage.services.dashboard.test_overview import ADMIN, BANDUNG, CASES, JABAR, PERIOD
from triage.domain.period import Period
from triage.domain.timezones import WIB
from triage.services.dashboard.case_map import (
    MapLayer,
    case_map,
    default_province,
    map_provinces,
)
from triage.services.dashboard.model import Tally
from triage.services.staff.accounts import StaffIdentity
from triage.storage.uow import UnitOfWorkFactory

TWO_PROVINCES = StaffIdentity(4, "spv.two", "supervisor", ("32.73", "31"))


@pytest.fixture
async def seeded(uow_factory: UnitOfWorkFactory) -> UnitOfWorkFactory:
    await seed_cases(uow_factory, CASES)
    return uow_factory


async def _map(uow_factory, viewer=ADMIN, layer=MapLayer.OPEN, province=None):
    return await case_map(
        make_deps(uow_factory), viewer, layer, PERIOD, WIB,
        province=province, minimum=5, now=NOW,
    )  # fmt: skip


async def test_open_cases_per_kabupaten_kota_over_the_whole_country(seeded) -> None:
    result = await _map(seeded)

    assert len(result.outlines.outlines) == 514
    assert len(result.counts) == 514  # every region in an admin's reach, zeros included
    assert result.counts["32.73"] == 4  # LS-B, C, D and F
    assert result.counts["31.74"] == 1
    assert result.counts["11.01"] == 0
    assert result.not_on_map == 1  # LS-G: its place is not known yet
    assert result.classes.of(4) == 1  # fewer than five
    assert result.gaps.without_boundary == () and result.gaps.unknown == ()


async def test_accept_breaches_of_the_period(seeded) -> None:
    result = await _map(seeded, layer=MapLayer.ACCEPT_BREACHES)

    assert result.counts["32.73"] == 2  # LS-B fired, LS-C overdue
    assert result.tallies["32.73"] == Tally(4, 2)  # LS-A and LS-D met theirs
    assert result.counts["31.74"] == 0


async def test_a_supervisor_in_one_province_sees_it_with_others_outside(seeded) -> None:
    assert default_province(BANDUNG) == "32"

    result = await _map(seeded, viewer=BANDUNG, province="32")

    assert {outline.province_code for outline in result.outlines.outlines} == {"32"}
    assert result.counts == {"32.73": 4}  # the other Jawa Barat regions are not theirs
    assert result.not_on_map == 0


async def test_a_province_supervisor_has_every_region_of_it(seeded) -> None:
    result = await _map(seeded, viewer=JABAR, province="32")

    assert len(result.counts) == len(result.outlines.outlines) == 27
    assert result.counts["32.73"] == 4


async def test_the_provinces_a_viewer_may_zoom_into() -> None:
    assert len(map_provinces(ADMIN)) == 38
    assert default_province(ADMIN) is None
    assert map_provinces(TWO_PROVINCES) == ("31", "32")
    assert default_province(TWO_PROVINCES) is None


async def test_a_supervisor_over_two_provinces_sees_only_their_counts_nationally(seeded) -> None:
    result = await _map(seeded, viewer=TWO_PROVINCES)

    assert result.counts["32.73"] == 4 and result.counts["31.74"] == 1
    assert len(result.counts) == 1 + 6  # Kota Bandung, and DKI Jakarta's six
    assert "32.01" not in result.counts


async def test_the_period_bounds_the_breaches(seeded, uow_factory) -> None:
    deps = make_deps(uow_factory)
    late = Period(date(2026, 11, 16), date(2026, 11, 22))
    result = await case_map(
        deps, ADMIN, MapLayer.ACCEPT_BREACHES, late, WIB, province="32", minimum=5, now=NOW
    )
    assert result.tallies["32.73"] == Tally(2, 1)  # LS-C (overdue) and LS-D (met)
