"""The case map: open cases now, or accept deadlines breached in a period, per kabupaten/kota;
the country, or one province (a supervisor whose regions lie in one sees it first)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from urllib.parse import urlencode

from aiohttp import web
from markupsafe import Markup

from admin.access import Access, allow
from admin.presentation.case_map import MapRow
from admin.presentation.dashboard import DashboardWords
from admin.presentation.map_shown import MapDrawing
from admin.presentation.period_form import Problem, read_period_form
from admin.render import render, render_fragment
from admin.state import ADMIN, STAFF
from admin.views.dashboard import form_context, page_words
from triage.i18n import N_
from triage.services.dashboard.case_map import (
    MapLayer,
    case_map,
    default_province,
    map_provinces,
)
from triage.services.staff.accounts import StaffIdentity

UNKNOWN_LAYER = N_("Pilih salah satu peta: kasus terbuka atau batas terima terlewati.")
UNKNOWN_PROVINCE = N_("Pilih provinsi dari daftar.")
LAYER_LABELS = {
    MapLayer.OPEN: N_("Kasus terbuka sekarang"),
    MapLayer.ACCEPT_BREACHES: N_("Batas terima yang terlewati"),
}
NATIONAL = ""  # the province field's value for the whole country


@dataclass(frozen=True, slots=True)
class MapChoice:
    layer: MapLayer | None
    province: str | None  # None: the whole country
    typed_layer: str
    typed_province: str
    problems: Mapping[str, Problem]


def read_map_choice(query: Mapping[str, str], viewer: StaffIdentity) -> MapChoice:
    """`layer` (open by default) and `province` (absent: the viewer's default; empty: the
    whole country; otherwise one of the viewer's provinces)."""
    problems = {}
    typed_layer = query.get("layer", MapLayer.OPEN.value)
    layer = MapLayer(typed_layer) if typed_layer in MapLayer.__members__.values() else None
    if layer is None:
        problems["layer"] = Problem(UNKNOWN_LAYER)
    typed = query.get("province")
    province = default_province(viewer) if typed is None else typed.strip() or None
    if province is not None and province not in map_provinces(viewer):
        problems["province"] = Problem(UNKNOWN_PROVINCE)
    typed_province = (province or NATIONAL) if typed is None else typed
    return MapChoice(layer, province, typed_layer, typed_province, problems)


def _queue_link(reports: str) -> Callable[[str], str]:
    """The queue filtered to one kabupaten/kota (the queue reads `?kabkota=`); built as text,
    as it is for each of 514 regions twice."""
    return lambda code: f"{reports}?{urlencode({'kabkota': code})}"


def _province_options(viewer: StaffIdentity, words: DashboardWords) -> list[tuple[str, str]]:
    return [(code, words.region(code)) for code in map_provinces(viewer)]


def _drawing(request: web.Request, layer: MapLayer, words: DashboardWords) -> MapDrawing:
    reports = str(request.app.router["reports"].url_for())

    def table(rows: tuple[MapRow, ...], without_cases: int) -> Markup:
        context = {"layer": layer, "rows": rows, "without_cases": without_cases, "words": words}
        return render_fragment(request, "map_table.html", words.lang, context)

    outside = request[STAFF].role != "admin"
    return MapDrawing(words, reports, _queue_link(reports), outside, table)


@allow(Access.STAFF)
async def map_page(request: web.Request) -> web.StreamResponse:
    """The map with its legend and a table of its numbers; bad fields explained beside them."""
    context, viewer = request.app[ADMIN], request[STAFF]
    now = context.deps.clock()
    dates = {name: request.query.get(name, "") for name in ("from", "to")}  # no urgency here
    form = read_period_form(dates, now.astimezone(context.display_zone).date())
    choice = read_map_choice(request.query, viewer)
    words = page_words(request)
    page = form_context(request, form, words)
    page["errors"].update(
        {name: words.problem(problem) for name, problem in choice.problems.items()}
    )
    page.update(
        choice=choice,
        layer_labels=LAYER_LABELS,
        provinces=_province_options(viewer, words),
        national_allowed=viewer.role == "admin" or len(map_provinces(viewer)) > 1,
        result=None,
        nav_current="map",
    )
    if choice.layer is None or choice.problems or form.period is None:
        return await render(request, "map.html", page, status=400)
    result = await case_map(
        context.deps, viewer, choice.layer, form.period, context.display_zone,
        province=choice.province, minimum=context.min_cases, now=now,
    )  # fmt: skip
    drawn = context.shown_maps.get(result, _drawing(request, result.layer, words))
    page.update(result=result, map_svg=drawn.svg, legend=drawn.legend, map_table=drawn.table)
    return await render(request, "map.html", page)
