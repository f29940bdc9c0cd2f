"""The aggregate statistics partners read (`/api/v1/stats`): the statistics service's tables
(`triage.services.statistics`), the same as `lapor-sosial stats` prints, over the partner's
regions. Small counts are hidden with their complements, so that no hidden count can be
worked back from the totals (`triage.domain.statistics.suppression`).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, tzinfo
from functools import partial

from triage.services.common.deps import TriageDeps
from triage.services.statistics.model import Statistics, StatisticsRequest
from triage.services.statistics.overview import statistics_within
from triage.services.statistics.query import in_regions, regions_scope


async def statistics_table(
    deps: TriageDeps,
    regions: Sequence[str],
    request: StatisticsRequest,
    zone: tzinfo,
    *,
    minimum: int,
    now: datetime,
) -> Statistics:
    """The request's tables over the reports of `regions` (already checked against the
    grant), and the referrals made on them; days counted in `zone`."""
    where = partial(regions_scope, tuple(regions))
    return await statistics_within(
        deps, where, in_regions(regions), request, zone, minimum=minimum, now=now
    )
