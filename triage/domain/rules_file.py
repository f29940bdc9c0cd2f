"""Reading the versioned TOML rules file into `Rules`; errors name the file and the line.

`parse_rules` is pure (stdlib only). `load_rules` and `load_default_rules` read the text.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping
from datetime import timedelta
from functools import cache
from importlib import resources
from itertools import pairwise
from pathlib import Path
from typing import Any, NoReturn

from triage.domain.model import Category, Urgency
from triage.domain.reasons import SIGNAL_NAMES
from triage.domain.rules import (
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

Table = Mapping[str, Any]
KeyPath = tuple[str, ...]
Kind = type | tuple[type, ...]

_DURATION = re.compile(r"(\d+)\s*([mhd])")
_UNITS = {"m": "minutes", "h": "hours", "d": "days"}
_KINDS: dict[Kind, str] = {
    str: "text in quotes", int: "a whole number", (int, float): "a number",
    bool: "true or false", list: "a list", dict: "a table",
}  # fmt: skip
_HEADER = re.compile(r"\s*\[\[?\s*([^\]]+?)\s*\]")
_TERM = re.compile(r"[^\W_]+(?:[\s-]+[^\W_]+)*")
_KEY = re.compile(r"""\s*([\w\-."' ]+?)\s*=""")
_SLA_KEYS = ("accept", "first_contact", "closure")
_TOP_KEYS = ("version", "reminder_fraction", "stale_after", "digest_hour")
_TOP = (*_TOP_KEYS, "sla", "caseload_weights", "scoring")
_SCORING = ("young_child_max_age", "alone_below_age", "several_children_min")
_SCORING_TABLES = ("thresholds", "factors", "categories", "floors", "text")
_TEXT_KEYS = ("negators", "negation_window", "negation_breakers", "near_window", "age_words")


class RulesFileError(ValueError):
    """An invalid rules file. The message reads "<file>, line <n>: <reason>"."""

    def __init__(self, source: str, line: int, reason: str) -> None:
        super().__init__(f"{source}, line {line}: {reason}")
        self.source, self.line, self.reason = source, line, reason


def load_rules(path: str | Path) -> Rules:
    """Read and parse a rules file from disk."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise RulesFileError(str(path), 1, f"cannot read the file ({error})") from None
    return parse_rules(text, str(path))


@cache
def load_default_rules() -> Rules:
    """The rules packaged with the application (`triage/rules/default.toml`), read once."""
    text = resources.files("triage.rules").joinpath("default.toml").read_text(encoding="utf-8")
    return parse_rules(text, "triage/rules/default.toml")


def parse_rules(text: str, source_name: str) -> Rules:
    """Parse and validate the text of a rules file; raise RulesFileError if it is invalid."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise _syntax_error(str(error), text, source_name) from None
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


def _syntax_error(message: str, text: str, source: str) -> RulesFileError:
    found = re.search(r"\s*\(at line (\d+), column \d+\)", message)
    line = int(found[1]) if found else max(1, len(text.splitlines()))
    reason = message.replace(found[0], "") if found else message
    return RulesFileError(source, line, f"TOML syntax error: {reason}")


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


class Reader:
    """Typed access to parsed TOML tables that fails with the offending key's line."""

    def __init__(self, text: str, source: str) -> None:
        self.text, self.source = text, source

    def fail(self, path: KeyPath, reason: str, needle: str | None = None) -> NoReturn:
        """Raise for the line of `path`, or the first line from there containing `needle`."""
        line = line_of(self.text, path)
        if needle is not None:
            lines = self.text.lower().splitlines()
            line = next((n for n in range(line, len(lines) + 1) if needle in lines[n - 1]), line)
        raise RulesFileError(self.source, line, reason)

    def only(self, table: Table, path: KeyPath, allowed: Iterable[str]) -> None:
        """Fail on the first key of `table` not in `allowed` (a typo must not pass)."""
        allowed = set(allowed)
        for key in table:
            if key not in allowed:
                known = f" (known: {', '.join(sorted(allowed))})" if len(allowed) <= 20 else ""
                self.fail((*path, key), f"unknown key {_name(path, key)}{known}")

    def value(self, table: Table, path: KeyPath, key: str, kind: Kind, default: Any) -> Any:
        """The value of `key`, of type `kind`; `default` None makes the key required."""
        if key not in table:
            if default is None:
                self.fail((*path, key), f"missing {_name(path, key)}")
            return default
        value = table[key]
        if isinstance(value, bool) != (kind is bool) or not isinstance(value, kind):
            self.fail((*path, key), f"{_name(path, key)} must be {_KINDS.get(kind, kind)}")
        return value

    def table(self, table: Table, path: KeyPath, key: str) -> Table:
        return dict(self.value(table, path, key, dict, None))

    def string(self, table: Table, path: KeyPath, key: str, default: str | None = None) -> str:
        value = str(self.value(table, path, key, str, default)).strip()
        if not value:
            self.fail((*path, key), f"{_name(path, key)} must not be empty")
        return value

    def strings(self, table: Table, path: KeyPath, key: str) -> tuple[str, ...]:
        values = self.value(table, path, key, list, [])
        if not all(isinstance(v, str) and v.strip() for v in values):
            self.fail((*path, key), f"{_name(path, key)} must be a list of non-empty strings")
        return tuple(dict.fromkeys(v.strip().lower() for v in values))

    def count(
        self, table: Table, path: KeyPath, key: str, default: int | None = None,
        low: int = 0, high: int = 10_000,
    ) -> int:  # fmt: skip
        value = int(self.value(table, path, key, int, default))
        if not low <= value <= high:
            limit = f"must be {low} to {high}"
            if low == 0 and value < 0:
                limit = "must not be negative"
            self.fail((*path, key), f"{_name(path, key)} {limit} (got {value})")
        return value

    def fraction(self, table: Table, path: KeyPath, key: str, default: float) -> float:
        value = float(self.value(table, path, key, (int, float), default))
        if not 0 < value <= 1:
            self.fail((*path, key), f"{_name(path, key)} must be above 0 and at most 1")
        return value

    def duration(
        self, table: Table, path: KeyPath, key: str, default: timedelta | None = None
    ) -> timedelta:
        if key not in table and default is not None:
            return default
        found = _DURATION.fullmatch(str(self.value(table, path, key, str, None)).strip())
        if not found or int(found[1]) == 0:
            self.fail((*path, key), f'{_name(path, key)} must be a duration like "15m" or "3d"')
        return timedelta(**{_UNITS[found[2]]: int(found[1])})

    def urgency(self, name: str, path: KeyPath) -> Urgency:
        if name not in Urgency.__members__:
            levels = ", ".join(Urgency.__members__)
            self.fail(path, f"unknown urgency {name!r} in {_name(path[:-1])} (use {levels})")
        return Urgency(name)

    def levels(self, table: Table, path: KeyPath) -> list[Urgency]:
        """The keys of a table that must name every urgency level, and nothing else."""
        found = [self.urgency(key, (*path, key)) for key in table]
        if missing := [u.value for u in Urgency if u not in found]:
            self.fail(path, f"{_name(path)} is missing {', '.join(missing)}")
        return found


def _name(path: KeyPath, key: str | None = None) -> str:
    return repr(".".join(path if key is None else (*path, key)))


def line_of(text: str, path: KeyPath) -> int:
    """The line of the key or table `path` in TOML text, else of its nearest ancestor."""
    best_line, best_depth, table = 1, 0, KeyPath()
    for number, line in enumerate(text.splitlines(), 1):
        if header := _HEADER.match(line):
            table = _dotted(header[1])
            found = table
        elif key := _KEY.match(line):
            found = (*table, *_dotted(key[1]))
        else:
            continue
        depth = _depth(found, path, line)
        if depth > best_depth:
            best_line, best_depth = number, depth
    return best_line


def _dotted(key: str) -> KeyPath:
    return tuple(part.strip().strip("\"'") for part in key.split("."))


def _depth(found: KeyPath, path: KeyPath, line: str) -> int:
    """How much of `path` this line names (0 when it names something else)."""
    if found[: len(path)] == path:
        return len(path)
    if found != path[: len(found)]:
        return 0
    rest = path[len(found) :]
    inline = rest and re.search(rf"[{{,]\s*{re.escape(rest[0])}\s*=", line)
    return len(found) + (1 if inline else 0)
