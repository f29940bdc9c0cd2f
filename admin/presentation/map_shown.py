"""The case map's picture, legend and table, drawn once per distinct map and language.

The map's figures are counted on every view (they are its floor); what the page draws from
them (some 1,500 SVG elements, 514 tooltips and links, the table's rows) depends only on
those figures, the page's words and where the regions link to. Between two changes to the
cases every viewer with the same regions sees the same figures, so a repeated view reuses
the drawing. The key is the figures themselves, never a viewer: what is kept under a key is
exactly what any viewer whose figures make that key would be shown. Bounded: the least
recently used goes first.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass

from markupsafe import Markup

from admin.presentation.case_map import LegendEntry, MapRow, legend, map_rows, map_svg
from admin.presentation.dashboard import DashboardWords
from triage.domain.maps.outlines import OutlineMap
from triage.services.common.bounded import BoundedLru
from triage.services.dashboard.case_map import CaseMap

DEFAULT_ENTRIES = 16  # a country map is some 300 kB of SVG


# Renders the table of numbers from its rows and the count of regions without cases.
TableRenderer = Callable[[tuple[MapRow, ...], int], Markup]


@dataclass(frozen=True, slots=True)
class ShownMap:
    svg: Markup
    legend: tuple[LegendEntry, ...]
    table: Markup


def figures_key(case_map: CaseMap) -> Hashable:
    """Everything the drawing reads of the map, by value (the outlines, kept for the life of
    the process, by identity)."""
    return (
        id(case_map.outlines),
        case_map.layer,
        case_map.province,
        tuple(case_map.counts.items()),
        tuple(sorted(case_map.tallies.items())),
        case_map.not_on_map,
        case_map.classes,
        case_map.gaps,
    )


@dataclass(frozen=True, slots=True)
class MapDrawing:
    """How one page draws a map: its words, where a region links to (`href` must depend on
    `link_base` alone), whether regions outside the viewer's are shown as such, and the
    table's template (the same for every view)."""

    words: DashboardWords
    link_base: str
    href: Callable[[str], str]
    outside: bool
    table: TableRenderer

    def key(self) -> Hashable:
        return (self.words, self.link_base, self.outside)


def draw(case_map: CaseMap, drawing: MapDrawing) -> ShownMap:
    rows, without_cases = map_rows(case_map, drawing.words, drawing.href)
    return ShownMap(
        svg=map_svg(case_map, drawing.words, drawing.href),
        legend=tuple(legend(case_map, drawing.words, outside=drawing.outside)),
        table=drawing.table(tuple(rows), without_cases),
    )


class ShownMaps:
    """At most `entries` drawn maps, by their figures and how the page draws them."""

    def __init__(self, entries: int = DEFAULT_ENTRIES) -> None:
        self._kept: BoundedLru[tuple[OutlineMap, ShownMap]] = BoundedLru(entries)

    def get(self, case_map: CaseMap, drawing: MapDrawing) -> ShownMap:
        key = (figures_key(case_map), drawing.key())
        entry = self._kept.get(key)
        if entry is None or entry[0] is not case_map.outlines:  # an outline map's id reused
            entry = self._kept.put(key, (case_map.outlines, draw(case_map, drawing)))
        return entry[1]

    def clear(self) -> None:
        """Forget every drawing (the benchmark's first view after a change of figures)."""
        self._kept.clear()
