"""The queue as CSV: headers and cells in the viewer's language, safe to open in a spreadsheet
(formula cells neutralised by `csv_cells`; quotes, commas and line breaks escaped by the csv
module). Times are local, like the page.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from admin.presentation.csv_cells import neutralise
from admin.presentation.labels import CATEGORY_LABELS
from admin.presentation.reports import STATUS_LABELS, URGENCY_LABELS
from triage.i18n import N_, Translator
from triage.services.cases.export import ExportRow

BYTE_ORDER_MARK = "\ufeff"  # so that Excel reads the file as UTF-8

HEADERS = (
    N_("Nomor laporan"),
    N_("Waktu masuk ({zone})"),
    N_("Provinsi"),
    N_("Kabupaten/kota"),
    N_("Kode wilayah"),
    N_("Urgensi"),
    N_("Status"),
    N_("Lewat tenggat"),
    N_("Kategori"),
    N_("Petugas"),
    N_("Diterima ({zone})"),
    N_("Kontak pertama ({zone})"),
    N_("Ditutup ({zone})"),
)
PERSONAL_HEADERS = (N_("Cerita pelapor"), N_("Alamat"), N_("Telepon pelapor"))
YES, NO = N_("Ya"), N_("Tidak")


@dataclass(frozen=True, slots=True)
class CsvWords:
    """Turns export rows into cells, in one language and time zone."""

    lang: str
    translator: Translator
    zone: ZoneInfo
    province_name: Callable[[str], str | None]
    kabkota_name: Callable[[str], str | None]

    def _(self, msgid: str, **values: object) -> str:
        return self.translator.text(self.lang, msgid, **values)

    def headers(self, personal: bool) -> list[str]:
        zone = datetime.now(self.zone).tzname() or str(self.zone)
        names = [*HEADERS, *(PERSONAL_HEADERS if personal else ())]
        return [self._(name, zone=zone) for name in names]

    def _time(self, moment: datetime | None) -> str:
        return moment.astimezone(self.zone).strftime("%Y-%m-%d %H:%M") if moment else ""

    def _region(self, code: str | None) -> list[str]:
        if not code:
            return ["", "", ""]
        province = code.split(".", 1)[0]
        return [self.province_name(province) or "", self.kabkota_name(code) or code, code]

    def cells(self, row: ExportRow) -> list[str]:
        label = self.translator.label
        categories = "; ".join(label(self.lang, CATEGORY_LABELS, c) for c in row.categories)
        cells = [
            row.reference,
            self._time(row.received_at),
            *self._region(row.kabkota_code),
            label(self.lang, URGENCY_LABELS, row.urgency),
            label(self.lang, STATUS_LABELS, row.status),
            self._(YES if row.overdue else NO),
            categories,
            row.worker_name or "",
            self._time(row.accepted_at),
            self._time(row.first_contact_at),
            self._time(row.closed_at),
        ]
        if row.personal is not None:
            personal = row.personal
            cells += [personal.description, personal.address or "", personal.contact_phone or ""]
        return [neutralise(cell) for cell in cells]


class CsvBuffer:
    """Lines written as CSV text (RFC 4180: commas, CRLF, quotes doubled), taken in pieces."""

    def __init__(self, start: str = "") -> None:
        self._buffer = io.StringIO()
        self._buffer.write(start)
        self._writer = csv.writer(self._buffer)

    def write(self, cells: list[str]) -> None:
        self._writer.writerow(cells)

    @property
    def size(self) -> int:
        return self._buffer.tell()

    def take(self) -> bytes:
        """What was written since the last take, as UTF-8."""
        text = self._buffer.getvalue()
        self._buffer.seek(0)
        self._buffer.truncate()
        return text.encode()
