"""Pieces several messages share: category names, reason lines, shortened stories, local times."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from triage.domain.model import Category, Reason
from triage.domain.scoring.reasons import reason_text
from triage.domain.timezones import format_local
from triage.i18n import N_, Translator

STORY_PREVIEW_CHARS = 280
REASONS_SHOWN = 4
DEFAULT_REGION = "31"  # format_local needs a region; Jakarta (WIB) when a case has none
CATEGORY_NAMES = {
    Category.KEKERASAN_FISIK: N_("kekerasan fisik"),
    Category.KEKERASAN_PSIKIS: N_("kekerasan psikis"),
    Category.KEKERASAN_SEKSUAL: N_("kekerasan seksual"),
    Category.EKSPLOITASI: N_("eksploitasi"),
    Category.PERDAGANGAN: N_("perdagangan anak"),
    Category.PENELANTARAN: N_("penelantaran"),
    Category.PERKAWINAN_ANAK: N_("perkawinan anak"),
    Category.ANAK_JALANAN: N_("anak jalanan"),
    Category.BERHADAPAN_HUKUM: N_("berhadapan dengan hukum"),
    Category.DISABILITAS: N_("disabilitas tanpa pengasuhan"),
    Category.NAPZA: N_("narkoba / zat adiktif"),
    Category.PORNOGRAFI: N_("pornografi"),
    Category.SITUASI_DARURAT: N_("situasi darurat"),
    Category.LAINNYA: N_("lainnya"),
}


def shorten(text: str, limit: int) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def categories_text(tr: Translator, lang: str, codes: Sequence[str]) -> str:
    return ", ".join(tr.label(lang, CATEGORY_NAMES, code) for code in codes) or "-"


def reason_lines(reasons: Sequence[Reason], lang: str) -> list[str]:
    """The first REASONS_SHOWN reasons, one bullet each."""
    return [f"• {reason_text(r, lang)}" for r in reasons[:REASONS_SHOWN]]


def case_time(moment: datetime, region_code: str | None) -> str:
    """A moment in the case's local time (WIB when the case has no region)."""
    return format_local(moment, region_code or DEFAULT_REGION)
