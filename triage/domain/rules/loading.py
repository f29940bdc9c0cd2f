"""Parsing the text of the versioned TOML rules file into `Rules`; errors name the file and the
line. Pure: stdlib and `triage.domain` only; `triage.storage.rules_source` reads the files.
Typed key access lives in `triage.domain.rules.toml_reader`.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from datetime import timedelta
from itertools import pairwise

from triage.domain.model import Category, Urgency
from triage.domain.rules.model import (
    FACTOR_CODES,
    NearWords,
    Rules,
    ScoringRules,
    SignalRule,
    SlaTargets,
    TextRules,
    category_code,
    signal_code,
)
from triage.domain.rules.toml_reader import KeyPath, Reader, Table, syntax_error
from triage.domain.rules.toml_reader import RulesFileError as RulesFileError  # re-exported
from triage.domain.scoring.reasons import SIGNAL_NAMES

_TERM = re.compile(r"[^\W_]+(?:[\s-]+[^\W_]+)*")
_SLA_KEYS = ("accept", "first_contact", "closure")
_TOP_KEYS = ("version", "reminder_fraction", "stale_after", "digest_hour")
_TOP = (*_TOP_KEYS, "sla", "caseload_weights", "scoring")
_SCORING = ("young_child_max_age", "alone_below_age", "several_children_min")
_SCORING_TABLES = ("thresholds", "factors", "categories", "floors", "text")
_TEXT_KEYS = ("negators", "negation_window", "negation_breakers", "near_window", "age_words")


def parse_rules(text: str, source_name: str) -> Rules:
    """Parse and validate the text of a rules file; raise RulesFileError if it is invalid."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise syntax_error(str(error), text, source_name) from None
    r = Reader(text, source_name)
    r.only(data, (), _TOP)
    return Rules(
        version=r.string(data, (), "version"),
        sla=_sla(r, r.table(data, (), "sla")),
        caseload_weights=_weights(r, r.table(data, (), "caseload_weights")),
        reminder_fraction=r.fraction(data, (), "reminder_fraction", 0.5),
        stale_after=r.duration(data, (), "stale_after", timedelta(days=14)),
        digest_hour=r.count(data, (), "digest_hour", 7, high=23),
        scoring=_scoring(r, r.table(data, (), "scoring")),
    )


def _sla(r: Reader, table: Table) -> dict[Urgency, SlaTargets]:
    targets = {}
    for urgency in r.levels(table, ("sla",)):
        path = ("sla", urgency.value)
        level = r.table(table, ("sla",), urgency.value)
        r.only(level, path, _SLA_KEYS)
        targets[urgency] = SlaTargets(*(r.duration(level, path, key) for key in _SLA_KEYS))
    return targets


def _weights(r: Reader, table: Table) -> dict[Urgency, int]:
    levels = r.levels(table, ("caseload_weights",))
    return {u: r.count(table, ("caseload_weights",), u.value, low=1) for u in levels}


def _scoring(r: Reader, table: Table) -> ScoringRules:
    path = ("scoring",)
    r.only(table, path, (*_SCORING, *_SCORING_TABLES))
    factors = r.table(table, path, "factors")
    r.only(factors, (*path, "factors"), FACTOR_CODES)
    categories = r.table(table, path, "categories")
    r.only(categories, (*path, "categories"), [c.value for c in Category])
    text_rules = _text_rules(r, r.table(table, path, "text"))
    return ScoringRules(
        factor_points={code: r.count(factors, (*path, "factors"), code) for code in FACTOR_CODES},
        category_points={c: r.count(categories, (*path, "categories"), c.value) for c in Category},
        thresholds=_thresholds(r, r.table(table, path, "thresholds")),
        floors=_floors(r, r.table(table, path, "floors"), text_rules.signals),
        young_child_max_age=r.count(table, path, "young_child_max_age", 5, high=17),
        alone_below_age=r.count(table, path, "alone_below_age", 5, high=18),
        several_children_min=r.count(table, path, "several_children_min", 2, low=2),
        text=text_rules,
    )


