"""Douglas-Peucker line simplification and ring areas, on projected points. Pure."""

from __future__ import annotations

from collections.abc import Sequence

from triage.domain.maps.shapes import Point


def _distance_sq(point: Point, start: Point, end: Point) -> float:
    """Squared distance from `point` to the segment start-end."""
    (px, py), (ax, ay), (bx, by) = point, start, end
    dx, dy = bx - ax, by - ay
    length_sq = dx * dx + dy * dy
    if length_sq == 0:
        return (px - ax) ** 2 + (py - ay) ** 2
    t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / length_sq))
    cx, cy = ax + t * dx, ay + t * dy
    return (px - cx) ** 2 + (py - cy) ** 2


def simplify(points: Sequence[Point], tolerance: float) -> list[Point]:
    """The points that keep the line within `tolerance` of the original; ends always kept.

    Iterative (an explicit stack), so a long coastline cannot exhaust the recursion limit.
    """
    if len(points) < 3 or tolerance <= 0:
        return list(points)
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    limit = tolerance * tolerance
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        farthest, worst = 0, limit
        for index in range(first + 1, last):
            distance = _distance_sq(points[index], points[first], points[last])
            if distance > worst:
                farthest, worst = index, distance
        if farthest:
            keep[farthest] = True
            stack.extend(((first, farthest), (farthest, last)))
    return [point for point, kept in zip(points, keep, strict=True) if kept]


def simplify_ring(ring: Sequence[Point], tolerance: float) -> list[Point]:
    """A closed ring simplified from its two farthest-apart ends, so it stays a shape.

    A ring's first and last points coincide, which would make one Douglas-Peucker pass
    measure against a segment of length zero; it is split at the point farthest from the
    start and each half simplified. The result is open (the first point is not repeated).
    """
    open_ring = list(ring[:-1]) if len(ring) > 1 and ring[0] == ring[-1] else list(ring)
    if len(open_ring) < 4:
        return open_ring
    start = open_ring[0]
    split = max(
        range(len(open_ring)),
        key=lambda i: (open_ring[i][0] - start[0]) ** 2 + (open_ring[i][1] - start[1]) ** 2,
    )
    first_half = simplify(open_ring[: split + 1], tolerance)
    second_half = simplify([*open_ring[split:], start], tolerance)
    return first_half[:-1] + second_half[:-1]


def ring_area(ring: Sequence[Point]) -> float:
    """The area a ring encloses (shoelace formula), whichever way it winds."""
    total = 0.0
    for (x1, y1), (x2, y2) in zip(ring, [*ring[1:], *ring[:1]], strict=True):
        total += x1 * y2 - x2 * y1
    return abs(total) / 2
