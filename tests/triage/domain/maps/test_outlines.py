"""Projection to a picture, simplification for its scale, islets dropped, every region kept."""

from __future__ import annotations

import pytest

from triage.domain.maps.outlines import Detail, frame_for, outline_map
from triage.domain.maps.shapes import (
    Boundary,
    BoundaryFormatError,
    boundaries_from_geojson,
    code_gaps,
)


def square(west: float, south: float, size: float) -> tuple[tuple[float, float], ...]:
    return (
        (west, south), (west + size, south), (west + size, south + size),
        (west, south + size), (west, south),
    )  # fmt: skip


BIG = Boundary(
    "32.01", "Kabupaten Besar", ((square(106.0, -7.0, 1.0),), ((square(108.0, -7.0, 0.001)),))
)
TINY = Boundary("32.73", "Kota Kecil", ((square(107.0, -6.0, 0.0005),),))


def test_the_picture_fits_the_box_and_keeps_north_up() -> None:
    frame = frame_for([BIG, TINY], 1000, 500, 10)

    west_north = frame.project((106.0, -6.0 + 0.0005))
    assert west_north == pytest.approx((10, 10))
    assert frame.width <= 1000.001 and frame.height <= 500.001
    x, y = frame.project((107.0, -7.0))
    assert y > 10  # south is lower down
    assert x > 10


def test_islets_are_dropped_but_each_region_keeps_its_largest_ring() -> None:
    drawn = outline_map([BIG, TINY], Detail(max_width=400, max_height=400, min_area=2))

    outlines = {outline.code: outline for outline in drawn.outlines}
    assert len(outlines["32.01"].rings) == 1  # the 0.001° islet is gone
    assert len(outlines["32.73"].rings) == 1  # too small, but it is all the city has
    assert all(len(ring) >= 3 for o in drawn.outlines for ring in o.rings)
    assert drawn.width <= 400 and drawn.height <= 400


def test_coordinates_are_rounded_and_rings_open() -> None:
    drawn = outline_map([BIG], Detail(max_width=200, max_height=200, digits=1))

    ring = drawn.outlines[0].rings[0]
    assert ring[0] != ring[-1]
    assert all(round(v, 1) == v for point in ring for v in point)
    assert len(ring) == 4


def test_geojson_polygons_and_multipolygons_are_read() -> None:
    document = {
        "type": "FeatureCollection",
        "features": [
            {"properties": {"code": "11.01", "name": "A"},
             "geometry": {"type": "Polygon", "coordinates": [[[95, 5], [96, 5], [96, 6], [95, 5]]]}},
            {"properties": {"code": "11.02", "name": "B"},
             "geometry": {"type": "MultiPolygon",
                          "coordinates": [[[[95, 5], [96, 5], [96, 6], [95, 5]]],
                                          [[[97, 5], [98, 5], [98, 6], [97, 5]]]]}},
        ],
    }  # fmt: skip

    a, b = boundaries_from_geojson(document)

    assert (a.code, a.name, len(a.polygons)) == ("11.01", "A", 1)
    assert len(b.rings()) == 2 and b.province_code == "11"


@pytest.mark.parametrize(
    "document",
    [
        {"type": "Feature"},
        {"type": "FeatureCollection", "features": [{"properties": {}, "geometry": {}}]},
        {
            "type": "FeatureCollection",
            "features": [{"properties": {"code": "1", "name": "x"}, "geometry": {"type": "Point"}}],
        },
    ],
)
def test_anything_else_is_refused(document) -> None:
    with pytest.raises(BoundaryFormatError):
        boundaries_from_geojson(document)


def test_code_gaps_name_both_sides() -> None:
    gaps = code_gaps(["32.01", "32.02"], [BIG, TINY])
    assert gaps.without_boundary == ("32.02",)
    assert gaps.unknown == ("32.73",)
