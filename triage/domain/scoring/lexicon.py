"""The text rules compiled for matching: terms of signals and word lists indexed by first word.

Pure: stdlib and the domain only. Built once per `TextRules` object and cached by identity.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from triage.domain.rules.model import SignalRule, TextRules, signal_code
from triage.domain.scoring.words import Words, chat_reader, stem, term_words


@dataclass(frozen=True, slots=True)
class Term:
    """One lexicon term; `owner` is the signal or word list it belongs to."""

    words: Words
    owner: str
    signal: SignalRule | None
    ambiguous: bool


@dataclass(frozen=True, slots=True)
class Entry:
    """The terms that begin with one word: one-word terms, and longer ones by second word
    (longest first); `age` when the word is an age word or unit ("umur", "tahun").
    `plain`: only one-word terms that need no near word, so a match is just recorded for
    each of its `owners` (the signals and lists it names, once each)."""

    singles: tuple[Term, ...] = ()
    seconds: Mapping[str, tuple[Term, ...]] = field(default_factory=dict)
    age: bool = False
    plain: bool = False
    owners: tuple[str, ...] = ()


def make_entry(
    singles: tuple[Term, ...], seconds: Mapping[str, tuple[Term, ...]], age: bool
) -> Entry:
    """An entry; `plain` when it has only one-word terms that need no near word."""
    plain = not seconds and not any(t.ambiguous for t in singles)
    owners = tuple(dict.fromkeys(t.owner for t in singles)) if plain else ()
    return Entry(singles, seconds, age, plain, owners)


@dataclass(frozen=True, slots=True)
class Lexicon:
    """The lexicon, built once per TextRules object: an `Entry` for each word that begins a
    term or is an age word or unit; `info(token)`: how a token is read, its stem and the
    entry of both together (cached); `combo_groups` the names of each combination's groups,
    as sets.

    `list_ages`: for word lists with `age_below`, that age ("umur 3" counts below it).
    `kind_codes`: reason codes of the signals that name a category (a kind of harm).
    `child_words`: the one-word entries of the near lists ("anak" in "anak 4 tahun").
    `breaker_seconds`: the last words of two-word negation breakers ("sampai").
    `answered_ages`: word lists with `answered_age_below`, and that age.
    `excepted`: the signals and word lists with `except_terms`, by those terms' owner name.
    `combos_by_word`: the combinations whose first group only words can meet (signals, word
    lists without an answered age), by those names; `combos_always` the others, whose first
    group a reason or the answered age may meet: together, every combination that may fire.
    """

    by_first: Mapping[str, Entry]
    info: Callable[[str], TokenInfo]
    combo_groups: tuple[tuple[frozenset[str], ...], ...]
    near: Mapping[str, Mapping[str, tuple[Words, ...]]]
    age_below: Mapping[str, int | None]
    signal_order: tuple[str, ...]
    signal_rules: Mapping[str, SignalRule]
    list_ages: Mapping[str, int]
    kind_codes: frozenset[str]
    child_words: frozenset[str]
    breaker_seconds: frozenset[str]
    answered_ages: tuple[tuple[str, int], ...]
    excepted: Mapping[str, str]
    combos_by_word: Mapping[str, tuple[int, ...]]
    combos_always: tuple[int, ...]


def _index(entries: Sequence[tuple[Words, Any]]) -> dict[str, tuple[Any, ...]]:
    """Values by first word, longest first so that "dimaki maki" wins over "dimaki"."""
    index: dict[str, tuple[Any, ...]] = {}
    for words, value in sorted(entries, key=lambda entry: -len(entry[0])):
        if words:
            index[words[0]] = (*index.get(words[0], ()), value)
    return index


def _by_first(terms: Sequence[Term], age_words: frozenset[str]) -> dict[str, Entry]:
    singles: dict[str, list[Term]] = {}
    seconds: dict[str, dict[str, list[Term]]] = {}
    for term in sorted(terms, key=lambda term: -len(term.words)):
        first = term.words[0]
        if len(term.words) == 1:
            singles.setdefault(first, []).append(term)
        else:
            seconds.setdefault(first, {}).setdefault(term.words[1], []).append(term)
    return {
        first: make_entry(
            tuple(singles.get(first, ())),
            {second: tuple(found) for second, found in seconds.get(first, {}).items()},
            first in age_words,
        )
        for first in {*singles, *seconds, *age_words}
    }


def except_owner(name: str) -> str:
    """The owner name of the `except_terms` of a signal or word list (never a name of either)."""
    return f"!{name}"


def _read_as(term: str, rules: TextRules) -> Words:
    """The words of a term as the text is read: through the aliases ("gk" as "tidak")."""
    return tuple(rules.aliases.get(word, word) for word in term_words(term))


def _entries(rules: TextRules) -> Iterator[tuple[Words, Term]]:
    for signal in rules.signals:
        for term in signal.terms:
            words = _read_as(term, rules)
            yield words, Term(words, signal.name, signal, False)
        for term in signal.ambiguous_terms:
            words = _read_as(term, rules)
            yield words, Term(words, signal.name, signal, True)
        for term in signal.except_terms:
            words = _read_as(term, rules)
            yield words, Term(words, except_owner(signal.name), None, False)
    for name, word_list in rules.lists.items():
        for term in word_list.terms:
            words = _read_as(term, rules)
            yield words, Term(words, name, None, False)
        for term in word_list.except_terms:
            words = _read_as(term, rules)
            yield words, Term(words, except_owner(name), None, False)


TokenInfo = tuple[str, str, "Entry | None"]


def _token_info(
    by_first: Mapping[str, Entry], aliases: Mapping[str, str]
) -> Callable[[str], TokenInfo]:
    """How a token is read, its stem (also read through the aliases: "ponakanku" has the
    stem "ponakan", read as "keponakan"), and the entries of both merged; cached per token."""
    read = chat_reader(aliases)

    @lru_cache(maxsize=65_536)
    def info(token: str) -> TokenInfo:
        word = read(token)
        stemmed = stem(word)
        stemmed = aliases.get(stemmed, stemmed)
        own, other = by_first.get(word), by_first.get(stemmed) if stemmed != word else None
        if own is None or other is None:
            return word, stemmed, own or other
        seconds = dict(own.seconds)
        for second, terms in other.seconds.items():
            seconds[second] = (*seconds.get(second, ()), *terms)
        merged = make_entry((*own.singles, *other.singles), seconds, own.age or other.age)
        return word, stemmed, merged

    return info


def _combos_by_first_group(
    rules: TextRules,
) -> tuple[dict[str, tuple[int, ...]], tuple[int, ...]]:
    """Which combinations a report's words can start (see `Lexicon.combos_by_word`)."""
    words = {s.name for s in rules.signals} | {
        name for name, lst in rules.lists.items() if lst.answered_age_below is None
    }
    by_word: dict[str, tuple[int, ...]] = {}
    always = []
    for index, combo in enumerate(rules.combos):
        first = combo.groups[0]
        if not set(first) <= words:
            always.append(index)
            continue
        for name in first:
            by_word[name] = (*by_word.get(name, ()), index)
    return by_word, tuple(always)


