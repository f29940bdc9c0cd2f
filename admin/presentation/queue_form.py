"""The queue's filters as they arrive in the URL: checked, with an error per field.

Everything lives in the query string (`?status=open&kabkota=32.73&sort=received&dir=desc`),
so a view can be bookmarked and shared. A value that cannot be used is not quietly dropped:
the form comes back with the reason beside the field (a supervisor picking a region or a
worker outside their reach gets the same answer as for an unknown one).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from triage.domain.case import CaseStatus
from triage.domain.model import Category, Urgency
from triage.i18n import N_
from triage.services.cases.queue_choices import QueueChoices
from triage.services.cases.queue_query import (
    OPEN,
    PageRequest,
    QueueFilters,
    QueueOrder,
    QueueSort,
)

FILTER_FIELDS = (
    "q", "status", "urgency", "province", "kabkota", "category", "worker", "unassigned",
    "overdue", "from", "to",
)  # fmt: skip
ORDER_FIELDS = ("sort", "dir")
MAX_REFERENCE_CHARS = 20
EARLIEST_YEAR, LATEST_YEAR = 2000, 2100
_REFERENCE_TEXT = re.compile(r"[A-Z0-9 -]+")

BAD_REFERENCE = N_(
    "Nomor laporan hanya berisi huruf, angka dan tanda hubung, misalnya LS-7KQ2-M9XD."
)
PICK_STATUS = N_("Pilih status dari daftar.")
PICK_URGENCY = N_("Pilih tingkat urgensi dari daftar.")
PICK_PROVINCE = N_("Pilih provinsi dari daftar.")
PICK_KABKOTA = N_("Pilih kabupaten/kota dari daftar.")
KABKOTA_OUTSIDE = N_("Kabupaten/kota ini tidak ada di provinsi yang dipilih.")
PICK_CATEGORY = N_("Pilih kategori dari daftar.")
PICK_WORKER = N_("Pilih petugas dari daftar.")
WORKER_AND_UNASSIGNED = N_("Pilih satu petugas atau “belum ditugaskan”, tidak keduanya.")
BAD_DATE = N_("Tanggal tidak dikenali. Tulis seperti 2026-11-23 (tahun-bulan-tanggal).")
RANGE_REVERSED = N_(
    "Tanggal awal ({start}) jatuh sesudah tanggal akhir ({end}). Tukar keduanya atau perbaiki salah satunya."
)


@dataclass(frozen=True, slots=True)
class QueueForm:
    """What was asked (`values`, as typed, for the form) and what it means."""

    values: dict[str, str]
    errors: dict[str, str]  # field name: message id
    error_values: dict[str, str]  # placeholders of the messages
    filters: QueueFilters
    order: QueueOrder
    page: PageRequest

    @property
    def filtered(self) -> bool:
        return any(self.values.get(name) for name in FILTER_FIELDS)


class _Checker:
    """Collects the problems of one query string, one field at a time."""

    def __init__(self, values: dict[str, str], choices: QueueChoices, zone: ZoneInfo) -> None:
        self.values = values
        self.choices = choices
        self.zone = zone
        self.errors: dict[str, str] = {}
        self.error_values: dict[str, str] = {}

    def pick(self, name: str, allowed: set[str], message: str) -> str | None:
        value = self.values.get(name, "")
        if not value:
            return None
        if value not in allowed:
            self.errors[name] = message
            return None
        return value

    def reference(self) -> str | None:
        typed = self.values.get("q", "").strip().upper()
        if not typed:
            return None
        if len(typed) > MAX_REFERENCE_CHARS or not _REFERENCE_TEXT.fullmatch(typed):
            self.errors["q"] = BAD_REFERENCE
            return None
        return typed.replace(" ", "")

    def regions(self) -> tuple[str | None, str | None]:
        province = self.pick("province", {p.code for p in self.choices.provinces}, PICK_PROVINCE)
        kabkota = self.values.get("kabkota", "")
        if not kabkota:
            return province, None
        if not self.choices.has_kabkota(kabkota):
            self.errors["kabkota"] = PICK_KABKOTA
            return province, None
        if province is not None and not kabkota.startswith(f"{province}."):
            self.errors["kabkota"] = KABKOTA_OUTSIDE
            return province, None
        return province, kabkota

    def worker(self, unassigned: bool) -> int | None:
        typed = self.values.get("worker", "")
        if not typed:
            return None
        if not (typed.isascii() and typed.isdigit() and len(typed) < 10):
            self.errors["worker"] = PICK_WORKER
            return None
        if not self.choices.has_worker(int(typed)):
            self.errors["worker"] = PICK_WORKER
            return None
        if unassigned:
            self.errors["worker"] = WORKER_AND_UNASSIGNED
            return None
        return int(typed)

    def day(self, name: str) -> date | None:
        typed = self.values.get(name, "").strip()
        if not typed:
            return None
        try:
            day = date.fromisoformat(typed) if len(typed) == 10 else None
        except ValueError:
            day = None
        if day is None or not EARLIEST_YEAR <= day.year <= LATEST_YEAR:
            self.errors[name] = BAD_DATE
            return None
        return day

    def received(self) -> tuple[datetime | None, datetime | None]:
        """Whole local days: from the start of `from` to the end of `to`."""
        start, end = self.day("from"), self.day("to")
        if start is not None and end is not None and start > end:
            self.errors["range"] = RANGE_REVERSED
            self.error_values.update(start=start.isoformat(), end=end.isoformat())
            return None, None
        since = datetime.combine(start, time(0), self.zone) if start else None
        before = datetime.combine(end + timedelta(days=1), time(0), self.zone) if end else None
        return since, before


def _order(values: Mapping[str, str]) -> QueueOrder:
    """An unknown sort falls back to the default order (it only comes from our own links)."""
    sort = values.get("sort", "")
    known = {option.value for option in QueueSort}
    chosen = QueueSort(sort) if sort in known else QueueSort.PRIORITY
    return QueueOrder(chosen, values.get("dir") == "desc")


def _page(values: Mapping[str, str]) -> PageRequest:
    if values.get("before"):
        return PageRequest(values["before"], backwards=True)
    return PageRequest(values.get("after") or None)


def _checked(flag: str) -> bool:
    return flag not in ("", "0")


def read_queue_form(query: Mapping[str, str], choices: QueueChoices, zone: ZoneInfo) -> QueueForm:
    """The filters, order and page asked for in `query`, or the errors that stop them."""
    values = {name: query.get(name, "") for name in (*FILTER_FIELDS, *ORDER_FIELDS)}
    check = _Checker(values, choices, zone)
    statuses = {OPEN, *(status.value for status in CaseStatus)}
    unassigned = _checked(values["unassigned"])
    province, kabkota = check.regions()
    since, before = check.received()
    filters = QueueFilters(
        status=check.pick("status", statuses, PICK_STATUS),
        urgency=check.pick("urgency", {u.value for u in Urgency}, PICK_URGENCY),
        province=province,
        kabkota=kabkota,
        category=check.pick("category", {c.value for c in Category}, PICK_CATEGORY),
        worker_id=check.worker(unassigned),
        unassigned=unassigned,
        overdue=_checked(values["overdue"]),
        received_from=since,
        received_before=before,
        reference=check.reference(),
    )
    return QueueForm(
        values, check.errors, check.error_values, filters, _order(values), _page(query)
    )
