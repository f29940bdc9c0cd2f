"""What a staff member asks of the queue: filters, an order, a page. Plain values, no I/O.

The admin reads them from the URL (so a view can be bookmarked) and checks them; the use
cases in `queries.py` and `export.py` turn them into SQL.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import datetime
from enum import StrEnum

OPEN = "open"  # the status filter's value for "every status still open"


class QueueSort(StrEnum):
    """The queue's orders; PRIORITY (open first, most urgent, newest) is the default."""

    PRIORITY = "priority"
    REFERENCE = "reference"
    RECEIVED = "received"
    REGION = "region"
    URGENCY = "urgency"
    STATUS = "status"
    WORKER = "worker"


@dataclass(frozen=True, slots=True)
class QueueFilters:
    """Every filter is optional; together they narrow the list (AND)."""

    status: str | None = None  # a CaseStatus value, or OPEN
    urgency: str | None = None  # an Urgency value
    province: str | None = None  # a province code ("32")
    kabkota: str | None = None  # a kabupaten/kota code ("32.73")
    category: str | None = None  # a Category value
    worker_id: int | None = None
    unassigned: bool = False
    overdue: bool = False  # an SLA deadline past due whose target is still unmet
    received_from: datetime | None = None  # inclusive, timezone-aware
    received_before: datetime | None = None  # exclusive, timezone-aware
    reference: str | None = None  # a whole reference or a part of one, upper case

    def audit_detail(self) -> dict[str, object]:
        """The filters that are set, as JSON values (codes and ids: nothing personal)."""
        detail: dict[str, object] = {}
        for field in fields(self):
            name, value = field.name, getattr(self, field.name)
            if value is None or value is False:
                continue
            detail[name] = value.isoformat() if isinstance(value, datetime) else value
        return detail


@dataclass(frozen=True, slots=True)
class QueueOrder:
    """A sort and its direction. Each sort has a natural sense: ranks from the top, names
    and codes from A, received times newest first; `descending` reverses the whole of it,
    tie-breaks too."""

    sort: QueueSort = QueueSort.PRIORITY
    descending: bool = False


@dataclass(frozen=True, slots=True)
class PageRequest:
    """Where a page starts: after (or, `backwards`, before) the row a cursor names."""

    cursor: str | None = None
    backwards: bool = False
