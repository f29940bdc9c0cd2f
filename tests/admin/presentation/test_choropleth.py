"""The choropleth: valid SVG, links to the queue, escaped tooltips, outside regions hatched."""

from __future__ import annotations

from admin.presentation.charts.choropleth import (
    cached_paths,
    choropleth,
    class_fills,
    path_data,
    swatch,
)
from tests.admin.presentation.svg_xml import SVG, parse_svg
from triage.domain.maps.outlines import Outline, OutlineMap

NASTY = "<script>alert(1)</script> & <img src=x onerror=alert(2)>"
OUTLINES = OutlineMap(
    100,
    60,
    (
        Outline("32.73", NASTY, (((1.0, 1.0), (20.0, 1.0), (20.0, 20.0)),)),
        Outline("32.01", "Kab. Bogor", (((30.0, 1.0), (50.5, 1.0), (50.0, 20.0)), ((40, 40), (45, 40), (45, 45)))),
        Outline("99.01", "Elsewhere", (((60.0, 1.0), (80.0, 1.0), (80.0, 20.0)),)),
    ),
)  # fmt: skip


def _map() -> str:
    fills = class_fills("m", 2, "blue")
    return choropleth(
        "m", "Peta", "desc", OUTLINES, {"32.73": 1, "32.01": 3}, fills,
        href=lambda code: f"/reports?kabkota={code}&x=<y>",
        tooltip=lambda outline: f"{outline.name}: < 5",
    )  # fmt: skip


def test_regions_in_reach_link_to_the_queue_with_an_escaped_tooltip() -> None:
    markup = _map()

    root = parse_svg(markup)
    links = root.findall(f".//{SVG}a")
    assert [a.get("href") for a in links] == [
        "/reports?kabkota=32.73&x=<y>",
        "/reports?kabkota=32.01&x=<y>",
    ]
    assert links[0].find(f"{SVG}title").text == f"{NASTY}: < 5"
    assert "<script" not in markup and "<img" not in markup and "&x=<y>" not in markup


def test_fills_tell_the_classes_apart_and_outside_regions_are_hatched() -> None:
    root = parse_svg(_map())

    regions = root.find(f".//{SVG}g[@class='map-regions']")
    fills = [path.get("fill") for path in regions.iter(f"{SVG}path")]
    assert fills == ["url(#m-few)", class_fills("m", 2, "blue")[3], "url(#m-outside)"]
    assert root.find(f".//{SVG}pattern[@id='m-few']") is not None
    assert root.find(f".//{SVG}pattern[@id='m-outside']") is not None
    outside = root.find(f".//{SVG}g[@class='map-outside']")
    assert outside is not None and outside.find(f"{SVG}title").text == "Elsewhere: < 5"


def test_path_data_draws_each_ring_closed() -> None:
    assert str(path_data(OUTLINES.outlines[1])) == "M30 1 50.5 1 50 20ZM40 40 45 40 45 45Z"
    assert cached_paths(OUTLINES)(OUTLINES.outlines[1]) == path_data(OUTLINES.outlines[1])


def test_class_fills_go_from_none_through_few_to_darker_shades() -> None:
    fills = class_fills("m", 4, "orange")
    assert fills[:2] == ("#ffffff", "url(#m-few)")
    assert len(set(fills)) == 6
    parse_svg(str(swatch(fills[3])))
