"""Whether a combination rule fires on a report, and what it matched. Pure: the domain.

A group is satisfied by a reason that fired (no position), by a word list whose
`answered_age_below` the answered age may be under (no position), or by the words of a
signal or word list. A name of `unless` found anywhere stops the rule, except that the
words never stop one the answers alone meet: text only ever raises urgency. Positional groups
must lie within `window` words of the first positional group's words (after them, with
`ordered`), and with `near` a word of that near list must be close to the first group's.
"""

from __future__ import annotations

from collections.abc import Set
from dataclasses import dataclass

from triage.domain.age import ChildAge
from triage.domain.rules.model import ComboRule, TextRules
from triage.domain.scoring.lexicon import lexicon
from triage.domain.scoring.text_signals import Span, TextReading, near_word


@dataclass(frozen=True, slots=True)
class ComboMatch:
    """What a combination matched: the words of its word lists (what the rule adds to the
    signals), the words of its signals, and the name that satisfied each group."""

    listed: tuple[str, ...]
    signalled: tuple[str, ...]
    names: tuple[str, ...]
    described: bool = True  # words other than who the child is (a child's age or word)


def answered_lists(age: ChildAge, rules: TextRules) -> frozenset[str]:
    """Word lists the answered age satisfies (its lower bound under `answered_age_below`)."""
    if age.lower is None:
        return frozenset()
    lower = age.lower
    return frozenset(name for name, below in lexicon(rules).answered_ages if lower < below)


def match_combo(
    combo: ComboRule,
    names_of: tuple[frozenset[str], ...],
    reading: TextReading,
    present: Set[str],
    rules: TextRules,
    answered: Set[str] = frozenset(),
) -> ComboMatch | None:
    """The match if the combination fires, else None. `names_of`: its groups as sets;
    `present`: the reasons that fired and the word lists the answered age satisfies;
    `answered`: those of them that come from the answers, not from the story."""
    found = reading.found
    for group_names in names_of:
        if group_names.isdisjoint(present) and group_names.isdisjoint(found):
            return None
    by_answers = all(not group_names.isdisjoint(answered) for group_names in names_of)
    if any(name in present or (name in found and not by_answers) for name in combo.unless):
        return None
    names: list[str] = []
    groups: list[list[tuple[Span, str]]] = []
    for group in combo.groups:
        if fired := [name for name in group if name in present]:
            names.append(fired[0])
            continue
        groups.append(sorted((span, name) for name in group for span in found.get(name, ())))
    chosen = _choose(combo, groups, reading, rules) if groups else []
    if chosen is None:
        return None
    names += [name for _, name in chosen]
    listed = [span for span, name in chosen if name in rules.lists]
    signalled = [span for span, name in chosen if name not in rules.lists]
    who = lexicon(rules).list_ages  # lists that name a child by a word or an age
    described = any(name not in rules.lists or name not in who for _, name in chosen)
    return ComboMatch(_terms(reading, listed), _terms(reading, signalled), tuple(names), described)


def _choose(
    combo: ComboRule, groups: list[list[tuple[Span, str]]], reading: TextReading, rules: TextRules
) -> list[tuple[Span, str]] | None:
    """One span per group, each within the window of an anchor of the first group."""
    for anchor in groups[0]:
        start = anchor[0][0]
        if combo.near is not None and not near_word(
            reading.words, reading.stems, anchor[0], combo.near, rules
        ):
            continue
        chosen = [anchor]
        for spans in groups[1:]:
            fitting = [s for s in spans if not combo.ordered or s[0][0] > chosen[-1][0][0]]
            span = min(fitting, key=lambda s: abs(s[0][0] - start), default=None)
            if span is None or (
                combo.window is not None and abs(span[0][0] - start) > combo.window
            ):
                break
            chosen.append(span)
        else:
            return chosen
    return None


def _terms(reading: TextReading, spans: list[Span]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(reading.term(span) for span in sorted(spans)))
