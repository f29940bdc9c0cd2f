"""How report list items are shown: local time, region names, urgency and status in words."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from zoneinfo import ZoneInfo

from babel.dates import get_month_names

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


@lru_cache(maxsize=8)
def _short_months(lang: str) -> tuple[str, ...]:
    """The language's abbreviated month names (babel's `MMM`), January first."""
    names = get_month_names("abbreviated", "format", locale=lang)
    return tuple(names[month] for month in range(1, 13))


def format_local_time(moment: datetime, zone: ZoneInfo, lang: str) -> str:
    """Like "23 Nov 2026 14:05 WIB", with month names in the page's language: babel's
    `dd MMM yyyy HH:mm` with the zone's abbreviation, its month names looked up once per
    language (babel parses the pattern and the locale on every call: a list pays that per row)."""
    local = moment.astimezone(zone)
    month = _short_months(lang)[local.month - 1]
    return (
        f"{local.day:02d} {month} {local.year:04d} {local.hour:02d}:{local.minute:02d} "
        f"{local.tzname()}"
    )


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
