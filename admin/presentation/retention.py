"""The audit page's note on retention: when it last ran, what it did, under which limits."""

from __future__ import annotations

from dataclasses import dataclass
from zoneinfo import ZoneInfo

from admin.presentation.reports import format_local_time
from triage.domain.retention import RetentionPolicy
from triage.services.retention.run import RetentionCounts
from triage.services.retention.status import RetentionRun


@dataclass(frozen=True, slots=True)
class RetentionNote:
    """`at` in the admin's time zone and language; the limits as recorded by that run."""

    at: str
    at_iso: str
    counts: RetentionCounts
    policy: RetentionPolicy | None


def retention_note(run: RetentionRun | None, zone: ZoneInfo, lang: str) -> RetentionNote | None:
    if run is None:
        return None
    return RetentionNote(
        format_local_time(run.at, zone, lang), run.at.isoformat(), run.counts, run.policy
    )
