"""How report list items are shown: local time, region names, urgency and status in words."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from babel.dates import format_datetime

from triage.i18n import N_, Translator
from triage.services.cases.queries import ReportListItem

URGENCY_LABELS = {
    "DARURAT": N_("DARURAT"),
    "TINGGI": N_("TINGGI"),
    "SEDANG": N_("SEDANG"),
    "RENDAH": N_("RENDAH"),
}
STATUS_LABELS = {
    "new": N_("Baru"),
    "assigned": N_("Menunggu diterima"),
    "accepted": N_("Diterima petugas"),
    "contacted": N_("Sudah dihubungi"),
    "visited": N_("Sudah dikunjungi"),
    "referred": N_("Dirujuk"),
    "escalated": N_("Dieskalasi"),
    "closed": N_("Ditutup"),
    "duplicate": N_("Duplikat"),
}


@dataclass(frozen=True, slots=True)
class ReportRow:
    """One table row, every cell already a plain string (escaped by the template)."""

    reference: str
    received: str
    received_iso: str
    region: str
    urgency_code: str
    urgency: str
    status: str
    worker: str
    assigned: bool


def format_local_time(moment: datetime, zone: ZoneInfo, lang: str) -> str:
    """Like "23 Nov 2026 14:05 WIB", with month names in the page's language."""
    local = moment.astimezone(zone)
    return f"{format_datetime(local, 'dd MMM yyyy HH:mm', locale=lang)} {local.tzname()}"


def report_row(
    item: ReportListItem,
    *,
    lang: str,
    translator: Translator,
    zone: ZoneInfo,
    region_name: Callable[[str], str | None],
) -> ReportRow:
    def _(msgid: str) -> str:
        return translator.text(lang, msgid)

    code = item.kabkota_code
    return ReportRow(
        reference=item.reference,
        received=format_local_time(item.received_at, zone, lang),
        received_iso=item.received_at.isoformat(),
        region=(region_name(code) or code) if code else _(N_("Belum diketahui")),
        urgency_code=item.urgency.lower(),
        urgency=_(URGENCY_LABELS[item.urgency]) if item.urgency in URGENCY_LABELS else item.urgency,
        status=_(STATUS_LABELS[item.status]) if item.status in STATUS_LABELS else item.status,
        worker=item.assigned_worker_name or _(N_("Belum ditugaskan")),
        assigned=item.assigned_worker_name is not None,
    )
