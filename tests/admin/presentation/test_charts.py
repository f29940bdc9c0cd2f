"""The SVG builders: well-formed SVG, every text escaped, fills told apart without colour."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from admin.presentation.charts.bars import Bar, BarGroup, Reference, bar_chart
from admin.presentation.charts.patterns import Fill
from admin.presentation.charts.svg import element, number
from admin.presentation.charts.weekly import Column, Series, column_chart, line_chart
from tests.admin.presentation.svg_xml import SVG, parse_svg

NASTY = '<script>alert(1)</script> & "quoted" <img src=x onerror=alert(2)>'


def parse(markup: str) -> ET.Element:
    return parse_svg(markup)


def texts(root: ET.Element) -> list[str]:
    return ["".join(node.itertext()) for node in root.iter(f"{SVG}text")]


@pytest.mark.parametrize(
    ("value", "text"), [(12.0, "12"), (12.25, "12.2"), (-0.01, "0"), (3.96, "4")]
)
def test_numbers_are_short(value, text) -> None:
    assert number(value) == text


def test_element_escapes_attributes_and_text() -> None:
    markup = element("text", [NASTY], class_=NASTY, x=1.0)

    root = parse(markup)
    assert root.text == NASTY
    assert root.get("class") == NASTY
    assert "<script" not in markup and "<img" not in markup


def test_bars_are_valid_svg_with_direct_labels_and_a_titled_image() -> None:
    groups = [
        BarGroup(NASTY, (Bar(50.0, "15 menit", Fill.SOLID), Bar(130.0, NASTY, Fill.HATCH))),
        BarGroup("RENDAH", (Bar(None, "belum ada", Fill.SOLID), Bar(500.0, "5 hari", Fill.HATCH))),
    ]

    markup = bar_chart("c1", NASTY, "desc", groups, scale_max=200.0,
                       reference=Reference(100.0, "Target"), legend=[(Fill.SOLID, "Median")])  # fmt: skip

    root = parse(markup)
    assert root.get("role") == "img" and root.get("aria-labelledby") == "c1-title c1-desc"
    assert root.find(f"{SVG}title").text == NASTY
    labels = texts(root)
    assert {NASTY, "RENDAH", "15 menit", "belum ada", "5 hari", "Target", "Median"} <= set(labels)
    assert "<script" not in markup
    # Hatched bars use a pattern defined in the chart, not a second colour.
    assert root.find(f".//{SVG}pattern[@id='c1-hatch']") is not None
    assert any(r.get("fill") == "url(#c1-hatch)" for r in root.iter(f"{SVG}rect"))


def test_a_bar_beyond_the_scale_is_cut_and_marked_with_an_arrow() -> None:
    root = parse(bar_chart("c2", "t", "d", [BarGroup("x", (Bar(900.0, "9"),))], scale_max=100.0))

    widths = [float(r.get("width")) for r in root.iter(f"{SVG}rect") if r.get("height") == "18"]
    arrows = [p for p in root.iter(f"{SVG}path") if p.get("d", "").endswith("z")]
    assert len(widths) == 1 and widths[0] < 400
    assert len(arrows) == 1


def test_columns_and_lines_are_valid_svg_with_gaps_for_missing_weeks() -> None:
    columns = column_chart("c3", "t", "d", [Column(NASTY, 3, "3"), Column("9 Nov", 0, "0")])
    lines = line_chart(
        "c4", "t", "d", ["2 Nov", "9 Nov", "16 Nov"],
        [Series(NASTY, (10.0, None, 30.0)), Series("b", (None, None, None), "6 3", "square")],
        y_max=100.0, y_ticks=[(0.0, "0%"), (100.0, "100%")],
    )  # fmt: skip

    assert NASTY in texts(parse(columns))
    root = parse(lines)
    drawn = [p for p in root.iter(f"{SVG}path") if p.get("fill") == "none"]
    assert len(drawn) == 2  # one line broken in two by the missing week; "b" has no point
    assert NASTY in texts(root) and "b" in texts(root)  # both named in the legend
