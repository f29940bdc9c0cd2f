"""Pieces several messages share: category names, reason lines, shortened stories, local times."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from triage.domain.model import Reason
from triage.domain.scoring.reasons import reason_text
from triage.domain.timezones import format_local
from triage.i18n import N_, Translator

STORY_PREVIEW_CHARS = 280
REASONS_SHOWN = 4
DEFAULT_REGION = "31"  # format_local needs a region; Jakarta (WIB) when a case has none
CATEGORY_NAMES = {
    "kekerasan_fisik": N_("kekerasan fisik"),
    "kekerasan_psikis": N_("kekerasan psikis"),
    "kekerasan_seksual": N_("kekerasan seksual"),
    "eksploitasi": N_("eksploitasi"),
    "perdagangan": N_("perdagangan anak"),
    "penelantaran": N_("penelantaran"),
    "perkawinan_anak": N_("perkawinan anak"),
    "anak_jalanan": N_("anak jalanan"),
    "berhadapan_hukum": N_("berhadapan dengan hukum"),
    "disabilitas": N_("disabilitas tanpa pengasuhan"),
    "napza": N_("narkoba / zat adiktif"),
    "pornografi": N_("pornografi"),
    "situasi_darurat": N_("situasi darurat"),
    "lainnya": N_("lainnya"),
}


def shorten(text: str, limit: int) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def categories_text(tr: Translator, lang: str, codes: Sequence[str]) -> str:
    return ", ".join(tr.text(lang, CATEGORY_NAMES.get(code, code)) for code in codes) or "-"


def reason_lines(reasons: Sequence[Reason], lang: str) -> list[str]:
    """The first REASONS_SHOWN reasons, one bullet each."""
    return [f"• {reason_text(r, lang)}" for r in reasons[:REASONS_SHOWN]]


def case_time(moment: datetime, region_code: str | None) -> str:
    """A moment in the case's local time (WIB when the case has no region)."""
    return format_local(moment, region_code or DEFAULT_REGION)
