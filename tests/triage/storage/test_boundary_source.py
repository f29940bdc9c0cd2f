"""The bundled kabupaten/kota boundaries: every code matches the region list, and the
attribution travels with the data."""

from __future__ import annotations

from importlib import resources

from triage.domain.maps.shapes import code_gaps
from triage.storage.boundary_source import BOUNDARIES_PACKAGE, load_boundaries
from triage.storage.region_source import load_region_directory


def test_every_kabupaten_kota_has_exactly_one_boundary_and_no_code_is_unknown() -> None:
    directory = load_region_directory()
    known = [k.code for p in directory.provinces() for k in directory.kabkota_in(p.code)]
    boundaries = load_boundaries()

    gaps = code_gaps(known, boundaries)

    assert gaps.without_boundary == () and gaps.unknown == ()
    assert len(boundaries) == len({b.code for b in boundaries}) == 514


def test_boundaries_are_indonesian_longitude_latitude_rings() -> None:
    for boundary in load_boundaries():
        assert boundary.rings(), boundary.code
        for ring in boundary.rings():
            assert len(ring) >= 4
            for lng, lat in ring:
                assert 94 <= lng <= 142 and -12 <= lat <= 7, boundary.code


def test_the_licence_and_attribution_are_next_to_the_data() -> None:
    folder = resources.files(BOUNDARIES_PACKAGE)
    licence = folder.joinpath("LICENSE-wilayah_boundaries.txt").read_text("utf-8")
    readme = folder.joinpath("README.md").read_text("utf-8")
    assert "MIT License" in licence and "Cahya DSN" in licence
    assert "wilayah_boundaries" in readme and "Cahya DSN" in readme
