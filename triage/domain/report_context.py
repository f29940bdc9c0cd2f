"""When it happened and who the reporter is to the child, as staff read them. Stdlib only.

The reporter answered both in the questionnaire (`intake/catalog.py`: WHEN_OPTIONS and
RELATION_OPTIONS, worded for the reporter: "Saya anak itu"); staff read them from their side
("Anak itu sendiri"). Personal: staff only, never logged.
"""

from __future__ import annotations


def N_(msgid: str) -> str:
    """Marks a message id for the catalogue (domain code does not import the i18n package)."""
    return msgid


HAPPENED_WORDS = {
    "now": N_("Sedang terjadi"),
    "today": N_("Hari ini"),
    "week": N_("Minggu ini"),
    "earlier": N_("Lebih dari seminggu"),
}
RELATION_WORDS = {
    "family": N_("Keluarga anak"),
    "neighbour": N_("Tetangga"),
    "school": N_("Guru / sekolah"),
    "self": N_("Anak itu sendiri"),
    "other": N_("Lainnya"),
}


def happened_words(code: str | None) -> str | None:
    """The msgid for when it happened, or None when the reporter did not know or say."""
    return HAPPENED_WORDS.get(code) if code else None


def relation_words(code: str | None) -> str | None:
    """The msgid for who reported, seen from staff's side, or None when not said."""
    return RELATION_WORDS.get(code) if code else None
