"""Reasons read from the description: text signals, combination rules, and the factors and
categories the story shows that the reporter did not choose. Pure: the domain only.

The story only adds. A factor or category it shows counts once: not at all when the
reporter chose it, and a signal repeating a reason only adds the points beyond it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from triage.domain.model import Category, Reason, ReportFacts, Urgency
from triage.domain.rules.model import (
    ComboRule,
    ScoringRules,
    SignalRule,
    base_code,
    category_code,
    signal_code,
    story_code,
)
from triage.domain.scoring.combos import ComboMatch, answered_lists, match_combo
from triage.domain.scoring.lexicon import Lexicon, lexicon
from triage.domain.scoring.reasons import NO_HARM_WORDS, PLAIN_REQUEST, UNREAD_GRAVE
from triage.domain.scoring.text_signals import TextReading, read_text


@dataclass(slots=True)
class _Story:
    """What the description showed: signals and combinations that fired, with their words,
    the factors and categories they set (each with the words of the first setter), and the
    inferred factors they cleared."""

    signals: list[tuple[SignalRule, str]] = field(default_factory=list)
    combos: list[tuple[ComboRule, ComboMatch]] = field(default_factory=list)
    factors: dict[str, str] = field(default_factory=dict)
    categories: dict[Category, str] = field(default_factory=dict)
    cleared: set[str] = field(default_factory=set)

    def note(self, factor: str | None, category: Category | None, words: str) -> None:
        if factor is not None:
            self.factors.setdefault(factor, words)
        if category is not None:
            self.categories.setdefault(category, words)

    def codes(self) -> set[str]:
        return {*self.factors, *map(category_code, self.categories)}


@dataclass(frozen=True, slots=True)
class StoryReasons:
    """What the description adds; `floors` that combinations without a text of their own
    set on the reasons they combined; `plain_request` for a plain request for a service
    with no harm described (see `PlainRequest`); `cleared`: inferred factors the story
    shows do not apply (`ComboRule.clears`), to be dropped from the structured reasons."""

    reasons: list[Reason]
    floors: dict[str, Urgency] = field(default_factory=dict)
    plain_request: bool = False
    cleared: frozenset[str] = frozenset()


def story_reasons(
    facts: ReportFacts, scoring: ScoringRules, structured: list[Reason]
) -> StoryReasons:
    """The reasons the description adds to the structured ones: signals, then factors the
    answers did not give, then categories the reporter did not choose, then combinations
    (read even without a description: a combination may join answers only)."""
    answered = {r.code for r in structured}
    story, reading = _read(facts, scoring, answered)
    cleared = frozenset(story.cleared)
    fired = answered - cleared
    if not facts.description.strip() and not story.combos:
        return StoryReasons([])
    if _is_plain_request(story, reading, scoring, fired):
        return StoryReasons([Reason(PLAIN_REQUEST, 0)], plain_request=True, cleared=cleared)
    factors = [
        Reason(story_code(factor), scoring.factor_points.get(factor, 0), words or None)
        for factor, words in story.factors.items()
        if factor not in fired
    ]
    kept = [r for r in structured if r.code not in cleared]
    credit = {base_code(r.code): r.points for r in (*kept, *factors)}
    reasons = [_signal_reason(signal, words, credit) for signal, words in story.signals]
    reasons += factors + _category_reasons(story, scoring, facts.categories, reasons)
    floors = _combo_reasons(story, scoring, reasons, [*kept, *reasons])
    if not reasons and not reading.mentioned and facts.description.strip():
        reasons.append(Reason(NO_HARM_WORDS, 0))
        floors |= _unread_floor(facts, scoring, reasons)
    return StoryReasons(reasons, floors, cleared=cleared)


def _unread_floor(
    facts: ReportFacts, scoring: ScoringRules, reasons: list[Reason]
) -> dict[str, Urgency]:
    """A story the rules could not read keeps the gravest floor of the categories chosen
    (`unread_floors`), under a reason of its own (the category's reason names which)."""
    chosen = [scoring.unread_floors[c] for c in facts.categories if c in scoring.unread_floors]
    if not chosen:
        return {}
    reasons.append(Reason(UNREAD_GRAVE, 0))
    return {UNREAD_GRAVE: max(chosen, key=lambda floor: floor.rank)}


def _combo_reasons(
    story: _Story, scoring: ScoringRules, reasons: list[Reason], every: list[Reason]
) -> dict[str, Urgency]:
    """Add the combinations' own reasons; return the floors of those without a text, set on
    the reasons that satisfied their groups."""
    floors: dict[str, Urgency] = {}
    codes = {r.code for r in every}
    for combo, match in story.combos:
        if combo.points or combo.code in scoring.floors:
            if combo.code not in codes:
                codes.add(combo.code)
                words = " + ".join(match.listed + match.signalled)
                reasons.append(Reason(combo.code, combo.points, words or None))
        elif combo.floor is not None:
            for name in match.names:
                for code in (name, story_code(name), signal_code(name)):
                    if code in codes and (
                        code not in floors or floors[code].rank < combo.floor.rank
                    ):
                        floors[code] = combo.floor
    return floors


def _is_plain_request(
    story: _Story, reading: TextReading, scoring: ScoringRules, fired: set[str]
) -> bool:
    plain = scoring.text.plain_request
    if plain is None or plain.words not in reading.found or any(map(_shows_harm, story.combos)):
        return False
    over = bool(plain.over) and all(name in reading.found for name in plain.over)
    harmless = plain.over_signals if over else ()
    return fired.isdisjoint(plain.harm_answers) and all(
        signal.name in harmless for signal, _ in story.signals
    )


def _shows_harm(fired: tuple[ComboRule, ComboMatch]) -> bool:
    """A combination that fired shows harm in the description when it matched words of it
    and does more than clear an inferred factor (one joining answers only shows nothing
    the answers did not, nor one whose words only say who the child is: "anak umur 3")."""
    combo, match = fired
    does = combo.points or combo.floor or combo.sets or combo.category
    return bool(does and (match.listed or match.signalled) and match.described)


def _signal_reason(signal: SignalRule, words: str, credit: dict[str, int]) -> Reason:
    """A signal's reason; only the points beyond the reason it repeats, if that fired."""
    points, covered = signal.points, signal.credit_code
    if covered is not None and covered in credit:
        used = min(points, credit[covered])
        credit[covered] -= used
        points -= used
    return Reason(signal_code(signal.name), points, words)


def _read(
    facts: ReportFacts, scoring: ScoringRules, present: set[str]
) -> tuple[_Story, TextReading]:
    rules = scoring.text
    reading = read_text(facts.description, rules)
    story = _Story()
    for signal in rules.signals:
        if spans := reading.found.get(signal.name):
            words = reading.term(spans[0])
            story.signals.append((signal, words))
            story.note(signal.sets, signal.category, words)
    answered = frozenset(present) | answered_lists(facts.child_age, rules)
    known = set(answered) | story.codes()
    found = reading.found
    lex = lexicon(rules)
    for index in _combos_to_try(lex, found):
        combo, names_of = rules.combos[index], lex.combo_groups[index]
        if names_of[0].isdisjoint(known) and names_of[0].isdisjoint(found):
            continue  # the usual case, checked here to save a call
        match = match_combo(combo, names_of, reading, known, rules, answered)
        if match is not None:
            story.combos.append((combo, match))
            story.note(combo.sets, combo.category, " + ".join(match.listed or match.signalled))
            if combo.clears is not None and combo.clears not in story.factors:
                story.cleared.add(combo.clears)
                known.discard(combo.clears)
            known |= story.codes()
    return story, reading


def _combos_to_try(lex: Lexicon, found: Mapping[str, object]) -> list[int]:
    """The combinations that may fire, in file order: those the words found can start, and
    those a reason or the answered age may start."""
    indices = set(lex.combos_always)
    for name in found.keys() & lex.combos_by_word.keys():
        indices.update(lex.combos_by_word[name])
    return sorted(indices)


def _category_reasons(
    story: _Story, scoring: ScoringRules, chosen: tuple[Category, ...], signals: list[Reason]
) -> list[Reason]:
    """Categories graver than every one chosen, with the points their signals did not give."""
    gravest = max((scoring.category_points.get(c, 0) for c in chosen), default=0)
    given: dict[Category, int] = {}
    for signal, reason in zip(story.signals, signals, strict=True):
        if signal[0].category is not None:
            given[signal[0].category] = given.get(signal[0].category, 0) + reason.points
    reasons = []
    for category, words in story.categories.items():
        points = scoring.category_points.get(category, 0)
        if category not in chosen and points > gravest:
            left = max(0, points - given.get(category, 0))
            reasons.append(Reason(story_code(category_code(category)), left, words or None))
    return reasons
