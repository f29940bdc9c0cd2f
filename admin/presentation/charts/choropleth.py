"""A choropleth of kabupaten/kota as SVG: each region shaded by its class, linked to the
queue filtered to it, with a <title> tooltip; regions outside the viewer's reach hatched."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from markupsafe import Markup

from admin.presentation.charts.svg import Child, element, number, svg_document
from triage.domain.maps.outlines import Outline, OutlineMap

BORDER = "#4b5563"
OUTSIDE_FILL = "#e5e7eb"
EMPTY_FILL = "#ffffff"
FEW_FILL = "#f3f4f6"  # under the dots of "fewer than the minimum"
RAMPS = {  # light to dark: in grey the steps stay apart
    "blue": ("#c6dbef", "#6baed6", "#2171b5", "#08306b"),
    "orange": ("#fdd0a2", "#fd8d3c", "#d94801", "#7f2704"),
}


def class_fills(chart_id: str, shaded: int, ramp: str) -> tuple[str, ...]:
    """Fills of class 0 (no cases), 1 (fewer than the minimum) and the shaded classes."""
    colours = RAMPS[ramp]
    if shaded == 1:
        picked: tuple[str, ...] = (colours[1],)
    else:
        picked = tuple(colours[round(i * (len(colours) - 1) / (shaded - 1))] for i in range(shaded))
    return (EMPTY_FILL, f"url(#{chart_id}-few)", *picked)


def _defs(chart_id: str) -> Markup:
    few = element(
        "pattern",
        [
            element("rect", width="5", height="5", fill=FEW_FILL),
            element("circle", cx="2.5", cy="2.5", r="0.9", fill="#374151"),
        ],
        id=f"{chart_id}-few",
        width="5",
        height="5",
        patternUnits="userSpaceOnUse",
    )
    outside = element(
        "pattern",
        [
            element("rect", width="6", height="6", fill=OUTSIDE_FILL),
            element("path", d="M0,6 l6,-6", stroke="#9ca3af", stroke_width="0.8"),
        ],
        id=f"{chart_id}-outside",
        width="6",
        height="6",
        patternUnits="userSpaceOnUse",
    )
    return element("defs", [few, outside])


def path_data(outline: Outline) -> Markup:
    """Each ring as `M x y x y … Z` (implicit line-tos keep the path short)."""
    return Markup("").join(
        Markup("M") + " ".join(f"{number(x)} {number(y)}" for x, y in ring) + Markup("Z")
        for ring in outline.rings
    )


_PATHS: dict[int, tuple[OutlineMap, dict[str, Markup]]] = {}


def cached_paths(outlines: OutlineMap) -> Callable[[Outline], Markup]:
    """Path data of a view, built once: views are cached for the life of the process."""
    entry = _PATHS.get(id(outlines))
    if entry is None or entry[0] is not outlines:
        entry = (outlines, {o.code: path_data(o) for o in outlines.outlines})
        _PATHS[id(outlines)] = entry
    paths = entry[1]
    return lambda outline: paths[outline.code]


def choropleth(
    chart_id: str,
    title: str,
    description: str,
    outlines: OutlineMap,
    classes: Mapping[str, int],
    fills: Sequence[str],
    *,
    href: Callable[[str], str],
    tooltip: Callable[[Outline], str],
    paths: Callable[[Outline], Markup] = path_data,
) -> Markup:
    """`classes` holds the class of every region in the viewer's reach; the others are
    drawn hatched, without a link. Every tooltip is escaped."""
    outside = outside_fill(chart_id)
    parts: list[Child] = [_defs(chart_id)]
    regions: list[Child] = []
    for outline in outlines.outlines:
        if not outline.rings:
            continue
        fill = fills[classes[outline.code]] if outline.code in classes else outside
        shape = element("path", d=paths(outline), fill=fill)
        tip = element("title", [tooltip(outline)])
        if outline.code in classes:
            regions.append(element("a", [tip, shape], href=href(outline.code)))
        else:
            regions.append(element("g", [tip, shape], class_="map-outside"))
    parts.append(
        element("g", regions, fill_rule="evenodd", stroke=BORDER, stroke_width="0.4",
                stroke_linejoin="round", class_="map-regions")
    )  # fmt: skip
    return svg_document(
        float(outlines.width), float(outlines.height), title, description, chart_id, parts,
        css_class="chart map",
    )  # fmt: skip


def swatch(fill: str) -> Markup:
    """A legend's sample of a fill (patterns are those of the map on the same page)."""
    return element(
        "svg",
        [element("rect", x="0.5", y="0.5", width="21", height="15", fill=fill, stroke=BORDER)],
        xmlns="http://www.w3.org/2000/svg",
        viewBox="0 0 22 16",
        width="22",
        height="16",
        class_="swatch",
        aria_hidden="true",
        focusable="false",
    )


def outside_fill(chart_id: str) -> str:
    return f"url(#{chart_id}-outside)"
