"""Plain-word texts of reason codes, Indonesian and English. Stdlib only.

Texts are short, for a social worker to read at a glance. A text signal's matched words
(`Reason.detail`) are appended in quotes. These strings are the source for the catalogue.
"""

from __future__ import annotations

from collections.abc import Mapping

from triage.domain.model import Category, Reason
from triage.domain.rules.model import category_code, signal_code

_FACTORS: Mapping[str, tuple[str, str]] = {
    "immediate_danger": ("Anak dalam bahaya saat ini", "Child in danger right now"),
    "young_child": ("Anak berusia 0-5 tahun", "Child aged 0-5"),
    "injured": ("Anak terluka dan perlu perawatan", "Child injured, needs medical care"),
    "perpetrator_access": (
        "Pelaku bisa menemui anak dalam sehari ini",
        "The person who harms the child can reach them within a day",
    ),
    "repeated": ("Kejadian berulang", "Harm has happened before"),
    "disability": ("Anak dengan disabilitas", "Child has a disability"),
    "several_children": ("Lebih dari satu anak terdampak", "More than one child affected"),
    "child_alone": ("Balita ditelantarkan atau sendirian", "Child under 5 neglected or alone"),
}

_CATEGORIES: Mapping[Category, tuple[str, str]] = {
    Category.KEKERASAN_FISIK: ("Dilaporkan: kekerasan fisik", "Reported: physical violence"),
    Category.KEKERASAN_PSIKIS: (
        "Dilaporkan: kekerasan psikis",
        "Reported: psychological violence",
    ),
    Category.KEKERASAN_SEKSUAL: ("Dilaporkan: kekerasan seksual", "Reported: sexual violence"),
    Category.EKSPLOITASI: ("Dilaporkan: eksploitasi", "Reported: exploitation"),
    Category.PERDAGANGAN: ("Dilaporkan: perdagangan anak", "Reported: child trafficking"),
    Category.PENELANTARAN: ("Dilaporkan: penelantaran", "Reported: neglect"),
    Category.PERKAWINAN_ANAK: ("Dilaporkan: perkawinan anak", "Reported: child marriage"),
    Category.ANAK_JALANAN: ("Dilaporkan: anak jalanan", "Reported: street child"),
    Category.BERHADAPAN_HUKUM: (
        "Dilaporkan: anak berhadapan dengan hukum",
        "Reported: child in conflict with the law",
    ),
    Category.DISABILITAS: (
        "Dilaporkan: anak disabilitas tanpa pengasuhan",
        "Reported: child with a disability without care",
    ),
    Category.NAPZA: ("Dilaporkan: narkoba atau zat adiktif", "Reported: drugs or solvents"),
    Category.PORNOGRAFI: ("Dilaporkan: pornografi", "Reported: pornography"),
    Category.SITUASI_DARURAT: ("Dilaporkan: situasi darurat", "Reported: emergency situation"),
    Category.LAINNYA: ("Dilaporkan: masalah lain", "Reported: other concern"),
}

_SIGNALS: Mapping[str, tuple[str, str]] = {
    "physical_violence": ("kekerasan fisik", "physical violence"),
    "psychological_violence": ("perundungan atau ancaman", "bullying or threats"),
    "sexual_violence": ("kekerasan seksual", "sexual violence"),
    "sexual_exploitation": ("eksploitasi seksual", "sexual exploitation"),
    "trafficking": ("penjualan atau penculikan anak", "sale or abduction of a child"),
    "suicide_self_harm": ("bunuh diri atau melukai diri", "suicide or self-harm"),
    "neglect": ("penelantaran", "neglect"),
    "young_child_alone": ("balita ditinggal sendirian", "a small child left alone"),
    "confinement": ("anak dikurung atau dirantai", "a child locked up or chained"),
    "child_marriage": ("perkawinan anak", "child marriage"),
    "child_labour": ("anak dipaksa bekerja atau mengemis", "a child forced to work or beg"),
    "street_child": ("anak hidup di jalan", "a child living on the street"),
    "substance_use": ("narkoba atau ngelem", "drugs or glue sniffing"),
    "pornography": ("konten porno", "pornographic content"),
    "afraid_to_go_home": ("anak takut pulang atau kabur", "a child afraid to go home or run away"),
}

SIGNAL_NAMES = frozenset(_SIGNALS)
"""Text signals that have texts; a rules file may only define these."""

_TEXTS: Mapping[str, tuple[str, str]] = {
    **_FACTORS,
    **{category_code(c): texts for c, texts in _CATEGORIES.items()},
    **{
        signal_code(name): (f"Teks menyebut {id_}", f"The description mentions {en}")
        for name, (id_, en) in _SIGNALS.items()
    },
}

LANGUAGES = ("id", "en")


def reason_text(reason: Reason, lang: str = "id") -> str:
    """The plain-word text of a reason in `lang` ("id" or "en"), with its detail quoted."""
    texts = _TEXTS.get(reason.code)
    text = reason.code if texts is None else texts[1 if lang == "en" else 0]
    return f'{text} ("{reason.detail}")' if reason.detail else text
