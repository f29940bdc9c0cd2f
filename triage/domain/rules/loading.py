"""Parsing the text of the versioned TOML rules file into `Rules`; errors name the file and the
line. Pure: stdlib and `triage.domain` only; `triage.storage.rules_source` reads the files.
Typed key access lives in `triage.domain.rules.toml_reader`, `[scoring.text]` in `text_loading`.
"""

from __future__ import annotations

import tomllib
from datetime import timedelta
from itertools import pairwise

from triage.domain.model import Category, Urgency
from triage.domain.rules.model import (
    FACTOR_CODES,
    Rules,
    ScoringRules,
    SlaTargets,
    TextRules,
    signal_code,
    story_code,
)
from triage.domain.rules.rule_parts import structured_codes
from triage.domain.rules.text_loading import text_rules
from triage.domain.rules.toml_reader import Reader, Table, syntax_error
from triage.domain.rules.toml_reader import RulesFileError as RulesFileError  # re-exported

_SLA_KEYS = ("accept", "first_contact", "closure")
_TOP_KEYS = ("version", "reminder_fraction", "stale_after", "digest_hour")
_TOP = (*_TOP_KEYS, "sla", "caseload_weights", "scoring")
_SCORING = ("young_child_max_age", "alone_below_age", "several_children_min", "other_kinds_percent")
_SCORING_TABLES = ("thresholds", "factors", "categories", "floors", "text", "unread_floors")


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
    text, combo_floors = text_rules(r, r.table(table, path, "text"))
    return ScoringRules(
        factor_points={code: r.count(factors, (*path, "factors"), code) for code in FACTOR_CODES},
        category_points={c: r.count(categories, (*path, "categories"), c.value) for c in Category},
        thresholds=_thresholds(r, r.table(table, path, "thresholds")),
        floors=_floors(r, r.table(table, path, "floors"), text, combo_floors),
        young_child_max_age=r.count(table, path, "young_child_max_age", 5, high=17),
        alone_below_age=r.count(table, path, "alone_below_age", 5, high=18),
        several_children_min=r.count(table, path, "several_children_min", 2, low=2),
        other_kinds_percent=r.count(table, path, "other_kinds_percent", 100, high=100),
        text=text,
        unread_floors=_unread_floors(r, dict(r.value(table, path, "unread_floors", dict, {}))),
    )


def _unread_floors(r: Reader, table: Table) -> dict[Category, Urgency]:
    """`[scoring.unread_floors]`: category code -> the level a report of it keeps when its
    description names no known sign (optional)."""
    path = ("scoring", "unread_floors")
    r.only(table, path, [c.value for c in Category])
    return {
        Category(code): r.urgency(r.value(table, path, code, str, None), (*path, code))
        for code in table
    }


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


def _floors(
    r: Reader, table: Table, text: TextRules, combo_floors: dict[str, Urgency]
) -> dict[str, Urgency]:
    """Floors by reason code: those of `[scoring.floors]`, then those the combinations set.
    A story reason (`<code>_from_story`) has the floor of `<code>` unless listed itself."""
    path = ("scoring", "floors")
    structured = structured_codes()
    known = structured | {story_code(code) for code in structured}
    known |= {signal_code(s.name) for s in text.signals}
    known |= {c.code for c in text.combos}
    r.only(table, path, known)
    floors = {
        code: r.urgency(r.value(table, path, code, str, None), (*path, code)) for code in table
    }
    return {**floors, **combo_floors}
