"""The rules that drive scoring, routing and SLA timers, as plain data. Stdlib only.

Parsing and validation of the TOML rules file live in `triage.domain.rules.loading`. The
reason codes (`codes.py`) and the text rules (`text_model.py`) are re-exported from here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import timedelta

from triage.domain.model import Category, Urgency
from triage.domain.rules.codes import (
    FACTOR_CODES,
    STORY_SUFFIX,
    base_code,
    category_code,
    combo_code,
    signal_code,
    story_code,
)
from triage.domain.rules.text_model import (
    ComboRule,
    NearWords,
    PlainRequest,
    SignalRule,
    TextRules,
    WordList,
)

__all__ = [
    "FACTOR_CODES", "STORY_SUFFIX", "ComboRule", "NearWords", "PlainRequest", "Rules",
    "ScoringRules", "SignalRule", "SlaTargets", "TextRules", "WordList", "base_code",
    "category_code", "combo_code", "signal_code", "story_code",
]  # fmt: skip


@dataclass(frozen=True, slots=True)
class SlaTargets:
    """How soon a case of one urgency must be accepted, first contacted and closed."""

    accept: timedelta
    first_contact: timedelta
    closure: timedelta


@dataclass(frozen=True, slots=True)
class ScoringRules:
    """Points, thresholds and hard floors for urgency scoring.

    The real values live in `triage/rules/default.toml`. The empty default gives no points
    and no floors, so every report is RENDAH: load a rules file for anything real.
    A reason read from the story (`<code>_from_story`) has the floor of `<code>`.
    `other_kinds_percent`: of the kinds of harm reported (categories, chosen or read from
    the story, and signals that name a category), the gravest counts fully and every
    other one this share of its points.
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
    other_kinds_percent: int = 100
    text: TextRules = field(default_factory=TextRules)
    # A description that names no known sign (`no_harm_words`) cannot rule out the worst of
    # a category the reporter chose: the report keeps this level until a person has read it.
    unread_floors: Mapping[Category, Urgency] = field(default_factory=dict)

    def floor_of(self, code: str) -> Urgency | None:
        """The lowest urgency once the reason `code` fires, if any."""
        floor = self.floors.get(code)
        return self.floors.get(base_code(code)) if floor is None else floor


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
