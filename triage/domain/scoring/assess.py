"""Explainable urgency scoring of one report, and comparing two versions of the rules.

Pure: imports only the domain (model, rules, story). Points come from the structured
answers first, then from the description (`story.py`); the description can add, never take
away.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace

from triage.domain.model import Answer, Assessment, Category, Reason, ReportFacts, Urgency
from triage.domain.rules.model import Rules, ScoringRules, base_code, category_code
from triage.domain.scoring.lexicon import lexicon
from triage.domain.scoring.story import story_reasons


def assess(facts: ReportFacts, rules: Rules) -> Assessment:
    """Score a report 0-100, pick its urgency and say why, under one version of the rules."""
    scoring = rules.scoring
    structured = _structured_reasons(facts, scoring)
    story = story_reasons(facts, scoring, structured)
    if story.cleared:
        structured = [reason for reason in structured if reason.code not in story.cleared]
    if story.plain_request:
        unscored = [replace(reason, points=0) for reason in structured]
        return Assessment(Urgency.RENDAH, 0, (*story.reasons, *unscored), rules.version)
    reasons = weigh_kinds([*structured, *story.reasons], scoring)
    score = min(100, sum(reason.points for reason in reasons))
    floors = {r.code: f for r in reasons if (f := _floor(r.code, scoring, story.floors))}
    rank = max((u.rank for u, least in scoring.thresholds.items() if score >= least), default=0)
    return Assessment(
        urgency=Urgency.from_rank(max([rank, *(f.rank for f in floors.values())])),
        score=score,
        reasons=tuple(sorted(reasons, key=lambda r: _display_rank(r, floors))),
        rules_version=rules.version,
    )


def _floor(code: str, scoring: ScoringRules, extra: dict[str, Urgency]) -> Urgency | None:
    """The higher of the reason's own floor and one a combination set on it."""
    own, joined = scoring.floor_of(code), extra.get(code)
    if own is None or joined is None:
        return own or joined
    return own if own.rank >= joined.rank else joined


def weigh_kinds(reasons: list[Reason], scoring: ScoringRules) -> list[Reason]:
    """The gravest kind of harm keeps its points, each other kind `other_kinds_percent` of
    them. Kinds: categories (chosen or from the story) and signals naming a category."""
    share = scoring.other_kinds_percent
    if share == 100:
        return reasons
    kinds = lexicon(scoring.text).kind_codes
    ranked = sorted(
        (r for r in reasons if r.code in kinds or base_code(r.code).startswith("category_")),
        key=lambda r: -r.points,
    )
    others = {id(r) for r in ranked[1:]}
    return [replace(r, points=r.points * share // 100) if id(r) in others else r for r in reasons]


def _fired_factors(facts: ReportFacts, scoring: ScoringRules) -> Iterator[str]:
    """The factors that apply. Both age rules are for younger children, so a band counts as
    its lower bound (the youngest the child may be): the safe reading, never less urgent than
    the band's upper bound. An exact age is its own lower bound."""
    age = facts.child_age.lower
    if facts.immediate_danger is Answer.YES:
        yield "immediate_danger"
    if age is not None and age <= scoring.young_child_max_age:
        yield "young_child"
    if facts.injured is Answer.YES:
        yield "injured"
    if facts.perpetrator_access is Answer.YES:
        yield "perpetrator_access"
    if facts.repeated is Answer.YES:
        yield "repeated"
    if facts.disability:
        yield "disability"
    if facts.children_count is not None and facts.children_count >= scoring.several_children_min:
        yield "several_children"
    neglected = Category.PENELANTARAN in facts.categories
    if neglected and age is not None and age < scoring.alone_below_age:
        yield "child_alone"


def _structured_reasons(facts: ReportFacts, scoring: ScoringRules) -> list[Reason]:
    points = scoring.factor_points
    reasons = [Reason(code, points.get(code, 0)) for code in _fired_factors(facts, scoring)]
    for category in dict.fromkeys(facts.categories):
        reasons.append(Reason(category_code(category), scoring.category_points.get(category, 0)))
    return reasons


def _display_rank(reason: Reason, floors: dict[str, Urgency]) -> tuple[int, int]:
    """Reasons that set a floor first, then by points, most first."""
    floor = floors.get(reason.code)
    return (-(floor.rank + 1) if floor else 0, -reason.points)


@dataclass(frozen=True, slots=True)
class Move:
    """One report whose urgency differs between two versions of the rules."""

    report_id: str
    old: Urgency
    new: Urgency


@dataclass(frozen=True, slots=True)
class Comparison:
    """How many reports move up or down a level under new rules, and which."""

    old_version: str
    new_version: str
    total: int
    up: tuple[Move, ...]
    down: tuple[Move, ...]

    @property
    def unchanged(self) -> int:
        return self.total - len(self.up) - len(self.down)


def compare_rules(
    reports: Iterable[tuple[str, ReportFacts]], old_rules: Rules, new_rules: Rules
) -> Comparison:
    """Assess each (id, facts) under both rules and list the reports that change level."""
    total, up, down = 0, list[Move](), list[Move]()
    for report_id, facts in reports:
        total += 1
        old = assess(facts, old_rules).urgency
        new = assess(facts, new_rules).urgency
        if new.rank != old.rank:
            (up if new.rank > old.rank else down).append(Move(report_id, old, new))
    return Comparison(old_rules.version, new_rules.version, total, tuple(up), tuple(down))
