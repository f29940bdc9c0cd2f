"""Kabupaten/kota outlines for the case map, projected and simplified once per view.

A view is the whole country or one province. The first request for a view computes it in a
worker thread (about a quarter of a second for the country) so the event loop keeps
serving; later requests get the cached result.
"""

from __future__ import annotations

import asyncio
import functools
import logging
from collections.abc import Sequence

from triage.domain.maps.outlines import Detail, OutlineMap, outline_map
from triage.domain.maps.shapes import CodeGaps, code_gaps
from triage.storage.boundary_source import load_boundaries

log = logging.getLogger(__name__)

NATIONAL = Detail(max_width=1000, max_height=420, tolerance=0.6, min_area=1.5)
PROVINCE = Detail(max_width=720, max_height=560, tolerance=0.5, min_area=1.0)


@functools.lru_cache(maxsize=64)
def _view(province: str | None) -> OutlineMap:
    boundaries = load_boundaries()
    if province is None:
        return outline_map(boundaries, NATIONAL)
    chosen = [b for b in boundaries if b.province_code == province]
    if not chosen:
        raise LookupError(f"no boundaries for province {province!r}")
    return outline_map(chosen, PROVINCE)


async def view_outlines(province: str | None) -> OutlineMap:
    """The outlines of one province's kabupaten/kota, or of the whole country (None)."""
    return await asyncio.to_thread(_view, province)


@functools.cache
def boundary_gaps(known_codes: tuple[str, ...]) -> CodeGaps:
    """Codes without a shape, or shapes without a known code; logged once (codes only)."""
    gaps = code_gaps(known_codes, load_boundaries())
    if gaps.without_boundary or gaps.unknown:
        log.warning(
            "boundary codes differ from the region list: no shape for %s; unknown %s",
            ",".join(gaps.without_boundary) or "-",
            ",".join(gaps.unknown) or "-",
        )
    return gaps


@functools.cache
def provinces_with_boundaries() -> Sequence[str]:
    """The provinces the map can draw (the boundaries are loaded once: so is this list)."""
    return tuple(sorted({boundary.province_code for boundary in load_boundaries()}))
