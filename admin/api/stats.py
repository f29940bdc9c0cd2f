"""`GET /api/v1/stats`: the statistics tables (as `lapor-sosial stats --format json` prints
them) over the token's regions, small counts hidden with their complements. Needs the
`stats` scope. Asked for like the command: `by=ROWS,COLUMNS`, `period=month|quarter|year`,
`unit=reports|children`, `from`, `to`, and `region`."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import TypeVar

from aiohttp import web

from admin.api.errors import ApiError
from admin.api.params import asked_regions, caller_with
from admin.declarations import Access, allow
from admin.state import ADMIN
from triage.domain.partners.access import Scope
from triage.domain.period import Period, PeriodError, default_period
from triage.domain.statistics.dimensions import Dimension, Granularity, Unit
from triage.services.partners.stats import statistics_table
from triage.services.statistics.export import as_json
from triage.services.statistics.model import StatisticsRequest

DEFAULT_BY = (Dimension.KABKOTA, Dimension.URGENCY)
Choice = TypeVar("Choice", bound=StrEnum)


def _period(request: web.Request, today: date) -> Period:
    first, last = request.query.get("from"), request.query.get("to")
    if first is None and last is None:
        return default_period(today)
    try:
        end = date.fromisoformat(last) if last else today
        start = date.fromisoformat(first) if first else end
        return Period(start, end)
    except (ValueError, PeriodError) as exc:
        raise ApiError(400, "bad_period") from exc


def _by(request: web.Request) -> tuple[Dimension, Dimension]:
    """`by=kabkota,urgency`: the rows' and the columns' dimension, two different ones."""
    text = request.query.get("by")
    if text is None:
        return DEFAULT_BY
    parts = [part.strip() for part in text.split(",")]
    if len(parts) != 2 or parts[0] == parts[1]:
        raise ApiError(400, "bad_by")
    return _choice(Dimension, parts[0], "bad_by"), _choice(Dimension, parts[1], "bad_by")


def _choice(kind: type[Choice], text: str, code: str) -> Choice:
    if text not in {member.value for member in kind}:
        raise ApiError(400, code)
    return kind(text)


def _request(request: web.Request, today: date) -> StatisticsRequest:
    period = _period(request, today)
    rows, columns = _by(request)
    query = request.query
    granularity = _choice(Granularity, query.get("period", Granularity.YEAR), "bad_granularity")
    unit = _choice(Unit, query.get("unit", Unit.REPORTS), "bad_unit")
    return StatisticsRequest(period.first, period.last, rows, columns, granularity, unit)


@allow(Access.PARTNER)
async def stats(request: web.Request) -> web.Response:
    caller = caller_with(request, Scope.STATS)
    regions = asked_regions(request, caller)
    context = request.app[ADMIN]
    zone = context.display_zone
    now = context.deps.clock()
    asked = _request(request, now.astimezone(zone).date())
    result = await statistics_table(
        context.deps, regions, asked, zone, minimum=context.min_cases, now=now
    )
    body = {**as_json(result), "time_zone": str(zone), "regions": list(regions)}
    return web.json_response(body)
