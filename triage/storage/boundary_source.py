"""Reads the bundled kabupaten/kota boundaries (GeoJSON package data) once per process."""

from __future__ import annotations

import functools
import json
from importlib import resources

from triage.domain.maps.shapes import Boundary, boundaries_from_geojson

BOUNDARIES_PACKAGE = "triage.data.boundaries"
BOUNDARIES_FILE = "kabkota.geojson"


@functools.cache
def load_boundaries() -> tuple[Boundary, ...]:
    """Every kabupaten/kota's polygons in longitude/latitude, in the file's order."""
    text = resources.files(BOUNDARIES_PACKAGE).joinpath(BOUNDARIES_FILE).read_text("utf-8")
    return boundaries_from_geojson(json.loads(text))
