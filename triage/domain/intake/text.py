"""Small text helpers for typed answers: cleaning, counting letters, ages, typed yes/no."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

_AGE = re.compile(r"^\s*(\d{1,3})\s*(tahun|thn|th|years?|yrs?|y\.?o\.?)?\s*$", re.IGNORECASE)
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


def typed_choice(text: str, values: Sequence[str]) -> str | None:
    """Map a typed "ya" / "tidak" / "tidak tahu" onto a yes/no/unknown option, if offered."""
    said = " ".join(text.lower().split()).strip(".!?")
    for value in values:
        if said in _SYNONYMS.get(value, ()):
            return value
    return None
