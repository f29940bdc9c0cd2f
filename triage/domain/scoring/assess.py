"""Explainable urgency scoring of one report, and comparing two versions of the rules.

Pure: imports only the domain (model, rules, text_signals). Points come from the structured
answers first, then from the description; the description can add, never take away.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from triage.domain.model import Answer, Assessment, Category, Reason, ReportFacts, Urgency
from triage.domain.rules.model import Rules, ScoringRules, category_code, signal_code
from triage.domain.scoring.text_signals import find_signals


def assess(facts: ReportFacts, rules: Rules) -> Assessment:
    """Score a report 0-100, pick its urgency and say why, under one version of the rules."""
    scoring = rules.scoring
    reasons = _structured_reasons(facts, scoring)
    reasons += _text_reasons(facts.description, scoring, reasons)
    score = min(100, sum(reason.points for reason in reasons))
    urgency = _urgency(score, reasons, scoring)
    return Assessment(
        urgency=urgency,
        score=score,
        reasons=tuple(sorted(reasons, key=lambda r: _display_rank(r, scoring))),
        rules_version=rules.version,
    )


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


def _text_reasons(text: str, scoring: ScoringRules, structured: list[Reason]) -> list[Reason]:
    """Reasons from the description; a signal that repeats a structured reason only adds
    the points beyond it, so the total is never less than with the text alone."""
    if not text:
        return []
    credit = {reason.code: reason.points for reason in structured}
    reasons = []
    for hit in find_signals(text, scoring.text):
        points, covered = hit.signal.points, hit.signal.corroborates
        if covered is not None and covered in credit:
            used = min(points, credit[covered])
            credit[covered] -= used
            points -= used
        reasons.append(Reason(signal_code(hit.signal.name), points, hit.term))
    return reasons


def _urgency(score: int, reasons: list[Reason], scoring: ScoringRules) -> Urgency:
    """The level the score reaches, lifted to the highest floor among the reasons."""
    rank = max((u.rank for u, least in scoring.thresholds.items() if score >= least), default=0)
    floors = [scoring.floors[r.code].rank for r in reasons if r.code in scoring.floors]
    return Urgency.from_rank(max([rank, *floors]))


def _display_rank(reason: Reason, scoring: ScoringRules) -> tuple[int, int]:
    """Reasons that set a floor first, then by points, most first."""
    floor = scoring.floors.get(reason.code)
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
