"""Horizontal bars in groups, each bar labelled with its value at its end; an optional
reference line (a target) and a legend of fills when a group holds several bars."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup

from admin.presentation.charts.patterns import INK, Fill, paint, pattern_defs
from admin.presentation.charts.svg import Child, element, svg_document, text

WIDTH = 400.0
LABEL_WIDTH = (56.0, 180.0)  # the least and the most the group labels may take
VALUE_ROOM = 100.0  # right of the bars, for the direct label of the longest bar
BAR, BAR_GAP, GROUP_GAP = 18.0, 3.0, 12.0
LEGEND_ROW = 20.0
FONT = "14"
# A white halo keeps a label readable where it crosses a bar edge or the target line.
LABEL_STYLE = {"font_size": FONT, "fill": INK, "stroke": "#ffffff", "stroke_width": "3",
               "paint_order": "stroke", "stroke_linejoin": "round"}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Bar:
    value: float | None  # None: nothing to draw (the label says why)
    label: str  # the value in words, drawn at the bar's end
    fill: Fill = Fill.SOLID


@dataclass(frozen=True, slots=True)
class BarGroup:
    label: str
    bars: tuple[Bar, ...]


@dataclass(frozen=True, slots=True)
class Reference:
    """A vertical line across the bars, such as the target (100%)."""

    value: float
    label: str


def label_width_estimate(label: str) -> float:
    """Roughly how wide a bold 14 px label is (no font metrics on the server)."""
    return 4 + sum(10.5 if c.isupper() else 4.5 if c.isspace() else 8.6 for c in label)


def _legend(chart_id: str, legend: Sequence[tuple[Fill, str]], y: float) -> list[Child]:
    items: list[Child] = []
    x = 0.0
    for fill, label in legend:
        items.append(element("rect", x=x, y=y, width="12", height="12", **paint(chart_id, fill)))
        items.append(text(x + 17, y + 10.5, label, font_size=FONT, fill=INK))
        x += 17 + 7.6 * len(label) + 14
    return items


def _bar(
    chart_id: str, bar: Bar, y: float, scale: float, scale_max: float, x0: float
) -> list[Child]:
    parts: list[Child] = []
    end = x0
    if bar.value is not None and bar.value > 0:
        length = min(bar.value, scale_max) * scale
        end = x0 + length
        parts.append(
            element("rect", x=x0, y=y, width=length, height=BAR, **paint(chart_id, bar.fill))
        )
        if bar.value > scale_max:  # beyond the axis: an arrow says the bar goes on
            tip = f"M{end + 1:.1f},{y:.1f} l7,{BAR / 2:.1f} l-7,{BAR / 2:.1f} z"
            parts.append(element("path", d=tip, fill=INK))
            end += 8
    parts.append(text(end + 5, y + BAR - 4.5, bar.label, **LABEL_STYLE))
    return parts


def bar_chart(
    chart_id: str,
    title: str,
    description: str,
    groups: Sequence[BarGroup],
    *,
    scale_max: float,
    reference: Reference | None = None,
    legend: Sequence[tuple[Fill, str]] = (),
) -> Markup:
    """Bars from 0 to `scale_max` across the plot; longer ones end in an arrow."""
    longest = max((label_width_estimate(group.label) for group in groups), default=0.0)
    label_width = min(max(longest, LABEL_WIDTH[0]), LABEL_WIDTH[1])
    x0 = label_width + 8
    scale = (WIDTH - x0 - VALUE_ROOM) / scale_max if scale_max > 0 else 0.0
    top = LEGEND_ROW + 6 if legend else 0.0
    top += 16 if reference else 0.0
    parts: list[Child] = [
        pattern_defs(chart_id, {bar.fill for group in groups for bar in group.bars})
    ]
    parts += _legend(chart_id, legend, 0.0)
    y = top
    bars: list[Child] = []
    for group in groups:
        height = len(group.bars) * BAR + (len(group.bars) - 1) * BAR_GAP
        parts.append(
            text(label_width, y + height / 2 + 4.5, group.label, font_size=FONT, fill=INK,
                 text_anchor="end", font_weight="600")
        )  # fmt: skip
        for index, bar in enumerate(group.bars):
            bars += _bar(chart_id, bar, y + index * (BAR + BAR_GAP), scale, scale_max, x0)
        y += height + GROUP_GAP
    bottom = y - GROUP_GAP + 4
    parts.append(element("line", x1=x0, y1=top - 4, x2=x0, y2=bottom, stroke=INK))
    if reference is not None:  # under the bars and their labels
        rx = x0 + min(reference.value, scale_max) * scale
        parts.append(
            element("line", x1=rx, y1=top - 6, x2=rx, y2=bottom, stroke=INK,
                    stroke_dasharray="4 3", stroke_width="1.5")
        )  # fmt: skip
        parts.append(text(rx, top - 9, reference.label, font_size="12", fill=INK,
                          text_anchor="middle"))  # fmt: skip
    parts += bars
    return svg_document(WIDTH, bottom + 2, title, description, chart_id, parts)
