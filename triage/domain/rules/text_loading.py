"""Parsing `[scoring.text]` of the rules file: signals, near lists, word lists, aliases and
the plain-request exception; combinations in `combo_loading`.

Pure: stdlib and `triage.domain` only; errors name the file and the line (`Reader`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from triage.domain.model import Urgency
from triage.domain.rules.codes import FACTOR_CODES
from triage.domain.rules.combo_loading import combo_floors, parse_combo
from triage.domain.rules.rule_parts import (
    PATH,
    age_of,
    category_of,
    factor_of,
    names_of,
    structured_codes,
    term_list,
)
from triage.domain.rules.text_model import NearWords, PlainRequest, SignalRule, TextRules, WordList
from triage.domain.rules.toml_reader import KeyPath, Reader, Table
from triage.domain.scoring.reasons import SIGNAL_NAMES

_WORD = re.compile(r"[^\W_]+")
_TEXT_KEYS = (
    "negators", "negation_window", "negation_breakers", "near_window", "age_words", "age_units",
    "age_marks", "age_hedges", "age_month_units", "age_list_joiners", "corrections",
    "correction_ends", "restatements",
)  # fmt: skip
_TEXT_TABLES = ("near", "signals", "lists", "combos", "aliases", "plain_request")
_SIGNAL_KEYS = (
    "points", "terms", "ambiguous_terms", "near", "corroborates", "sets", "category",
    "except_terms",
)  # fmt: skip
_LIST_KEYS = ("terms", "age_below", "answered_age_below", "except_terms")


def text_rules(r: Reader, table: Table) -> tuple[TextRules, dict[str, Urgency]]:
    """The text rules, and the floors their combinations set (by reason code)."""
    r.only(table, PATH, (*_TEXT_KEYS, *_TEXT_TABLES))
    near = r.value(table, PATH, "near", dict, {})
    for name in near:
        r.only(r.table(near, (*PATH, "near"), name), (*PATH, "near", name), ("words", "age_below"))
    signals = tuple(
        _signal(r, table, name, near) for name in r.value(table, PATH, "signals", dict, {})
    )
    names = {s.name for s in signals}
    lists = _lists(r, r.value(table, PATH, "lists", dict, {}), names)
    combos_table = r.value(table, PATH, "combos", dict, {})
    known = (names | structured_codes(), set(lists))
    combos = tuple(parse_combo(r, combos_table, name, known, near) for name in combos_table)
    plain = _plain_request(r, r.value(table, PATH, "plain_request", dict, {}), lists, names)
    rules = TextRules(
        signals=signals,
        near={name: _near(r, near[name], (*PATH, "near", name)) for name in near},
        lists=lists,
        combos=combos,
        aliases=_aliases(r, r.value(table, PATH, "aliases", dict, {})),
        plain_request=plain,
        **_grammar(r, table),
    )
    return rules, combo_floors(combos)


def _grammar(r: Reader, table: Table) -> dict[str, Any]:
    """Negation, nearness and age words."""
    return {
        "negators": frozenset(r.strings(table, PATH, "negators")),
        "negation_window": r.count(table, PATH, "negation_window", 3, high=10),
        "negation_breakers": frozenset(r.strings(table, PATH, "negation_breakers")),
        "near_window": r.count(table, PATH, "near_window", 5, high=20),
        "age_words": frozenset(r.strings(table, PATH, "age_words")),
        "age_units": frozenset(r.strings(table, PATH, "age_units")),
        "age_marks": frozenset(r.strings(table, PATH, "age_marks")),
        "age_hedges": frozenset(r.strings(table, PATH, "age_hedges")),
        "age_month_units": frozenset(r.strings(table, PATH, "age_month_units")),
        "age_list_joiners": frozenset(r.strings(table, PATH, "age_list_joiners")),
        "corrections": frozenset(r.strings(table, PATH, "corrections")),
        "correction_ends": frozenset(r.strings(table, PATH, "correction_ends")),
        "restatements": tuple(
            tuple(term.split()) for term in term_list(r, table, PATH, "restatements")
        ),
    }


def _near(r: Reader, table: Table, path: KeyPath) -> NearWords:
    return NearWords(term_list(r, table, path, "words"), age_of(r, table, path, "age_below"))


def _signal(r: Reader, text: Table, name: str, near: Table) -> SignalRule:
    path = (*PATH, "signals", name)
    if name not in SIGNAL_NAMES:
        r.fail(
            path, f"no reason text for signal {name!r} (known: {', '.join(sorted(SIGNAL_NAMES))})"
        )
    table = r.table(text["signals"], path[:-1], name)
    r.only(table, path, _SIGNAL_KEYS)
    signal = SignalRule(
        name=name,
        points=r.count(table, path, "points", high=100),
        terms=term_list(r, table, path, "terms"),
        ambiguous_terms=term_list(r, table, path, "ambiguous_terms"),
        near=r.string(table, path, "near", "child"),
        corroborates=r.value(table, path, "corroborates", str, "") or None,
        sets=factor_of(r, table, path),
        category=category_of(r, table, path),
        except_terms=term_list(r, table, path, "except_terms"),
    )
    if signal.ambiguous_terms and signal.near not in near:
        r.fail((*path, "near"), f"there is no word list scoring.text.near.{signal.near}")
    if signal.corroborates is not None and signal.corroborates not in structured_codes():
        r.fail((*path, "corroborates"), f"unknown reason code {signal.corroborates!r}")
    return signal


def _lists(r: Reader, table: Table, signals: set[str]) -> dict[str, WordList]:
    lists = {}
    for name in table:
        path = (*PATH, "lists", name)
        if name in signals or name in structured_codes():
            r.fail(path, f"word list {name!r} has the name of a signal or a reason")
        entry = r.table(table, path[:-1], name)
        r.only(entry, path, _LIST_KEYS)
        lists[name] = WordList(
            term_list(r, entry, path, "terms"),
            age_of(r, entry, path, "age_below"),
            age_of(r, entry, path, "answered_age_below"),
            term_list(r, entry, path, "except_terms"),
        )
    return lists


def _plain_request(
    r: Reader, table: Table, lists: Mapping[str, WordList], signals: set[str]
) -> PlainRequest | None:
    if not table:
        return None
    path = (*PATH, "plain_request")
    r.only(table, path, ("words", "harm_answers", "over", "over_signals"))
    words = r.string(table, path, "words")
    if words not in lists:
        r.fail((*path, "words"), f"there is no word list scoring.text.lists.{words}")
    return PlainRequest(
        words,
        names_of(r, table, path, "harm_answers", set(FACTOR_CODES)),
        names_of(r, table, path, "over", set(lists)),
        names_of(r, table, path, "over_signals", signals),
    )


def _aliases(r: Reader, table: Table) -> dict[str, str]:
    path = (*PATH, "aliases")
    aliases = {}
    for written in table:
        value = r.string(table, path, written).lower()
        if not (_WORD.fullmatch(written) and _WORD.fullmatch(value)):
            r.fail((*path, written), f"alias {written!r} = {value!r} must be one word each")
        aliases[written.lower()] = value
    return aliases
