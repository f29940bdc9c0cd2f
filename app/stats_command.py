"""`lapor-sosial stats`: the statistics page's tables as CSV or JSON on stdout, over every
region (the console is an admin), small counts hidden as on the page."""

from __future__ import annotations

import csv
import json
import sys
from dataclasses import dataclass
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from app.bootstrap import migrated
from app.commands import CommandError
from app.settings import Settings
from triage.domain.statistics.dimensions import Dimension, Granularity, Unit
from triage.services.staff.accounts import StaffIdentity
from triage.services.statistics.export import as_json, csv_rows
from triage.services.statistics.model import RequestError, StatisticsRequest
from triage.services.statistics.overview import statistics

CONSOLE = StaffIdentity(0, "cli", "admin")
DIMENSIONS = ", ".join(d.value for d in Dimension)


@dataclass(frozen=True, slots=True)
class StatsOptions:
    by: tuple[Dimension, Dimension]
    granularity: Granularity
    first: date | None
    last: date | None
    unit: Unit
    output_format: str
    minimum: int | None


def parse_by(text: str) -> tuple[Dimension, Dimension]:
    """ "province,harm": the rows' and the columns' dimension."""
    parts = [part.strip() for part in text.split(",")]
    if len(parts) != 2 or not all(part in Dimension.__members__.values() for part in parts):
        raise ValueError(f"give two of {DIMENSIONS}, separated by a comma (province,harm)")
    rows, columns = Dimension(parts[0]), Dimension(parts[1])
    if rows == columns:
        raise ValueError("the rows and the columns need two different dimensions")
    return rows, columns


def parse_day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"not a date: {text!r} (write it as 2026-11-29)") from None


async def print_statistics(settings: Settings, options: StatsOptions) -> int:
    zone = ZoneInfo(settings.timezone)
    today = datetime.now(UTC).astimezone(zone).date()
    last = options.last or today
    first = options.first or date(last.year, 1, 1)
    try:
        request = StatisticsRequest(
            first, last, *options.by, granularity=options.granularity, unit=options.unit
        )
    except RequestError as exc:
        raise CommandError(_problem(exc)) from None
    minimum = options.minimum or settings.dashboard_min_cases
    async with migrated(settings) as wiring:
        result = await statistics(
            wiring.deps, CONSOLE, request, zone, minimum=minimum, now=wiring.deps.clock()
        )
    if options.output_format == "json":
        json.dump(as_json(result), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        csv.writer(sys.stdout, lineterminator="\n").writerows(csv_rows(result))
    return 0


def _problem(exc: RequestError) -> str:
    return {
        "same_dimension": "the rows and the columns need two different dimensions",
        "wrong_order": "--to comes before --from",
        "too_long": "the range is longer than ten years",
    }[exc.problem.value]
