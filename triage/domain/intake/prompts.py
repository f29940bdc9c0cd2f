"""What the questionnaire asks at each step: question text, buttons and summary lines."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from triage.domain.intake import catalog as c
from triage.domain.intake.catalog import N_, Option, Step
from triage.domain.intake.location_prompts import location_pick_prompt, location_prompt
from triage.domain.intake.prompt import Prompt
from triage.domain.intake.regions_port import RegionLookup
from triage.domain.intake.summary import Line, preview, summary_lines
from triage.domain.intake.told_early import told_early

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


def _child(answers: Answers, version: int, _regions: RegionLookup) -> Prompt:
    sex, band = answers.get("child_sex"), answers.get("age_band")
    selected = frozenset({*([c.SEX_PREFIX + sex] if sex else []), *([band] if band else [])})
    question = N_(
        "Anak itu perempuan atau laki-laki? Berapa umurnya?\n"
        "Pilih di bawah, atau ketik umurnya (misalnya 7)."
    )
    options = (*c.SEX_OPTIONS, *c.AGE_OPTIONS)
    return Prompt(Step.AGE, question, version, options, 2, selected=selected)


def _story(answers: Answers, version: int, regions: RegionLookup) -> Prompt:
    """The story; a place taken without asking is shown here with "not this one"."""
    question = N_(
        "Ceritakan apa yang terjadi, dengan kata-kata Anda sendiri. "
        "Sebutkan juga patokan tempatnya (misalnya: dekat masjid atau sekolah apa).\n"
        "Foto atau pesan suara boleh dikirim dulu (paling banyak {limit})."
    )
    values = {"limit": str(c.LIMITS["evidence_max"])}
    options: tuple[Option, ...] = ()
    lines: tuple[Line, ...] = ()
    told = told_early(answers)
    if told:
        question = N_(
            "Anda sudah menulis:\n«{told}»\n\n"
            "Tekan tombol di bawah bila itu sudah ceritanya, atau ketik tambahannya "
            "(apa yang terjadi, siapa, dan patokan tempatnya)."
        )
        values["told"] = preview(told)
        options = (Option(c.STORY_AS_TOLD, N_("✅ Sudah, itu ceritanya")),)
    code = answers.get("region_code")
    if answers.get("_place_check") and isinstance(code, str):
        lines = (Line(N_("Tempat"), regions.name(code) or code, translate=False),)
        options = (*options, Option(c.PLACE_WRONG, N_("📍 Bukan ini, ganti tempat")))
    return Prompt(Step.DESCRIPTION, question, version, options, values=values, lines=lines)


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
    Step.DANGER: N_("Bahaya, waktu"),
    Step.CATEGORY: N_("Jenis kejadian"),
    Step.AGE: N_("Umur, jenis kelamin"),
    Step.RISKS: N_("Tanda bahaya"),
    Step.LOCATION: N_("Tempat"),
    Step.ADDRESS: N_("Alamat"),
    Step.DESCRIPTION: N_("Cerita"),
    Step.RELATION: N_("Hubungan"),
    Step.CONTACT: N_("Kontak"),
}

_BUILDERS: dict[Step, _Builder] = {
    Step.CONSENT: _simple(Step.CONSENT, CONSENT_TEXT, c.CONSENT_OPTIONS),
    Step.DANGER: _simple(
        Step.DANGER,
        N_("Apakah ada anak yang dalam bahaya SAAT INI?\nKalau tidak, kapan kejadiannya?"),
        c.DANGER_OPTIONS,
        2,
    ),
    Step.CATEGORY: _category,
    Step.AGE: _child,
    Step.RISKS: _risks,
    Step.LOCATION: location_prompt,
    Step.LOCATION_PICK: location_pick_prompt,
    Step.ADDRESS: _simple(
        Step.ADDRESS,
        N_("Alamat atau patokan tempatnya (tidak wajib). Ketik, atau tekan Lewati."),
        (Option(c.ADDRESS_SKIP, N_("Lewati")),),
    ),
    Step.DESCRIPTION: _story,
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