def _thresholds(r: Reader, table: Table) -> dict[Urgency, int]:
    path = ("scoring", "thresholds")
    levels = (Urgency.DARURAT, Urgency.TINGGI, Urgency.SEDANG)
    for key in table:
        if r.urgency(key, (*path, key)) not in levels:
            r.fail((*path, key), "RENDAH needs no threshold: it is everything below SEDANG")
    values = {u: r.count(table, path, u.value, low=1, high=100) for u in levels}
    for higher, lower in pairwise(levels):
        if values[higher] <= values[lower]:
            reason = (
                f"{higher.value} ({values[higher]}) must be above {lower.value} ({values[lower]})"
            )
            r.fail((*path, higher.value), reason)
    return values


def _text_rules(r: Reader, table: Table) -> TextRules:
    path = ("scoring", "text")
    r.only(table, path, (*_TEXT_KEYS, "near", "signals"))
    near = r.value(table, path, "near", dict, {})
    for name in near:
        r.only(r.table(near, (*path, "near"), name), (*path, "near", name), ("words", "age_below"))
    return TextRules(
        signals=tuple(
            _signal(r, table, name, near) for name in r.value(table, path, "signals", dict, {})
        ),
        negators=frozenset(r.strings(table, path, "negators")),
        negation_window=r.count(table, path, "negation_window", 3, high=10),
        negation_breakers=frozenset(r.strings(table, path, "negation_breakers")),
        near={name: _near(r, near[name], (*path, "near", name)) for name in near},
        near_window=r.count(table, path, "near_window", 5, high=20),
        age_words=frozenset(r.strings(table, path, "age_words")),
    )


def _near(r: Reader, table: Table, path: KeyPath) -> NearWords:
    age_below = r.count(table, path, "age_below", -1, low=-1, high=18)
    return NearWords(_terms(r, table, path, "words"), None if age_below < 0 else age_below)


def _signal(r: Reader, text: Table, name: str, near: Table) -> SignalRule:
    path = ("scoring", "text", "signals", name)
    if name not in SIGNAL_NAMES:
        r.fail(
            path, f"no reason text for signal {name!r} (known: {', '.join(sorted(SIGNAL_NAMES))})"
        )
    table = r.table(text["signals"], path[:-1], name)
    r.only(table, path, ("points", "terms", "ambiguous_terms", "near", "corroborates"))
    signal = SignalRule(
        name=name,
        points=r.count(table, path, "points", high=100),
        terms=_terms(r, table, path, "terms"),
        ambiguous_terms=_terms(r, table, path, "ambiguous_terms"),
        near=r.string(table, path, "near", "child"),
        corroborates=r.value(table, path, "corroborates", str, "") or None,
    )
    if signal.ambiguous_terms and signal.near not in near:
        r.fail((*path, "near"), f"there is no word list scoring.text.near.{signal.near}")
    if signal.corroborates is not None and signal.corroborates not in _structured_codes():
        r.fail((*path, "corroborates"), f"unknown reason code {signal.corroborates!r}")
    return signal


def _terms(r: Reader, table: Table, path: KeyPath, key: str) -> tuple[str, ...]:
    terms = r.strings(table, path, key)
    for term in terms:
        if not _TERM.fullmatch(term):
            reason = f"term {term!r} must be words only (letters, digits, -)"
            r.fail((*path, key), reason, needle=term)
    return terms


def _structured_codes() -> set[str]:
    return {*FACTOR_CODES, *(category_code(c) for c in Category)}


def _floors(r: Reader, table: Table, signals: Iterable[SignalRule]) -> dict[str, Urgency]:
    path = ("scoring", "floors")
    known = _structured_codes() | {signal_code(s.name) for s in signals}
    r.only(table, path, known)
    return {code: r.urgency(r.value(table, path, code, str, None), (*path, code)) for code in table}
