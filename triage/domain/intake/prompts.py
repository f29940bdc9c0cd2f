"""What the questionnaire asks at each step: question text, buttons and summary lines."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from triage.domain.intake import catalog as c
from triage.domain.intake.catalog import N_, Option, Step
from triage.domain.intake.regions_port import RegionLookup
from triage.domain.intake.summary import Line, summary_lines


@dataclass(frozen=True, slots=True)
class Prompt:
    """A question with its buttons; `version` goes into every button's callback data."""

    step: Step
    question: str
    version: int
    options: tuple[Option, ...] = ()
    columns: int = 1
    selected: frozenset[str] = frozenset()
    values: Mapping[str, str] = field(default_factory=dict)
    lines: tuple[Line, ...] = ()
    request_location: bool = False
    request_contact: bool = False


Answers = Mapping[str, Any]
_Builder = Callable[[Answers, int, RegionLookup], Prompt]


def prompt_for(step: Step, answers: Answers, version: int, regions: RegionLookup) -> Prompt:
    return _BUILDERS[step](answers, version, regions)


def _simple(
    step: Step,
    question: str,
    options: tuple[Option, ...],
    columns: int = 1,
    values: Mapping[str, str] | None = None,
) -> _Builder:
    def build(_answers: Answers, version: int, _regions: RegionLookup) -> Prompt:
        return Prompt(step, question, version, options, columns, values=values or {})

    return build


CONSENT_TEXT = N_(
    "Lapor Sosial menerima laporan tentang anak yang perlu perlindungan.\n"
    "🔒 Jawaban Anda disimpan aman dan hanya dibaca petugas yang menangani. "
    "Anda boleh tetap anonim.\n\n"
    "Lapor Sosial takes reports about children who need protection.\n"
    "🔒 Your answers are stored securely and read only by the staff handling the case. "
    "You may stay anonymous.\n\n"
    "Pilih bahasa untuk setuju dan mulai / Choose a language to agree and start:"
)


def _category(answers: Answers, version: int, _regions: RegionLookup) -> Prompt:
    chosen = frozenset(answers.get("categories", ()))
    if not answers.get("_multi"):
        more = Option(c.CATEGORY_MULTI, N_("➕ Pilih lebih dari satu"))
        question = N_("Apa yang terjadi pada anak itu? Pilih yang paling sesuai.")
        return Prompt(Step.CATEGORY, question, version, (*c.CATEGORY_OPTIONS, more), 2)
    options: tuple[Option, ...] = c.CATEGORY_OPTIONS
    if chosen:
        options = (*options, Option(c.CATEGORY_DONE, N_("Lanjut ➡️")))
    question = N_("Pilih semua yang sesuai, lalu tekan Lanjut.")
    return Prompt(Step.CATEGORY, question, version, options, 2, selected=chosen)


def _risks(answers: Answers, version: int, _regions: RegionLookup) -> Prompt:
    chosen = frozenset(answers.get("_risks", ()))
    tail: tuple[Option, ...] = (
        Option(c.RISKS_NONE, N_("Tidak ada")),
        Option(c.RISKS_UNKNOWN, N_("Tidak tahu")),
    )
    if chosen:
        tail = (Option(c.RISKS_DONE, N_("Lanjut ➡️")),)
    question = N_("Mana yang benar tentang anak itu? Tekan semua yang sesuai, lalu tekan Lanjut.")
    return Prompt(Step.RISKS, question, version, (*c.RISK_OPTIONS, *tail), selected=chosen)


def _location(_answers: Answers, version: int, _regions: RegionLookup) -> Prompt:
    question = N_(
        "Di mana anak itu? Ketik nama kabupaten/kota (misalnya: Jaksel, Kota Bandung), "
        "kirim lokasi dengan tombol 📍 di bawah, atau pilih dari daftar."
    )
    browse = (Option(c.LOCATION_BROWSE, N_("📋 Pilih dari daftar")),)
    return Prompt(Step.LOCATION, question, version, browse, request_location=True)


def _location_pick(answers: Answers, version: int, regions: RegionLookup) -> Prompt:
    if answers.get("_browse") == "province":
        return _province_page(answers, version, regions)
    if answers.get("_browse"):
        return _kabkota_page(answers, version, regions)
    candidates: Sequence[Sequence[str]] = answers.get("_candidates", ())
    picks = tuple(Option(c.REGION_PREFIX + code, name, literal=True) for code, name in candidates)
    again = Option(c.LOCATION_AGAIN, N_("Bukan, ketik lagi"))
    browse = Option(c.LOCATION_BROWSE, N_("📋 Pilih dari daftar"))
    if answers.get("_from_pin"):
        question = N_("Lokasi yang Anda kirim ada di {place}. Benar?")
        yes = Option(picks[0].value, N_("Ya, benar"))
        values = {"place": candidates[0][1]}
        return Prompt(Step.LOCATION_PICK, question, version, (yes, again, browse), values=values)
    question = N_("Maksud Anda yang mana?")
    return Prompt(Step.LOCATION_PICK, question, version, (*picks, again, browse))


def _paged(items: Sequence[tuple[str, str]], prefix: str, page: int) -> tuple[Option, ...]:
    size = int(c.LIMITS["region_page_size"])
    start = page * size
    options = [
        Option(prefix + code, name, literal=True) for code, name in items[start : start + size]
    ]
    if page > 0:
        options.append(Option(f"{c.PAGE_PREFIX}{page - 1}", N_("⬅️ Sebelumnya")))
    if start + size < len(items):
        options.append(Option(f"{c.PAGE_PREFIX}{page + 1}", N_("Berikutnya ➡️")))
    return tuple(options)


