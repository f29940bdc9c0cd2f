"""The one adapter over the region directory serves the questionnaire and the batch assessor."""

from __future__ import annotations

import pytest

from tests.support.deps import real_regions
from triage.domain.intake.regions_port import RegionLookup
from triage.services.assessment.input import RegionResolver
from triage.services.regions.lookup import DirectoryLookup


@pytest.fixture(scope="module")
def lookup() -> DirectoryLookup:
    return real_regions()


def test_it_is_both_ports(lookup: DirectoryLookup) -> None:
    questionnaire: RegionLookup = lookup
    assessor: RegionResolver = lookup
    assert questionnaire.name("32.73") and assessor.by_code("32.73")


def test_the_questionnaire_sees_the_province_beside_a_kabupaten_or_kota(
    lookup: DirectoryLookup,
) -> None:
    assert ("32.73", "Kota Bandung, Jawa Barat") in lookup.search("kota bandung", 3)
    assert lookup.match("kota bandung") == ("32.73", "Kota Bandung, Jawa Barat")
    assert lookup.match("bandung kab") == ("32.04", "Kab. Bandung, Jawa Barat")
    assert lookup.match("bandung") is None
    assert lookup.match("zzzz qqqq") is None
    assert lookup.nearest(-6.9, 107.6) == ("32.73", "Kota Bandung, Jawa Barat")
    assert lookup.name("32.73") == "Kota Bandung, Jawa Barat"
    assert lookup.name("32") == "Jawa Barat"
    assert lookup.name("99.99") is None
    assert ("31.74", "Kota Jakarta Selatan") in lookup.kabkota_in("31")
    assert ("32", "Jawa Barat") in lookup.provinces()


@pytest.mark.parametrize(
    ("method", "argument", "expected"),
    [
        ("by_code", " 32.73 ", ("32.73", "Kota Bandung")),
        ("by_code", "32.99", None),
        ("by_text", "kota bandung", ("32.73", "Kota Bandung")),
        ("by_text", "zzzz qqqq", None),
    ],
)
def test_the_assessor_gets_official_names(
    lookup: DirectoryLookup, method: str, argument: str, expected: tuple[str, str] | None
) -> None:
    assert getattr(lookup, method)(argument) == expected


def test_a_point_resolves_to_the_nearest_kabupaten_or_kota(lookup: DirectoryLookup) -> None:
    assert lookup.by_point(-6.9, 107.6) == ("32.73", "Kota Bandung")


def test_kept_names_and_lists_are_the_directorys() -> None:
    lookup = real_regions()
    fresh = DirectoryLookup(lookup.directory)
    for _ in range(2):  # built, then kept
        assert fresh.provinces() == tuple(
            (p.code, p.short_name) for p in fresh.directory.provinces()
        )
        assert fresh.kabkota_in("32") == tuple(
            (k.code, k.short_name) for k in fresh.directory.kabkota_in("32")
        )
        assert fresh.kabkota_in("99") == ()
        assert fresh.name("32.73") == "Kota Bandung, Jawa Barat"
        assert fresh.name("32") == "Jawa Barat"
        assert fresh.name("99.99") is None
