"""Weekly trends: columns of counts and lines of shares, every value or line labelled."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup

from admin.presentation.charts.patterns import BRAND, INK, Fill, paint, pattern_defs
from admin.presentation.charts.svg import Child, element, number, svg_document, text

WIDTH, HEIGHT = 400.0, 210.0
LEFT, RIGHT, TOP, BOTTOM = 34.0, 16.0, 30.0, 34.0
MAX_LABELS = 9  # week labels shown under the axis; the table has every week


def _label_step(count: int) -> int:
    return max(1, -(-count // MAX_LABELS))


def _x_labels(labels: Sequence[str], xs: Sequence[float]) -> list[Child]:
    step = _label_step(len(labels))
    baseline = HEIGHT - BOTTOM + 16
    return [
        text(x, baseline, label, font_size="12", fill=INK, text_anchor="middle")
        for index, (label, x) in enumerate(zip(labels, xs, strict=True))
        if index % step == 0
    ]


def _plot_frame() -> list[Child]:
    base = HEIGHT - BOTTOM
    return [element("line", x1=LEFT, y1=base, x2=WIDTH - RIGHT, y2=base, stroke=INK)]


@dataclass(frozen=True, slots=True)
class Column:
    label: str  # under the axis (shown for some columns only when there are many)
    value: int
    value_label: str  # above the column


def column_chart(chart_id: str, title: str, description: str, columns: Sequence[Column]) -> Markup:
    """Vertical columns from zero; each column's value above it when there is room."""
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    slot = plot_w / max(len(columns), 1)
    top_value = max((column.value for column in columns), default=0) or 1
    xs = [LEFT + slot * (index + 0.5) for index in range(len(columns))]
    parts: list[Child] = [pattern_defs(chart_id, {Fill.SOLID}), *_plot_frame()]
    show_values = slot >= 16
    for column, x in zip(columns, xs, strict=True):
        height = plot_h * column.value / top_value
        y = HEIGHT - BOTTOM - height
        width = slot * 0.7
        if column.value:
            parts.append(
                element("rect", x=x - width / 2, y=y, width=width, height=height,
                        **paint(chart_id, Fill.SOLID))
            )  # fmt: skip
        if show_values or column.value == top_value:
            parts.append(text(x, y - 4, column.value_label, font_size="12", fill=INK,
                              text_anchor="middle"))  # fmt: skip
    parts += _x_labels([column.label for column in columns], xs)
    return svg_document(WIDTH, HEIGHT, title, description, chart_id, parts)


@dataclass(frozen=True, slots=True)
class Series:
    """A line: `dash` and `marker` tell it apart from the others without colour."""

    name: str
    values: tuple[float | None, ...]
    dash: str | None = None  # an SVG dash array, e.g. "6 4"
    marker: str = "circle"  # circle, square or triangle


def _marker(kind: str, x: float, y: float) -> Markup:
    if kind == "square":
        return element("rect", x=x - 3.5, y=y - 3.5, width="7", height="7", fill=INK)
    if kind == "triangle":
        return element("path", d=f"M{number(x)},{number(y - 4.5)} l4.5,8 h-9 z", fill="#ffffff",
                       stroke=INK, stroke_width="1.5")  # fmt: skip
    return element("circle", cx=x, cy=y, r="3.5", fill="#ffffff", stroke=INK, stroke_width="1.5")


def _runs(points: Sequence[tuple[float, float] | None]) -> list[list[tuple[float, float]]]:
    """Unbroken stretches of points: a week without a value breaks the line."""
    runs: list[list[tuple[float, float]]] = [[]]
    for point in points:
        if point is None:
            runs.append([])
        else:
            runs[-1].append(point)
    return [run for run in runs if run]


def _legend(series: Sequence[Series]) -> list[Child]:
    """Along the top: a stretch of each line with its marker, and its name."""
    items: list[Child] = []
    x = LEFT
    for line in series:
        items.append(element("path", d=f"M{number(x)},9 h22", stroke=BRAND, stroke_width="2",
                             stroke_dasharray=line.dash))  # fmt: skip
        items.append(_marker(line.marker, x + 11, 9))
        items.append(text(x + 28, 13, line.name, font_size="12", fill=INK))
        x += 28 + 6.6 * len(line.name) + 12
    return items


def line_chart(
    chart_id: str,
    title: str,
    description: str,
    x_labels: Sequence[str],
    series: Sequence[Series],
    *,
    y_max: float,
    y_ticks: Sequence[tuple[float, str]],
) -> Markup:
    """Lines over weeks, told apart by dashes and markers (named in the legend above); a
    week without a value breaks its line."""
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    step = plot_w / max(len(x_labels) - 1, 1)
    xs = [LEFT + step * index for index in range(len(x_labels))]

    def y_of(value: float) -> float:
        return HEIGHT - BOTTOM - plot_h * min(value, y_max) / (y_max or 1)

    parts: list[Child] = [*_plot_frame(), *_legend(series)]
    for value, label in y_ticks:
        y = y_of(value)
        parts.append(element("line", x1=LEFT, y1=y, x2=LEFT + plot_w, y2=y, stroke="#c5ccd5",
                             stroke_dasharray="2 3"))  # fmt: skip
        parts.append(text(LEFT - 4, y + 4, label, font_size="12", fill=INK, text_anchor="end"))
    for line in series:
        points = [
            (x, y_of(v)) if v is not None else None for x, v in zip(xs, line.values, strict=True)
        ]
        for run in _runs(points):
            d = "M" + " L".join(f"{number(x)},{number(y)}" for x, y in run)
            parts.append(element("path", d=d, fill="none", stroke=BRAND, stroke_width="2",
                                 stroke_dasharray=line.dash))  # fmt: skip
            parts += [_marker(line.marker, x, y) for x, y in run]
    parts += _x_labels(x_labels, xs)
    return svg_document(WIDTH, HEIGHT, title, description, chart_id, parts)