def _compile(rules: TextRules) -> Lexicon:
    terms = [term for words, term in _entries(rules) if words]
    list_ages = {n: lst.age_below for n, lst in rules.lists.items() if lst.age_below is not None}
    age_starts = rules.age_words | rules.age_units | rules.age_month_units
    by_first = _by_first(terms, age_starts if list_ages else frozenset())
    combos_by_word, combos_always = _combos_by_first_group(rules)
    return Lexicon(
        by_first=by_first,
        info=_token_info(by_first, rules.aliases),
        combo_groups=tuple(tuple(map(frozenset, c.groups)) for c in rules.combos),
        near={
            name: _index([(_read_as(w, rules), _read_as(w, rules)) for w in lst.words])
            for name, lst in rules.near.items()
        },
        age_below={name: lst.age_below for name, lst in rules.near.items()},
        signal_order=tuple(s.name for s in rules.signals),
        signal_rules={s.name: s for s in rules.signals},
        list_ages=list_ages,
        kind_codes=frozenset(signal_code(s.name) for s in rules.signals if s.category),
        answered_ages=tuple(
            (n, lst.answered_age_below) for n, lst in rules.lists.items() if lst.answered_age_below
        ),
        combos_by_word=combos_by_word,
        combos_always=combos_always,
        excepted={
            **{except_owner(s.name): s.name for s in rules.signals if s.except_terms},
            **{except_owner(n): n for n, lst in rules.lists.items() if lst.except_terms},
        },
        breaker_seconds=frozenset(b.split()[-1] for b in rules.negation_breakers if " " in b),
        child_words=frozenset(
            words[0]
            for lst in rules.near.values()
            for w in lst.words
            if len(words := _read_as(w, rules)) == 1
        ),
    )


_COMPILED: dict[int, tuple[TextRules, Lexicon]] = {}


def lexicon(rules: TextRules) -> Lexicon:
    """The compiled lexicon for these rules, cached by object identity."""
    entry = _COMPILED.get(id(rules))
    if entry is not None and entry[0] is rules:
        return entry[1]
    if len(_COMPILED) >= 32:
        _COMPILED.clear()
    compiled = _compile(rules)
    _COMPILED[id(rules)] = (rules, compiled)
    return compiled
