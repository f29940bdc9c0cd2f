"""Which reports the statistics count: a period's in the viewer's regions (or a partner's).

A report marked as a duplicate of another is the same case reported again: it is left out.
The counting itself is grouped in SQL (`grouped.py`).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import ColumnElement, and_
from sqlmodel import col

from triage.services.cases.queries import region_scope
from triage.services.dashboard.queries import in_period
from triage.services.staff.accounts import StaffIdentity
from triage.storage.filters import region_filter
from triage.storage.tables import Report


def scope(viewer: StaffIdentity, start: datetime, end: datetime) -> ColumnElement[bool]:
    """The viewer's regions, reports received in [start, end), duplicates left out."""
    return and_(region_scope(viewer), in_period(start, end), col(Report.duplicate_of_id).is_(None))


def regions_scope(regions: Sequence[str], start: datetime, end: datetime) -> ColumnElement[bool]:
    """Reports of `regions` (province or kabupaten/kota codes) received in [start, end),
    duplicates left out: a partner's grant, already checked."""
    return and_(in_regions(regions), in_period(start, end), col(Report.duplicate_of_id).is_(None))


def in_regions(regions: Sequence[str]) -> ColumnElement[bool]:
    """Reports of `regions` (province or kabupaten/kota codes), whenever received."""
    return region_filter(col(Report.kabkota_code), regions)
