"""Fills that stay apart in black and white: solid, hatched, dotted, crossed, outlined."""

from __future__ import annotations

from enum import StrEnum

from markupsafe import Markup

from admin.presentation.charts.svg import element

INK = "#1f2933"
BRAND = "#0b4f5c"


class Fill(StrEnum):
    SOLID = "solid"
    HATCH = "hatch"
    DOTS = "dots"
    CROSS = "cross"
    OUTLINE = "outline"


def _pattern(chart_id: str, fill: Fill) -> Markup:
    """A 6 x 6 tile of dark marks on a pale ground, named `<chart_id>-<fill>`."""
    marks = {
        Fill.HATCH: [element("path", d="M-1,1 l2,-2 M0,6 l6,-6 M5,7 l2,-2", stroke=BRAND,
                             stroke_width="1.6")],
        Fill.DOTS: [element("circle", cx="3", cy="3", r="1.3", fill=BRAND)],
        Fill.CROSS: [element("path", d="M0,0 l6,6 M6,0 l-6,6", stroke=BRAND, stroke_width="1")],
    }[fill]  # fmt: skip
    return element(
        "pattern",
        [element("rect", width="6", height="6", fill="#eef5f6"), *marks],
        id=f"{chart_id}-{fill.value}",
        width="6",
        height="6",
        patternUnits="userSpaceOnUse",
    )


def pattern_defs(chart_id: str, fills: set[Fill]) -> Markup:
    patterned = [fill for fill in Fill if fill in fills and fill not in (Fill.SOLID, Fill.OUTLINE)]
    return element("defs", [_pattern(chart_id, fill) for fill in patterned])


def paint(chart_id: str, fill: Fill) -> dict[str, str]:
    """The fill and stroke attributes of a shape drawn with `fill`."""
    if fill is Fill.SOLID:
        return {"fill": BRAND, "stroke": BRAND}
    if fill is Fill.OUTLINE:
        return {"fill": "#ffffff", "stroke": INK}
    return {"fill": f"url(#{chart_id}-{fill.value})", "stroke": BRAND}
