"""Douglas-Peucker simplification and ring areas."""

from __future__ import annotations

import itertools
import math

from hypothesis import given
from hypothesis import strategies as st

from triage.domain.maps.simplify import ring_area, simplify, simplify_ring


def test_points_on_a_line_reduce_to_its_ends() -> None:
    assert simplify([(0, 0), (1, 0.01), (2, -0.01), (3, 0)], 0.1) == [(0, 0), (3, 0)]


def test_a_corner_beyond_the_tolerance_stays() -> None:
    line = [(0, 0), (1, 0), (2, 0), (2, 1), (2, 2)]
    assert simplify(line, 0.1) == [(0, 0), (2, 0), (2, 2)]


def test_a_zero_tolerance_keeps_everything() -> None:
    points = [(0, 0), (1, 0.01), (2, 0)]
    assert simplify(points, 0) == points


def test_a_closed_ring_stays_a_shape() -> None:
    square = [(0, 0), (5, 0.1), (10, 0), (10, 10), (5, 10.1), (0, 10), (0, 0)]

    simplified = simplify_ring(square, 0.5)

    assert sorted(simplified) == [(0, 0), (0, 10), (10, 0), (10, 10)]
    assert ring_area(simplified) == 100


def test_area_is_the_same_whichever_way_a_ring_winds() -> None:
    triangle = [(0, 0), (4, 0), (0, 3)]
    assert ring_area(triangle) == ring_area(list(reversed(triangle))) == 6


@given(
    st.lists(st.tuples(st.floats(-100, 100), st.floats(-100, 100)), min_size=3, max_size=80),
    st.floats(0.01, 5),
)
def test_every_dropped_point_lies_within_the_tolerance(points, tolerance) -> None:
    points = list(dict.fromkeys((x + 0.0, y + 0.0) for x, y in points))  # -0.0 is 0.0
    if len(points) < 3:
        return
    kept = simplify(points, tolerance)
    assert kept[0] == points[0] and kept[-1] == points[-1]
    indexes = [points.index(p) for p in kept]
    for a, b in itertools.pairwise(indexes):
        (ax, ay), (bx, by) = points[a], points[b]
        for px, py in points[a + 1 : b]:
            assert _distance(px, py, ax, ay, bx, by) <= tolerance + 1e-9


def _distance(px, py, ax, ay, bx, by) -> float:
    dx, dy = bx - ax, by - ay
    length = dx * dx + dy * dy
    t = 0.0 if length == 0 else max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / length))
    return math.hypot(px - (ax + t * dx), py - (ay + t * dy))
