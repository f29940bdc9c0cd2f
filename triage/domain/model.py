"""Core domain vocabulary: categories, urgency, report facts and assessments.

Stdlib only, besides the child's age value (triage.domain.age).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from triage.domain.age import ChildAge


class Category(StrEnum):
    """Kinds of harm, after UU 35/2014 Pasal 59 (children needing special protection)."""

    KEKERASAN_FISIK = "kekerasan_fisik"
    KEKERASAN_PSIKIS = "kekerasan_psikis"
    KEKERASAN_SEKSUAL = "kekerasan_seksual"
    EKSPLOITASI = "eksploitasi"
    PERDAGANGAN = "perdagangan"
    PENELANTARAN = "penelantaran"
    PERKAWINAN_ANAK = "perkawinan_anak"
    ANAK_JALANAN = "anak_jalanan"
    BERHADAPAN_HUKUM = "berhadapan_hukum"
    DISABILITAS = "disabilitas"
    NAPZA = "napza"
    PORNOGRAFI = "pornografi"
    SITUASI_DARURAT = "situasi_darurat"
    LAINNYA = "lainnya"


class Urgency(StrEnum):
    """Urgency levels, most urgent first."""

    DARURAT = "DARURAT"
    TINGGI = "TINGGI"
    SEDANG = "SEDANG"
    RENDAH = "RENDAH"

    @property
    def rank(self) -> int:
        """3 for DARURAT down to 0 for RENDAH; higher is more urgent."""
        return _URGENCY_RANK[self]

    @classmethod
    def from_rank(cls, rank: int) -> Urgency:
        return _RANK_URGENCY[max(0, min(3, rank))]


_URGENCY_RANK = {Urgency.DARURAT: 3, Urgency.TINGGI: 2, Urgency.SEDANG: 1, Urgency.RENDAH: 0}
_RANK_URGENCY = {rank: urgency for urgency, rank in _URGENCY_RANK.items()}


class Answer(StrEnum):
    """A yes / no / not-sure answer; UNKNOWN also stands for a question not asked."""

    YES = "yes"
    NO = "no"
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class ReportFacts:
    """What a reporter told us, structured. Missing answers are UNKNOWN or None."""

    categories: tuple[Category, ...] = ()
    child_age: ChildAge = field(default_factory=ChildAge)  # as given: exact, band or unknown
    children_count: int | None = None
    immediate_danger: Answer = Answer.UNKNOWN
    perpetrator_access: Answer = Answer.UNKNOWN
    injured: Answer = Answer.UNKNOWN
    repeated: Answer = Answer.UNKNOWN
    disability: bool | None = None
    description: str = ""
    region_code: str | None = None
    reported_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class Reason:
    """One rule that fired. `code` is stable; texts are looked up by code in the catalogue.

    `detail` carries a short matched term (for text signals), never the reporter's whole text.
    """

    code: str
    points: int
    detail: str | None = None


@dataclass(frozen=True, slots=True)
class Assessment:
    """The result of scoring one report under one version of the rules."""

    urgency: Urgency
    score: int
    reasons: tuple[Reason, ...] = field(default_factory=tuple)
    rules_version: str = ""
