"""The rules that drive scoring, routing and SLA timers, as plain data. Stdlib only.

Parsing and validation of the TOML rules file live in `triage.domain.rules.loading`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import timedelta

from triage.domain.model import Category, Urgency

FACTOR_CODES = (
    "immediate_danger",
    "young_child",
    "injured",
    "perpetrator_access",
    "repeated",
    "disability",
    "several_children",
    "child_alone",
)
"""Reason codes of the factors read from the structured answers."""


def category_code(category: Category) -> str:
    """The reason code of a reported category, e.g. `category_kekerasan_fisik`."""
    return f"category_{category.value}"


def signal_code(signal_name: str) -> str:
    """The reason code of a text signal, e.g. `text_physical_violence`."""
    return f"text_{signal_name}"


@dataclass(frozen=True, slots=True)
class SlaTargets:
    """How soon a case of one urgency must be accepted, first contacted and closed."""

    accept: timedelta
    first_contact: timedelta
    closure: timedelta


@dataclass(frozen=True, slots=True)
class NearWords:
    """Words that make an ambiguous term count when one is close by (e.g. child words).

    `age_below`: "umur 15" / "usia 15" also counts when the number is below it.
    """

    words: tuple[str, ...] = ()
    age_below: int | None = None


@dataclass(frozen=True, slots=True)
class SignalRule:
    """One kind of harm looked for in the description, with its lexicon.

    Terms are lower-case, one or more words; a term word matches a word of the text when
    it equals the word as written or its Sastrawi stem. `ambiguous_terms` count only with
    a word of the `near` list close by. `corroborates` names a reason code (a category or
    factor) whose points this signal's points are reduced by, so that the text repeating
    a structured answer does not count twice.
    """

    name: str
    points: int
    terms: tuple[str, ...] = ()
    ambiguous_terms: tuple[str, ...] = ()
    near: str = "child"
    corroborates: str | None = None


@dataclass(frozen=True, slots=True)
class TextRules:
    """The lexicon and the small grammar used to read the free-text description."""

    signals: tuple[SignalRule, ...] = ()
    negators: frozenset[str] = frozenset()
    negation_window: int = 3
    negation_breakers: frozenset[str] = frozenset()
    near: Mapping[str, NearWords] = field(default_factory=dict)
    near_window: int = 5
    age_words: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class ScoringRules:
    """Points, thresholds and hard floors for urgency scoring.

    The real values live in `triage/rules/default.toml`. The empty default gives no points
    and no floors, so every report is RENDAH: load a rules file for anything real.
    """

    factor_points: Mapping[str, int] = field(default_factory=dict)
    category_points: Mapping[Category, int] = field(default_factory=dict)
    thresholds: Mapping[Urgency, int] = field(
        default_factory=lambda: {Urgency.DARURAT: 60, Urgency.TINGGI: 35, Urgency.SEDANG: 15}
    )
    floors: Mapping[str, Urgency] = field(default_factory=dict)
    young_child_max_age: int = 5
    alone_below_age: int = 5
    several_children_min: int = 2
    text: TextRules = field(default_factory=TextRules)


@dataclass(frozen=True, slots=True)
class Rules:
    """One versioned set of rules. Scoring fields are filled by the rules file parser."""

    version: str
    sla: Mapping[Urgency, SlaTargets]
    caseload_weights: Mapping[Urgency, int]
    reminder_fraction: float = 0.5
    stale_after: timedelta = timedelta(days=14)
    digest_hour: int = 7
    scoring: ScoringRules = field(default_factory=ScoringRules)
