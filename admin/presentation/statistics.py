"""How the statistics page says things: dimension and key labels, periods, buckets, and
each table as rows of texts. A hidden figure is written as "< 5" (a small count) or "×"
(hidden with it); its number never reaches the page."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from babel.dates import format_date

from admin.presentation.dashboard import FEWER_THAN, DashboardWords
from admin.presentation.labels import REFERRAL_STATUS_LABELS, SERVICE_TYPE_LABELS
from admin.presentation.reports import URGENCY_LABELS
from triage.domain.age import BAND
from triage.domain.child_sex import WORDS as SEX_WORDS
from triage.domain.report_context import RELATION_WORDS
from triage.domain.statistics.dimensions import UNKNOWN, Dimension, Granularity, Unit
from triage.domain.statistics.handling import OPEN, WAITING
from triage.domain.statistics.suppression import Entry, Hidden
from triage.i18n import N_
from triage.services.statistics.model import (
    Counted,
    StatTable,
    TableKind,
    Workload,
    WorkloadRow,
)
from triage.services.statistics.overview import MET, MISSED
from triage.services.statistics.referrals import REFERRAL_STATUS, SERVICE_TYPE

COMPLEMENT_MARK = "×"
NOT_KNOWN = N_("Tidak diketahui")
DIMENSION_LABELS = {
    Dimension.PERIOD: N_("Periode"),
    Dimension.PROVINCE: N_("Provinsi"),
    Dimension.KABKOTA: N_("Kabupaten/kota"),
    Dimension.HARM: N_("Jenis kekerasan"),
    Dimension.AGE_BAND: N_("Usia anak"),
    Dimension.SEX: N_("Jenis kelamin anak"),
    Dimension.RELATION: N_("Hubungan pelapor"),
    Dimension.URGENCY: N_("Urgensi"),
}
GRANULARITY_LABELS = {
    Granularity.MONTH: N_("Per bulan"),
    Granularity.QUARTER: N_("Per triwulan"),
    Granularity.YEAR: N_("Per tahun"),
}
UNIT_LABELS = {Unit.REPORTS: N_("Laporan"), Unit.CHILDREN: N_("Anak")}
COUNTED_CAPTIONS = {
    Counted.REPORTS: N_("Angka menghitung laporan."),
    Counted.CHILDREN: N_(
        "Angka menghitung anak (laporan tentang beberapa anak dihitung per anak)."
    ),
    Counted.DEADLINES: N_("Angka menghitung batas waktu SLA yang sudah jelas hasilnya."),
    Counted.REFERRALS: N_("Angka menghitung rujukan ke layanan."),
}
HARM_LABELS = {
    "fisik": N_("Fisik"),
    "psikis": N_("Psikis"),
    "seksual": N_("Seksual"),
    "eksploitasi": N_("Eksploitasi"),
    "tppo": N_("TPPO/perdagangan orang"),
    "penelantaran": N_("Penelantaran"),
    "lainnya": N_("Lainnya"),
}
BUCKET_LABELS = {
    "le30": N_("≤ 30 hari"),
    "31-90": N_("31–90 hari"),
    "91-180": N_("91–180 hari"),
    "gt180": N_("> 180 hari"),
    OPEN: N_("Belum ditutup"),
    "le1": N_("≤ 1 hari"),
    "2-3": N_("2–3 hari"),
    "4-7": N_("4–7 hari"),
    "gt7": N_("> 7 hari"),
    WAITING: N_("Belum dihubungi"),
    MET: N_("Terpenuhi"),
    MISSED: N_("Terlewat"),
}
KIND_TITLES = {
    TableKind.CLOSURE: N_("Waktu dari laporan sampai ditutup"),
    TableKind.FIRST_CONTACT: N_("Waktu dari laporan sampai kontak pertama"),
    TableKind.DEADLINES: N_("Batas waktu terpenuhi"),
    TableKind.WORKLOAD: N_("Kasus per petugas"),
    TableKind.REFERRALS: N_("Rujukan menurut jenis layanan dan status, seluruh rentang"),
}
SERVICE_TYPE_HEAD = N_("Jenis layanan")
QUARTER = N_("Triwulan {quarter} {year}")
TOTAL = N_("Jumlah")
MET_SHARE = N_("Terpenuhi (%)")
COUNTS_TITLE = N_("{rows} menurut {columns}")
WHOLE_RANGE = N_("seluruh rentang")
PER_WORKER = N_("{cases} kasus, {workers} petugas")


@dataclass(frozen=True, slots=True)
class Shown:
    """One figure as text; `hidden` ("small", "complement") for its style and explanation."""

    text: str
    hidden: str | None = None


@dataclass(frozen=True, slots=True)
class ShownRow:
    label: str
    cells: tuple[Shown, ...]
    total: Shown
    extra: str | None = None  # the deadlines' share met


@dataclass(frozen=True, slots=True)
class ShownTable:
    caption: str
    counted: str
    row_head: str
    columns: tuple[str, ...]
    rows: tuple[ShownRow, ...]
    totals: tuple[Shown, ...]
    total: Shown
    extra_head: str | None = None


class StatisticsWords(DashboardWords):
    """Labels of keys along each dimension and the tables as text."""

    def dimension(self, dimension: str) -> str:
        if dimension == SERVICE_TYPE:
            return self._(SERVICE_TYPE_HEAD)
        return self.translator.label(self.lang, DIMENSION_LABELS, dimension)

    def key(self, dimension: Dimension | str, key: str) -> str:
        if key == UNKNOWN:
            return self._(NOT_KNOWN)
        match dimension:
            case Dimension.PERIOD:
                return self.period_key(key)
            case Dimension.PROVINCE | Dimension.KABKOTA:
                return self.region(key)
            case Dimension.HARM:
                return self.translator.label(self.lang, HARM_LABELS, key)
            case Dimension.AGE_BAND:
                lower, upper = key.split("-")
                return self._(BAND, lower=lower, upper=upper)
            case Dimension.SEX:
                return self.translator.label(self.lang, SEX_WORDS, key)
            case Dimension.RELATION:
                return self.translator.label(self.lang, RELATION_WORDS, key)
            case Dimension.URGENCY:
                return self.translator.label(self.lang, URGENCY_LABELS, key)
            case _ if dimension == SERVICE_TYPE:
                return self.translator.label(self.lang, SERVICE_TYPE_LABELS, key)
            case _ if dimension == REFERRAL_STATUS:
                status = self.translator.label(self.lang, REFERRAL_STATUS_LABELS, key)
                return status[:1].upper() + status[1:]
        return self.translator.label(self.lang, BUCKET_LABELS, key)

    def period_key(self, key: str) -> str:
        """ "Nov 2026", "Triwulan 4 2026", "2026"."""
        year, _, part = key.partition("-")
        if not part:
            return year
        if part.startswith("Q"):
            return self._(QUARTER, quarter=part[1:], year=year)
        return format_date(date(int(year), int(part), 1), "MMM yyyy", locale=self.lang)

    def entry(self, entry: Entry, minimum: int) -> Shown:
        if entry.hidden is Hidden.SMALL:
            return Shown(self._(FEWER_THAN, minimum=minimum), entry.hidden.value)
        if entry.hidden is Hidden.COMPLEMENT:
            return Shown(COMPLEMENT_MARK, entry.hidden.value)
        return Shown(self.number(entry.value or 0))

    def table(self, stat: StatTable, caption: str) -> ShownTable:
        grid = stat.table
        rows = tuple(
            ShownRow(
                self.key(stat.rows, row),
                tuple(self.entry(e, grid.minimum) for e in cells),
                self.entry(total, grid.minimum),
                self._met_share(cells, total, grid.minimum)
                if stat.kind is TableKind.DEADLINES
                else None,
            )
            for row, cells, total in zip(grid.rows, grid.cells, grid.row_totals, strict=True)
        )
        return ShownTable(
            caption=caption,
            counted=self._(COUNTED_CAPTIONS[stat.counted]),
            row_head=self.dimension(stat.rows),
            columns=tuple(self.key(stat.columns, column) for column in grid.columns),
            rows=rows,
            totals=tuple(self.entry(e, grid.minimum) for e in grid.column_totals),
            total=self.entry(grid.total, grid.minimum),
            extra_head=self._(MET_SHARE) if stat.kind is TableKind.DEADLINES else None,
        )

    def _met_share(self, cells: Sequence[Entry], total: Entry, minimum: int) -> str:
        """Met of all decided, only when both are shown and there are enough of them."""
        met = cells[0].value
        if met is None or total.value is None or total.value < minimum or not total.value:
            return "—"
        return self.percent(met / total.value)

    def counts_caption(self, stat: StatTable) -> str:
        title = self._(
            COUNTS_TITLE, rows=self.dimension(stat.rows), columns=self.dimension(stat.columns)
        )
        period = self.period_key(stat.period) if stat.period else self._(WHOLE_RANGE)
        return f"{title}, {period}"

    def kind_caption(self, stat: StatTable) -> str:
        return f"{self._(KIND_TITLES[stat.kind])}, {self.dimension(stat.rows).lower()}"

    def workload(self, workload: Workload) -> ShownTable:
        """Cases per worker; the detail (cases, workers) beside it; the heaviest load first."""
        grid = workload.cases.table
        order = sorted(
            range(len(grid.rows)),
            key=lambda i: -max((r.per_worker or 0.0) for r in workload.rows[i]),
        )
        rows = tuple(
            ShownRow(
                self.key(Dimension.KABKOTA, grid.rows[i]),
                tuple(self._load(cell, grid.minimum) for cell in workload.rows[i]),
                self.entry(grid.row_totals[i], grid.minimum),
            )
            for i in order
        )
        return ShownTable(
            caption=self._(KIND_TITLES[TableKind.WORKLOAD]),
            counted=self._(COUNTED_CAPTIONS[Counted.REPORTS]),
            row_head=self.dimension(Dimension.KABKOTA),
            columns=tuple(self.period_key(column) for column in grid.columns),
            rows=rows,
            totals=tuple(self.entry(e, grid.minimum) for e in grid.column_totals),
            total=self.entry(grid.total, grid.minimum),
        )

    def referrals(self, stat: StatTable) -> ShownTable:
        """Service types × statuses, in the directory's order, labelled as its page does."""
        return self.table(stat, self._(KIND_TITLES[TableKind.REFERRALS]))

    def _load(self, cell: WorkloadRow, minimum: int) -> Shown:
        shown = self.entry(cell.cases, minimum)
        if cell.per_worker is None or cell.workers is None or shown.hidden:
            return shown
        detail = self._(PER_WORKER, cases=shown.text, workers=self.number(cell.workers))
        return Shown(f"{self.tenths(cell.per_worker)} ({detail})")


def tables_of(words: StatisticsWords, stats: Sequence[StatTable]) -> list[ShownTable]:
    return [words.table(stat, words.counts_caption(stat)) for stat in stats]
