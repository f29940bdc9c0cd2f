"""The case map as the page shows it: the choropleth, its legend and the table of its numbers.
Counts from 1 to the minimum - 1 read "< 5" everywhere, the tooltips included."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from markupsafe import Markup

from admin.presentation.charts.choropleth import (
    cached_paths,
    choropleth,
    class_fills,
    outside_fill,
    swatch,
)
from admin.presentation.dashboard import NO_DATA, DashboardWords
from triage.domain.disclosure import shown_count
from triage.domain.maps.outlines import Outline
from triage.i18n import N_
from triage.services.dashboard.case_map import CaseMap, MapLayer

CHART_ID = "case-map"
TITLES = {
    MapLayer.OPEN: N_("Peta kasus terbuka per kabupaten/kota"),
    MapLayer.ACCEPT_BREACHES: N_("Peta batas terima yang terlewati per kabupaten/kota"),
}
TIPS = {
    MapLayer.OPEN: N_("{name}: {count} kasus terbuka"),
    MapLayer.ACCEPT_BREACHES: N_("{name}: {count} batas terima terlewati"),
}
OUTSIDE_TIP = N_("{name}: di luar wilayah Anda")
MAP_DESCRIPTION = N_(
    "Makin gelap, makin banyak. Tiap wilayah menautkan ke daftar laporannya. Angkanya ada "
    "di tabel di sebelah peta."
)
LEGEND_NONE = N_("Tidak ada")
LEGEND_FEW = N_("Kurang dari {minimum}")
LEGEND_RANGE = N_("{low}–{high}")
LEGEND_FROM = N_("{low} atau lebih")
LEGEND_OUTSIDE = N_("Di luar wilayah Anda")
RAMPS = {MapLayer.OPEN: "blue", MapLayer.ACCEPT_BREACHES: "orange"}


@dataclass(frozen=True, slots=True)
class LegendEntry:
    swatch: Markup
    label: str


@dataclass(frozen=True, slots=True)
class MapRow:
    """A table row: a kabupaten/kota with at least one case (count possibly "< 5")."""

    name: str
    count: str
    share: str | None  # breach layer: the share of accept deadlines breached
    href: str


def _fills(case_map: CaseMap) -> tuple[str, ...]:
    shaded = len(case_map.classes.breaks)
    return class_fills(CHART_ID, shaded, RAMPS[case_map.layer])


def _name(words: DashboardWords, outline: Outline) -> str:
    return words.region_name(outline.code) or outline.name


def map_svg(case_map: CaseMap, words: DashboardWords, href: Callable[[str], str]) -> Markup:
    minimum = case_map.classes.minimum

    def tooltip(outline: Outline) -> str:
        name = _name(words, outline)
        if outline.code not in case_map.counts:
            return words._(OUTSIDE_TIP, name=name)
        count = words.count(shown_count(case_map.counts[outline.code], minimum))
        return words._(TIPS[case_map.layer], name=name, count=count)

    classes = {code: case_map.classes.of(count) for code, count in case_map.counts.items()}
    return choropleth(
        CHART_ID, words._(TITLES[case_map.layer]), words._(MAP_DESCRIPTION), case_map.outlines,
        classes, _fills(case_map), href=href, tooltip=tooltip,
        paths=cached_paths(case_map.outlines),
    )  # fmt: skip


def legend(case_map: CaseMap, words: DashboardWords, *, outside: bool) -> list[LegendEntry]:
    fills = _fills(case_map)
    labels = [words._(LEGEND_NONE), words._(LEGEND_FEW, minimum=case_map.classes.minimum)]
    for low, high in case_map.classes.ranges():
        if high is None:
            labels.append(words._(LEGEND_FROM, low=words.number(low)))
        elif high == low:
            labels.append(words.number(low))
        else:
            labels.append(words._(LEGEND_RANGE, low=words.number(low), high=words.number(high)))
    entries = [LegendEntry(swatch(fill), label) for fill, label in zip(fills, labels, strict=True)]
    if outside:
        entries.append(LegendEntry(swatch(outside_fill(CHART_ID)), words._(LEGEND_OUTSIDE)))
    return entries


def map_rows(
    case_map: CaseMap, words: DashboardWords, href: Callable[[str], str]
) -> tuple[list[MapRow], int]:
    """Regions with cases, most first; the "< 5" ones after them by name (so their order
    tells nothing); and how many regions in reach have none."""
    minimum = case_map.classes.minimum
    names = {outline.code: _name(words, outline) for outline in case_map.outlines.outlines}
    counted = [(code, n) for code, n in case_map.counts.items() if n > 0]
    shown = sorted((c for c in counted if c[1] >= minimum), key=lambda c: (-c[1], names[c[0]]))
    few = sorted((c for c in counted if c[1] < minimum), key=lambda c: names[c[0]])
    rows = []
    for code, count in [*shown, *few]:
        tally = case_map.tallies.get(code)
        share = None
        if case_map.layer is MapLayer.ACCEPT_BREACHES:
            enough = tally is not None and count >= minimum
            share = words.percent(tally.share) if enough and tally else NO_DATA
        rows.append(
            MapRow(names[code], words.count(shown_count(count, minimum)), share, href(code))
        )
    return rows, len(case_map.counts) - len(counted)
