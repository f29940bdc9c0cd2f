"""Great-circle distance and a grid of labelled points for nearest search. Stdlib only."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Iterator

EARTH_KM = 6371.0088
KM_PER_DEG = math.pi * EARTH_KM / 180
CELL_DEG = 0.1


def haversine_km(lat1: float, lng1: float, lat2: float, lng2: float) -> float:
    """Great-circle distance between two points given in radians."""
    h = math.sin((lat2 - lat1) / 2) ** 2
    h += math.cos(lat1) * math.cos(lat2) * math.sin((lng2 - lng1) / 2) ** 2
    return 2 * EARTH_KM * math.asin(math.sqrt(min(1.0, h)))


def _cell(lat: float, lng: float) -> tuple[int, int]:
    return math.floor(lat / CELL_DEG), math.floor(lng / CELL_DEG)


def _ring(row: int, col: int, radius: int) -> Iterator[tuple[int, int]]:
    """The grid cells at Chebyshev distance `radius` from (row, col)."""
    if radius == 0:
        yield row, col
        return
    for d in range(-radius, radius + 1):
        yield row - radius, col + d
        yield row + radius, col + d
    for d in range(-radius + 1, radius):
        yield row + d, col - radius
        yield row + d, col + radius


class PointGrid:
    """Labelled points (lat, lng in degrees, label) in 0.1-degree cells, searched ring by ring."""

    def __init__(self, points: Iterable[tuple[float, float, str]]) -> None:
        self._cells: defaultdict[tuple[int, int], list[tuple[float, float, str]]] = defaultdict(
            list
        )
        self._max_abs_lat = 0.0
        for lat, lng, label in points:
            self._cells[_cell(lat, lng)].append((math.radians(lat), math.radians(lng), label))
            self._max_abs_lat = max(self._max_abs_lat, abs(lat))
        lats = [row for row, _col in self._cells] or [0]
        cols = [col for _row, col in self._cells] or [0]
        self._bounds = (min(lats), max(lats), min(cols), max(cols))

    def nearest(self, lat: float, lng: float, max_km: float) -> str | None:
        """The label of the nearest point within max_km, or None."""
        reach_lat = max_km / KM_PER_DEG
        if abs(lat) > self._max_abs_lat + reach_lat + CELL_DEG:
            return None  # also keeps the cosine below away from the poles
        cell_km = CELL_DEG * KM_PER_DEG * math.cos(math.radians(abs(lat) + reach_lat + 1))
        rings = math.ceil(max_km / cell_km) + 1
        row, col = _cell(lat, lng)
        if not self._may_reach(row, col, rings):
            return None
        here = (math.radians(lat), math.radians(lng))
        best: str | None = None
        best_km = max_km
        for radius in range(rings + 1):
            if (radius - 1) * cell_km > best_km:
                break
            for cell in _ring(row, col, radius):
                for p_lat, p_lng, label in self._cells.get(cell, ()):
                    km = haversine_km(here[0], here[1], p_lat, p_lng)
                    if km <= best_km:
                        best, best_km = label, km
        return best

    def _may_reach(self, row: int, col: int, rings: int) -> bool:
        low_row, high_row, low_col, high_col = self._bounds
        return (
            low_row - rings <= row <= high_row + rings
            and low_col - rings <= col <= high_col + rings
        )