def _province_page(answers: Answers, version: int, regions: RegionLookup) -> Prompt:
    options = _paged(regions.provinces(), c.PROVINCE_PREFIX, int(answers.get("_page", 0)))
    question = N_("Pilih provinsi:")
    return Prompt(Step.LOCATION_PICK, question, version, options, 2)


def _kabkota_page(answers: Answers, version: int, regions: RegionLookup) -> Prompt:
    province = str(answers["_browse"])
    items = regions.kabkota_in(province)
    options = _paged(items, c.REGION_PREFIX, int(answers.get("_page", 0)))
    back = Option(c.LOCATION_BROWSE, N_("⬅️ Daftar provinsi"))
    values = {"province": regions.name(province) or province}
    question = N_("Pilih kabupaten/kota di {province}:")
    return Prompt(Step.LOCATION_PICK, question, version, (*options, back), 2, values=values)


def _contact(_answers: Answers, version: int, _regions: RegionLookup) -> Prompt:
    question = N_(
        "Bolehkah petugas menghubungi Anda jika perlu? Tekan 📱 Bagikan nomor saya di bawah "
        "(berarti Anda setuju dihubungi), atau pilih Tetap anonim."
    )
    anonymous = (Option(c.CONTACT_ANONYMOUS, N_("Tetap anonim")),)
    return Prompt(Step.CONTACT, question, version, anonymous, request_contact=True)


def _summary(answers: Answers, version: int, regions: RegionLookup) -> Prompt:
    lines = summary_lines(answers, regions)
    if answers.get("_edit_menu"):
        edits = tuple(Option(c.EDIT_PREFIX + s, _EDIT_LABELS[s]) for s in c.EDITABLE_STEPS)
        back = Option(c.SUBMIT, N_("✅ Kirim laporan"))
        question = N_("Jawaban mana yang ingin diubah?")
        return Prompt(Step.SUMMARY, question, version, (*edits, back), 2, lines=lines)
    notify = (
        N_("🔔 Kabari saya: Ya") if answers.get("notify", True) else N_("🔕 Kabari saya: Tidak")
    )
    options = (
        Option(c.SUBMIT, N_("✅ Kirim laporan")),
        Option("edit", N_("✏️ Ubah jawaban")),
        Option(c.NOTIFY_TOGGLE, notify),
        Option(c.CANCEL, N_("Batalkan")),
    )
    question = N_(
        "Periksa laporan Anda. Laporan belum terkirim sebelum Anda menekan ✅ Kirim laporan."
    )
    return Prompt(Step.SUMMARY, question, version, options, lines=lines)


_EDIT_LABELS = {
    Step.DANGER: N_("Bahaya saat ini"),
    Step.CATEGORY: N_("Jenis kejadian"),
    Step.AGE: N_("Umur anak"),
    Step.RISKS: N_("Tanda bahaya"),
    Step.LOCATION: N_("Tempat"),
    Step.ADDRESS: N_("Alamat"),
    Step.WHEN: N_("Waktu"),
    Step.DESCRIPTION: N_("Cerita"),
    Step.RELATION: N_("Hubungan"),
    Step.CONTACT: N_("Kontak"),
}

_BUILDERS: dict[Step, _Builder] = {
    Step.CONSENT: _simple(Step.CONSENT, CONSENT_TEXT, c.CONSENT_OPTIONS),
    Step.DANGER: _simple(
        Step.DANGER, N_("Apakah ada anak yang sedang dalam bahaya saat ini?"), c.YES_NO_UNSURE, 3
    ),
    Step.CATEGORY: _category,
    Step.AGE: _simple(
        Step.AGE, N_("Berapa umur anak itu? Pilih, atau ketik angkanya."), c.AGE_OPTIONS, 2
    ),
    Step.RISKS: _risks,
    Step.LOCATION: _location,
    Step.LOCATION_PICK: _location_pick,
    Step.ADDRESS: _simple(
        Step.ADDRESS,
        N_("Alamat atau patokan tempatnya (tidak wajib). Ketik, atau tekan Lewati."),
        (Option(c.ADDRESS_SKIP, N_("Lewati")),),
    ),
    Step.WHEN: _simple(Step.WHEN, N_("Kapan kejadiannya?"), c.WHEN_OPTIONS, 2),
    Step.DESCRIPTION: _simple(
        Step.DESCRIPTION,
        N_(
            "Ceritakan apa yang terjadi dengan kata-kata Anda sendiri. Anda juga boleh "
            "mengirim foto atau pesan suara (paling banyak {limit}) sebelum ceritanya."
        ),
        (),
        values={"limit": str(c.LIMITS["evidence_max"])},
    ),
    Step.RELATION: _simple(
        Step.RELATION, N_("Apa hubungan Anda dengan anak itu?"), c.RELATION_OPTIONS, 2
    ),
    Step.CONTACT: _contact,
    Step.SUMMARY: _summary,
    Step.CANCEL_CONFIRM: _simple(
        Step.CANCEL_CONFIRM,
        N_("Batalkan laporan ini? Semua jawaban Anda akan dihapus."),
        (
            Option(c.CANCEL_YES, N_("Ya, hapus")),
            Option(c.CANCEL_NO, N_("Tidak, lanjutkan")),
        ),
        2,
    ),
}
