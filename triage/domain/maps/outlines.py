"""Boundaries projected to a flat picture and simplified for its scale. Pure.

The projection is equirectangular with the longitudes shrunk by the cosine of the view's
middle latitude: near the equator, where Indonesia lies, that is close to true shape, and
it keeps every computation to one multiplication per point. Rings smaller than `min_area`
square pixels are dropped (thousands of islets would otherwise fill the page), except that
every kabupaten/kota keeps its largest ring, so each one can be seen, hovered and followed.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from triage.domain.maps.shapes import Boundary, Point, Ring
from triage.domain.maps.simplify import ring_area, simplify_ring


@dataclass(frozen=True, slots=True)
class Frame:
    """Where longitude/latitude land on a picture of `width` x `height` pixels."""

    west: float
    north: float
    x_scale: float  # pixels per degree of longitude
    y_scale: float  # pixels per degree of latitude
    padding: float
    width: float
    height: float

    def project(self, point: Point) -> Point:
        lng, lat = point
        return (
            self.padding + (lng - self.west) * self.x_scale,
            self.padding + (self.north - lat) * self.y_scale,
        )


def frame_for(
    boundaries: Sequence[Boundary], max_width: float, max_height: float, padding: float
) -> Frame:
    """The largest picture within the box that holds every boundary, keeping proportions."""
    points = [point for boundary in boundaries for ring in boundary.rings() for point in ring]
    if not points:
        raise ValueError("no boundary to frame")
    west, east = min(p[0] for p in points), max(p[0] for p in points)
    south, north = min(p[1] for p in points), max(p[1] for p in points)
    shrink = math.cos(math.radians((north + south) / 2))
    span_x, span_y = max((east - west) * shrink, 1e-9), max(north - south, 1e-9)
    scale = min((max_width - 2 * padding) / span_x, (max_height - 2 * padding) / span_y)
    width, height = span_x * scale + 2 * padding, span_y * scale + 2 * padding
    return Frame(west, north, scale * shrink, scale, padding, width, height)


@dataclass(frozen=True, slots=True)
class Outline:
    """One kabupaten/kota as drawn: rings of picture coordinates (open, at least 3 points)."""

    code: str
    name: str
    rings: tuple[Ring, ...]

    @property
    def province_code(self) -> str:
        return self.code.split(".", 1)[0]


@dataclass(frozen=True, slots=True)
class OutlineMap:
    """Every outline of a view and the picture's size in pixels."""

    width: int
    height: int
    outlines: tuple[Outline, ...]

    def points(self) -> int:
        return sum(len(ring) for outline in self.outlines for ring in outline.rings)


@dataclass(frozen=True, slots=True)
class Detail:
    """How finely a view is drawn: the picture's box, and what is too small to matter."""

    max_width: float = 1000
    max_height: float = 640
    padding: float = 6
    tolerance: float = 0.5  # pixels a simplified edge may stray from the original
    min_area: float = 1.5  # square pixels below which an extra ring (an islet) is dropped
    digits: int = 1  # decimals kept in coordinates


def _rounded(ring: Sequence[Point], digits: int) -> Ring:
    """Coordinates rounded, and points that became equal to their neighbour merged."""
    out: list[Point] = []
    for x, y in ring:
        point = (round(x, digits), round(y, digits))
        if not out or point != out[-1]:
            out.append(point)
    while len(out) > 1 and out[0] == out[-1]:
        out.pop()
    return tuple(out)


def _outline(boundary: Boundary, frame: Frame, detail: Detail) -> Outline:
    kept: list[Ring] = []
    largest: tuple[float, Ring] = (-1.0, ())
    for ring in boundary.rings():
        projected = [frame.project(point) for point in ring]
        area = ring_area(projected)
        drawn = _rounded(simplify_ring(projected, detail.tolerance), detail.digits)
        if area > largest[0]:
            largest = (area, drawn if len(drawn) >= 3 else _rounded(projected, detail.digits))
        if len(drawn) >= 3 and area >= detail.min_area:
            kept.append(drawn)
    if not kept and len(largest[1]) >= 3:
        kept.append(largest[1])
    return Outline(boundary.code, boundary.name, tuple(kept))


def outline_map(boundaries: Sequence[Boundary], detail: Detail | None = None) -> OutlineMap:
    """The boundaries projected to fit the detail's box, simplified and rounded."""
    detail = detail or Detail()
    frame = frame_for(boundaries, detail.max_width, detail.max_height, detail.padding)
    outlines = tuple(_outline(boundary, frame, detail) for boundary in boundaries)
    return OutlineMap(math.ceil(frame.width), math.ceil(frame.height), outlines)
