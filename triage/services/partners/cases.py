"""The cases feed: a partner's regions' cases changed since a cursor, oldest change first.

"Changed" is the case's latest timeline event (`report.last_event_at`, set by every event).
A page ends with a cursor for the next call; with nothing new, the same cursor comes back.
Cases changed in the last SETTLE seconds wait for the next call: a transaction that began
earlier may still commit a change stamped before them, and a cursor past it would skip it.

Without the `pii` scope the encrypted columns are not even read (nor decrypted): a case
is its structured fields. With it: also the child (age, sex), when it happened and who
reported, the story, the address and pin, and the contact number.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import and_, or_
from sqlmodel import col, select

from triage.domain.partners.access import Scope
from triage.domain.partners.cursor import Cursor
from triage.services.common.deps import TriageDeps
from triage.services.partners.calls import PartnerCaller
from triage.storage.filters import region_filter
from triage.storage.tables import Report
from triage.storage.tables.cases import without_sealed_details

SETTLE = timedelta(seconds=10)
DEFAULT_LIMIT = 100
MAX_LIMIT = 500


@dataclass(frozen=True, slots=True)
class CasesPage:
    cases: list[dict[str, Any]]
    cursor: Cursor | None  # where the next call starts; None: from the beginning still
    more: bool  # another page is ready now


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat().replace("+00:00", "Z") if moment is not None else None


def structured(report: Report) -> dict[str, Any]:
    return {
        "reference": report.reference,
        "region": report.kabkota_code,
        "kecamatan": report.kecamatan_code,
        "status": report.status,
        "urgency": report.urgency,
        "categories": list(report.categories),
        "children_count": report.children_count,
        "immediate_danger": report.immediate_danger,
        "perpetrator_access": report.perpetrator_access,
        "injured": report.injured,
        "repeated": report.repeated,
        "disability": report.disability,
        "received_at": _iso(report.received_at),
        "accepted_at": _iso(report.accepted_at),
        "first_contact_at": _iso(report.first_contact_at),
        "closed_at": _iso(report.closed_at),
        "changed_at": _iso(report.last_event_at),
        "anonymised": report.anonymised_at is not None,
    }


def personal(report: Report) -> dict[str, Any]:
    return {
        "child": {
            "age": report.child_age,
            "age_band": (
                [report.age_band_lower, report.age_band_upper]
                if report.age_band_lower is not None
                else None
            ),
            "sex": report.child_sex,
        },
        "happened": report.happened,
        "reporter_relation": report.reporter_relation,
        "description": report.description or None,
        "address": report.address,
        "latitude": report.latitude,
        "longitude": report.longitude,
        "contact_phone": report.contact_phone,
    }


def _after(cursor: Cursor | None) -> Any:
    if cursor is None:
        return True
    changed = col(Report.last_event_at)
    return or_(
        changed > cursor.changed_at,
        and_(changed == cursor.changed_at, col(Report.id) > cursor.id),
    )


async def changed_cases(
    deps: TriageDeps,
    caller: PartnerCaller,
    regions: tuple[str, ...],
    cursor: Cursor | None,
    limit: int = DEFAULT_LIMIT,
) -> CasesPage:
    """Up to `limit` cases of `regions` (already checked against the grant) after `cursor`."""
    pii = Scope.PII in caller.grant.scopes
    limit = min(max(limit, 1), MAX_LIMIT)
    query = (
        select(Report)
        .where(region_filter(col(Report.kabkota_code), regions))
        .where(col(Report.last_event_at) <= deps.clock() - SETTLE, _after(cursor))
        .order_by(col(Report.last_event_at), col(Report.id))
        .limit(limit + 1)
    )
    if not pii:
        query = query.options(*without_sealed_details())
    async with deps.uow() as uow:
        rows = list((await uow.session.exec(query)).all())
    page = rows[:limit]
    cases = [structured(r) | personal(r) if pii else structured(r) for r in page]
    last = page[-1] if page else None
    next_cursor = (
        Cursor(last.last_event_at, last.id)
        if last is not None and last.last_event_at is not None and last.id is not None
        else cursor
    )
    return CasesPage(cases, next_cursor, len(rows) > limit)
