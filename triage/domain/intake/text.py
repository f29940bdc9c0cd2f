"""Small text helpers for typed answers: cleaning, counting letters, ages and the child's sex,
typed yes/no."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

_AGE = re.compile(r"^\s*(\d{1,3})\s*(tahun|thn|th|years?|yrs?|y\.?o\.?)?\s*$", re.IGNORECASE)
_SEXES = (  # words for a girl and for a boy, as people type them
    ("female", re.compile(r"\b(perempuan|cewek|cewe|wanita|putri|girl|female)\b")),
    ("male", re.compile(r"\b(laki[\s-]?laki|laki2|laki|cowok|cowo|pria|putra|boy|male)\b")),
)
_FILLER = re.compile(r"\b(anak|umur(nya)?|usia(nya)?|dan)\b|[,.;:/]")
_SYNONYMS = {
    "yes": {"ya", "iya", "y", "yes", "yoi", "betul", "benar", "iyaa"},
    "no": {"tidak", "tdk", "gak", "ga", "nggak", "enggak", "engga", "no", "n", "bukan"},
    "unknown": {"tidak tahu", "gak tahu", "ga tau", "gatau", "entah", "tidak yakin", "not sure"},
}


def clean_text(text: str, *, keep_newlines: bool = False) -> str:
    """Drop control characters and collapse spaces; keep line breaks in long answers."""
    kept = "".join(ch for ch in text if ch in "\n\t" or unicodedata.category(ch)[0] != "C")
    lines = [" ".join(line.split()) for line in kept.split("\n")]
    if keep_newlines:
        return "\n".join(lines).strip()
    return " ".join(line for line in lines if line).strip()


def letter_count(text: str) -> int:
    return sum(1 for ch in text if ch.isalnum())


def parse_age(text: str) -> int | None:
    match = _AGE.match(text)
    return int(match.group(1)) if match else None


def parse_child(text: str) -> tuple[str | None, int | None] | None:
    """A typed sex and/or age ("7", "perempuan", "laki-laki 10 tahun"), or None when the text
    is neither (or names both sexes)."""
    said = text.lower()
    found = [sex for sex, words in _SEXES if words.search(said)]
    if len(found) > 1:
        return None
    for _sex, words in _SEXES:
        said = words.sub(" ", said)
    rest = " ".join(_FILLER.sub(" ", said).split())
    age = parse_age(rest) if rest else None
    if (rest and age is None) or (not found and age is None):
        return None
    return (found[0] if found else None), age


def typed_choice(text: str, values: Sequence[str]) -> str | None:
    """Map a typed "ya" / "tidak" / "tidak tahu" onto a yes/no/unknown option, if offered."""
    said = " ".join(text.lower().split()).strip(".!?")
    for value in values:
        if said in _SYNONYMS.get(value, ()):
            return value
    return None
