"""Links of the queue page: column headers that sort, neighbouring pages, the CSV download.

Each keeps the filters, so the URL always describes the whole view.
"""

from __future__ import annotations

from dataclasses import dataclass

from yarl import URL

from admin.presentation.queue_form import FILTER_FIELDS, QueueForm
from triage.i18n import N_
from triage.services.cases.queue_query import QueueOrder, QueueSort

# The sortable columns in table order, with their headers. A first press sorts in the
# natural sense (most urgent, earliest status, names from A, newest first); a second press
# reverses it.
COLUMNS = (
    (QueueSort.REFERENCE, N_("Nomor laporan")),
    (QueueSort.RECEIVED, N_("Waktu masuk")),
    (QueueSort.REGION, N_("Kabupaten/kota")),
    (QueueSort.URGENCY, N_("Urgensi")),
    (QueueSort.STATUS, N_("Status")),
    (QueueSort.WORKER, N_("Petugas")),
)
# Whose natural sense is from the largest value down (for aria-sort).
NEWEST_FIRST = frozenset({QueueSort.RECEIVED})


SORT_LABELS = {
    QueueSort.PRIORITY: N_("Terbuka & paling mendesak dulu"),
    **dict(COLUMNS),
}


@dataclass(frozen=True, slots=True)
class Column:
    label: str  # message id
    href: str
    aria_sort: str | None  # "ascending", "descending", or None when not sorted by it


def filter_query(form: QueueForm) -> dict[str, str]:
    """The filters that are set, as URL parameters."""
    return {name: form.values[name] for name in FILTER_FIELDS if form.values.get(name)}


def order_query(order: QueueOrder) -> dict[str, str]:
    """Only what differs from the default: the natural sense needs no `dir`."""
    query = {} if order.sort is QueueSort.PRIORITY else {"sort": order.sort.value}
    return {**query, "dir": "desc"} if order.descending else query


def view_url(base: URL, form: QueueForm, order: QueueOrder | None = None, **extra: str) -> URL:
    """The same filters, the same order or `order`, and `extra` (a page cursor) on `base`."""
    chosen = form.order if order is None else order
    return base.with_query({**filter_query(form), **order_query(chosen), **extra})


def columns(base: URL, form: QueueForm) -> list[Column]:
    """Each header sorts by its column; pressed again, it reverses."""
    current = form.order
    found = []
    for sort, label in COLUMNS:
        if current.sort is sort:
            target = QueueOrder(sort, not current.descending)
            downwards = current.descending != (sort in NEWEST_FIRST)
            aria: str | None = "descending" if downwards else "ascending"
        else:
            target, aria = QueueOrder(sort), None
        query = {**filter_query(form), **order_query(target)}
        found.append(Column(label, str(base.with_query(query)), aria))
    return found
