"""`GET /api/v1/stats`: the period's case counts per kabupaten/kota of the token's regions,
with counts below the minimum hidden (null). Needs the `stats` scope."""

from __future__ import annotations

from datetime import date

from aiohttp import web

from admin.api.errors import ApiError
from admin.api.params import asked_regions, caller_with
from admin.declarations import Access, allow
from admin.state import ADMIN
from triage.domain.partners.access import Scope
from triage.domain.period import Period, PeriodError, default_period
from triage.services.partners.stats import StatisticsTable, statistics_table


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


def _body(table: StatisticsTable, zone: str) -> dict[str, object]:
    return {
        "period": {
            "from": table.period.first.isoformat(),
            "to": table.period.last.isoformat(),
            "time_zone": zone,
        },
        "minimum": table.minimum,
        "columns": list(table.columns),
        "rows": [
            {"region": row.region, "name": row.name, "counts": row.counts} for row in table.rows
        ],
    }


@allow(Access.PARTNER)
async def stats(request: web.Request) -> web.Response:
    caller = caller_with(request, Scope.STATS)
    regions = asked_regions(request, caller)
    context = request.app[ADMIN]
    zone = context.display_zone
    period = _period(request, context.deps.clock().astimezone(zone).date())
    table = await statistics_table(context.deps, regions, period, zone, context.min_cases)
    return web.json_response(_body(table, str(zone)))
