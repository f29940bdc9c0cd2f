"""Small readers shared by the parsers of `[scoring.text]`: terms, names of signals, lists
and reasons, a factor, a category, an age. Errors name the file and the line (`Reader`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from triage.domain.model import Category
from triage.domain.rules.codes import FACTOR_CODES, category_code
from triage.domain.rules.toml_reader import KeyPath, Reader, Table

_TERM = re.compile(r"[^\W_]+(?:[\s-]+[^\W_]+)*")
PATH = ("scoring", "text")


def structured_codes() -> set[str]:
    """Reason codes of the structured answers: factors and categories."""
    return {*FACTOR_CODES, *(category_code(c) for c in Category)}


def factor_of(r: Reader, table: Table, path: KeyPath) -> str | None:
    factor = r.value(table, path, "sets", str, "") or None
    if factor is not None and factor not in FACTOR_CODES:
        r.fail((*path, "sets"), f"unknown factor {factor!r} (known: {', '.join(FACTOR_CODES)})")
    return factor


def category_of(r: Reader, table: Table, path: KeyPath) -> Category | None:
    code = r.value(table, path, "category", str, "") or None
    if code is not None and code not in Category.__members__.values():
        r.fail((*path, "category"), f"unknown category {code!r}")
    return None if code is None else Category(code)


def age_of(r: Reader, table: Table, path: KeyPath, key: str) -> int | None:
    age = r.count(table, path, key, -1, low=-1, high=18)
    return None if age < 0 else age


def names_of(r: Reader, table: Table, path: KeyPath, key: str, known: set[str]) -> tuple[str, ...]:
    return known_names(r, r.strings(table, path, key), (*path, key), known)


def known_names(r: Reader, names: Iterable[str], path: KeyPath, known: set[str]) -> tuple[str, ...]:
    """The names, each a signal, a word list or a reason code; else fail on its line."""
    for name in names:
        if name not in known:
            reason = f"unknown signal, word list or reason {name!r} in {dotted(path)}"
            r.fail(path, reason, needle=f'"{name.lower()}"')
    return tuple(names)


def dotted(path: KeyPath) -> str:
    return repr(".".join(path))


def term_list(r: Reader, table: Mapping[str, Any], path: KeyPath, key: str) -> tuple[str, ...]:
    """A list of lexicon terms: lower-case words (letters, digits, -), one or more."""
    found = r.strings(table, path, key)
    for term in found:
        if not _TERM.fullmatch(term):
            reason = f"term {term!r} must be words only (letters, digits, -)"
            r.fail((*path, key), reason, needle=term)
    return found
