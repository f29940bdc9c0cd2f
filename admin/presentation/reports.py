"""How report list items are shown: local time, region names, urgency and status in words."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from babel.dates import format_datetime

from triage.domain.case import CaseStatus
from triage.domain.model import Urgency
from triage.i18n import N_, Translator
from triage.services.cases.queries import ReportListItem

URGENCY_LABELS = {
    Urgency.DARURAT: N_("DARURAT"),
    Urgency.TINGGI: N_("TINGGI"),
    Urgency.SEDANG: N_("SEDANG"),
    Urgency.RENDAH: N_("RENDAH"),
}
STATUS_LABELS = {
    CaseStatus.NEW: N_("Baru"),
    CaseStatus.ASSIGNED: N_("Menunggu diterima"),
    CaseStatus.ACCEPTED: N_("Diterima petugas"),
    CaseStatus.CONTACTED: N_("Sudah dihubungi"),
    CaseStatus.VISITED: N_("Sudah dikunjungi"),
    CaseStatus.REFERRED: N_("Dirujuk"),
    CaseStatus.CLOSED: N_("Ditutup"),
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
    overdue: bool


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
        urgency=translator.label(lang, URGENCY_LABELS, item.urgency),
        status=translator.label(lang, STATUS_LABELS, item.status),
        worker=item.assigned_worker_name or _(N_("Belum ditugaskan")),
        assigned=item.assigned_worker_name is not None,
        overdue=item.overdue,
    )
