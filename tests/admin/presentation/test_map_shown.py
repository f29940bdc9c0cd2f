"""The case map's drawing is kept by its figures and the page's way of drawing: the same
figures are drawn once; any figure, word, link or legend that differs is drawn anew."""

from __future__ import annotations

from dataclasses import replace
from zoneinfo import ZoneInfo

from markupsafe import Markup

from admin.presentation.case_map import MapRow
from admin.presentation.dashboard import DashboardWords
from admin.presentation.map_shown import MapDrawing, ShownMaps
from tests.support.deps import real_regions, translator
from triage.domain.maps.classes import classes_for
from triage.domain.maps.outlines import Outline, OutlineMap
from triage.domain.maps.shapes import CodeGaps
from triage.services.dashboard.case_map import CaseMap, MapLayer
from triage.services.dashboard.model import Tally

SQUARE = ((0.0, 0.0), (10.0, 0.0), (10.0, 10.0), (0.0, 10.0))
OUTLINES = OutlineMap(
    40,
    20,
    (
        Outline("32.73", "Kota Bandung", (SQUARE,)),
        Outline("32.04", "Kab. Bandung", (tuple((x + 20, y) for x, y in SQUARE),)),
    ),
)
REGIONS = real_regions()


def _map(counts: dict[str, int], layer: MapLayer = MapLayer.OPEN) -> CaseMap:
    tallies = {code: Tally(n + 1, n) for code, n in counts.items()}
    return CaseMap(
        layer=layer,
        province="32",
        outlines=OUTLINES,
        counts=counts,
        tallies=tallies if layer is MapLayer.ACCEPT_BREACHES else {},
        not_on_map=0,
        classes=classes_for(counts.values(), 5),
        gaps=CodeGaps((), ()),
    )


class Drawing:
    """A page's way of drawing, counting the tables it renders."""

    def __init__(self, lang: str = "id", base: str = "/reports", outside: bool = False) -> None:
        self.tables = 0
        words = DashboardWords(lang, translator(), ZoneInfo("Asia/Jakarta"), REGIONS.name)
        self.drawing = MapDrawing(words, base, self.href(base), outside, self.table)

    @staticmethod
    def href(base: str) -> object:
        return lambda code: f"{base}?kabkota={code}"

    def table(self, rows: tuple[MapRow, ...], without_cases: int) -> Markup:
        self.tables += 1
        return Markup("<table>{}</table>").format(", ".join(f"{r.name}={r.count}" for r in rows))


def test_the_same_figures_are_drawn_once() -> None:
    maps, page = ShownMaps(), Drawing()

    first = maps.get(_map({"32.73": 7, "32.04": 0}), page.drawing)
    again = maps.get(_map({"32.73": 7, "32.04": 0}), page.drawing)  # counted anew, same figures

    assert again is first and page.tables == 1
    assert 'href="/reports?kabkota=32.73"' in first.svg
    assert "7" in first.table


def test_a_changed_figure_is_drawn_anew() -> None:
    maps, page = ShownMaps(), Drawing()
    before = maps.get(_map({"32.73": 7, "32.04": 0}), page.drawing)

    after = maps.get(_map({"32.73": 8, "32.04": 0}), page.drawing)
    breaches = maps.get(_map({"32.73": 7, "32.04": 0}, MapLayer.ACCEPT_BREACHES), page.drawing)

    assert page.tables == 3
    assert "Jawa Barat=7" in before.table and "Jawa Barat=8" in after.table
    assert breaches.svg != before.svg


def test_another_language_link_or_legend_is_drawn_anew() -> None:
    maps, figures = ShownMaps(), _map({"32.73": 7, "32.04": 2})
    indonesian, english = Drawing("id"), Drawing("en")
    elsewhere, supervisor = Drawing(base="/admin/reports"), Drawing(outside=True)

    shown = {name: maps.get(figures, d.drawing) for name, d in [
        ("id", indonesian), ("en", english), ("base", elsewhere), ("outside", supervisor),
    ]}  # fmt: skip

    assert "kasus terbuka" in shown["id"].svg and "open cases" in shown["en"].svg
    assert 'href="/admin/reports?kabkota=32.73"' in shown["base"].svg
    assert len(shown["outside"].legend) == len(shown["id"].legend) + 1
    assert [d.tables for d in (indonesian, english, elsewhere, supervisor)] == [1, 1, 1, 1]


def test_the_least_recently_used_goes_first() -> None:
    maps, page = ShownMaps(entries=2), Drawing()
    figures = [_map({"32.73": n, "32.04": 0}) for n in (5, 6, 7)]
    maps.get(figures[0], page.drawing)
    maps.get(figures[1], page.drawing)
    maps.get(figures[0], page.drawing)  # used again: the second is now the oldest

    maps.get(figures[2], page.drawing)
    maps.get(figures[0], page.drawing)
    maps.get(figures[1], page.drawing)

    assert page.tables == 4  # 5, 6, 7 and 6 again; 5 stayed


def test_other_outlines_with_the_same_figures_are_drawn_anew() -> None:
    maps, page = ShownMaps(), Drawing()
    figures = _map({"32.73": 7, "32.04": 0})
    maps.get(figures, page.drawing)

    maps.get(replace(figures, outlines=replace(OUTLINES, width=80)), page.drawing)

    assert page.tables == 2
