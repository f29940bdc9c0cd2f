"""Boundaries as read from GeoJSON: longitude/latitude rings per kabupaten/kota. Pure."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

Point = tuple[float, float]  # (x, y): (longitude, latitude) before projection
Ring = tuple[Point, ...]


class BoundaryFormatError(ValueError):
    """The boundary file is not the FeatureCollection of (Multi)Polygons we expect."""


@dataclass(frozen=True, slots=True)
class Boundary:
    """One kabupaten/kota: its Kemendagri code, name and polygons (outer ring, then holes)."""

    code: str
    name: str
    polygons: tuple[tuple[Ring, ...], ...]

    @property
    def province_code(self) -> str:
        return self.code.split(".", 1)[0]

    def rings(self) -> tuple[Ring, ...]:
        return tuple(ring for polygon in self.polygons for ring in polygon)


def _ring(raw: Sequence[Sequence[float]]) -> Ring:
    return tuple((float(point[0]), float(point[1])) for point in raw)


def _polygons(geometry: Mapping[str, Any]) -> tuple[tuple[Ring, ...], ...]:
    kind, coordinates = geometry.get("type"), geometry.get("coordinates")
    if kind == "Polygon":
        coordinates = [coordinates]
    elif kind != "MultiPolygon":
        raise BoundaryFormatError(f"expected a Polygon or MultiPolygon, got {kind!r}")
    if not isinstance(coordinates, list):
        raise BoundaryFormatError("a geometry needs a list of coordinates")
    return tuple(tuple(_ring(ring) for ring in polygon) for polygon in coordinates)


def boundaries_from_geojson(document: Mapping[str, Any]) -> tuple[Boundary, ...]:
    """Every feature with a `code` and a `name` property, in the file's order."""
    if document.get("type") != "FeatureCollection":
        raise BoundaryFormatError("expected a GeoJSON FeatureCollection")
    boundaries = []
    for feature in document.get("features", ()):
        properties = feature.get("properties") or {}
        code, name = properties.get("code"), properties.get("name")
        if not isinstance(code, str) or not isinstance(name, str):
            raise BoundaryFormatError("every feature needs a text `code` and `name`")
        boundaries.append(Boundary(code, name, _polygons(feature.get("geometry") or {})))
    return tuple(boundaries)


@dataclass(frozen=True, slots=True)
class CodeGaps:
    """Codes in one list and not the other: both should be empty, and are reported if not."""

    without_boundary: tuple[str, ...]  # known kabupaten/kota the file has no shape for
    unknown: tuple[str, ...]  # shapes whose code the region list does not know


def code_gaps(known: Sequence[str], boundaries: Sequence[Boundary]) -> CodeGaps:
    drawn = {boundary.code for boundary in boundaries}
    return CodeGaps(tuple(sorted(set(known) - drawn)), tuple(sorted(drawn - set(known))))
