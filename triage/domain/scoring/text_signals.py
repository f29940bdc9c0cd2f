"""Harm signals in an Indonesian description: raw words and stems, negation, nearness.

Pure: stdlib and pysastrawi only. Words are matched exactly as written or by stem; spelling
is never fuzzy-corrected, so a near miss is a miss rather than a wrong match.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from Sastrawi.Dictionary.ArrayDictionary import ArrayDictionary
from Sastrawi.Stemmer.Stemmer import Stemmer
from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

from triage.domain.rules.model import SignalRule, TextRules

_TOKEN_RE = re.compile(r"[^\W_]+|[.!?;\n,]")
_SENTENCE_ENDS = frozenset(".!?;\n")
_BOUNDARIES = _SENTENCE_ENDS | {","}

Words = tuple[str, ...]


@dataclass(frozen=True, slots=True)
class SignalHit:
    """A signal found in the text; `term` is the matched words only, lower-case."""

    signal: SignalRule
    term: str


@dataclass(frozen=True, slots=True)
class _Term:
    words: Words
    signal: SignalRule
    ambiguous: bool


@dataclass(frozen=True, slots=True)
class _Lexicon:
    """The lexicon indexed by first word, built once per TextRules object."""

    terms: Mapping[str, tuple[_Term, ...]]
    near: Mapping[str, Mapping[str, tuple[Words, ...]]]
    age_below: Mapping[str, int | None]
    signal_order: tuple[str, ...]


@cache
def _stemmer() -> Any:
    """The Sastrawi stemmer, built once (our own bounded cache sits in front of it)."""
    return Stemmer(ArrayDictionary(StemmerFactory().get_words()))


@lru_cache(maxsize=65_536)
def stem(word: str) -> str:
    """The stem of one lower-case word; -nya is dropped from words Sastrawi does not know."""
    if len(word) <= 3 or not word.isalpha():
        return word
    stemmed = str(_stemmer().stem_word(word))
    if stemmed == word and word.endswith("nya") and len(word) > 5:
        return word[:-3]
    return stemmed


def tokens(text: str) -> list[str]:
    """Lower-case words of a text, with sentence ends and commas kept as tokens."""
    return _TOKEN_RE.findall(text.lower())


def term_words(term: str) -> Words:
    """The words of a lexicon term, as the text tokenizer would split them."""
    return tuple(t for t in tokens(term) if t not in _BOUNDARIES)


def _index(entries: Sequence[tuple[Words, _Term | Words]]) -> dict[str, tuple[Any, ...]]:
    """Values by first word, longest first so that "dimaki maki" wins over "dimaki"."""
    index: dict[str, tuple[Any, ...]] = {}
    for words, value in sorted(entries, key=lambda entry: -len(entry[0])):
        if words:
            index[words[0]] = (*index.get(words[0], ()), value)
    return index


def _compile(rules: TextRules) -> _Lexicon:
    entries: list[tuple[Words, _Term | Words]] = []
    for signal in rules.signals:
        for term, ambiguous in _signal_terms(signal):
            words = term_words(term)
            entries.append((words, _Term(words, signal, ambiguous)))
    near = {
        name: _index([(term_words(w), term_words(w)) for w in lst.words])
        for name, lst in rules.near.items()
    }
    return _Lexicon(
        terms=_index(entries),
        near=near,
        age_below={name: lst.age_below for name, lst in rules.near.items()},
        signal_order=tuple(s.name for s in rules.signals),
    )


def _signal_terms(signal: SignalRule) -> Iterator[tuple[str, bool]]:
    yield from ((t, False) for t in signal.terms)
    yield from ((t, True) for t in signal.ambiguous_terms)


_COMPILED: dict[int, tuple[TextRules, _Lexicon]] = {}


def _lexicon(rules: TextRules) -> _Lexicon:
    """The compiled lexicon for these rules, cached by object identity."""
    entry = _COMPILED.get(id(rules))
    if entry is not None and entry[0] is rules:
        return entry[1]
    if len(_COMPILED) >= 32:
        _COMPILED.clear()
    lexicon = _compile(rules)
    _COMPILED[id(rules)] = (rules, lexicon)
    return lexicon


def find_signals(text: str, rules: TextRules) -> tuple[SignalHit, ...]:
    """The signals the text mentions, one hit per signal (its first unnegated match)."""
    lex = _lexicon(rules)
    words = tokens(text)
    stems = list(map(stem, words))
    keys = lex.terms.keys()
    if keys.isdisjoint(words) and keys.isdisjoint(stems):
        return ()
    hits: dict[str, SignalHit] = {}
    for i in [
        i for i, (w, s) in enumerate(zip(words, stems, strict=True)) if w in keys or s in keys
    ]:
        for term in _candidates(lex, words[i], stems[i]):
            name = term.signal.name
            if name not in hits and _is_hit(term, words, stems, i, rules, lex):
                hits[name] = SignalHit(term.signal, " ".join(words[i : i + len(term.words)]))
    return tuple(hits[name] for name in lex.signal_order if name in hits)


def _candidates(lex: _Lexicon, word: str, stemmed: str) -> tuple[_Term, ...]:
    found = lex.terms.get(word, ())
    return found + lex.terms.get(stemmed, ()) if stemmed != word else found


def _is_hit(
    term: _Term, words: list[str], stems: list[str], i: int, rules: TextRules, lex: _Lexicon
) -> bool:
    if not _matches_at(term.words, words, stems, i) or _negated(words, i, rules):
        return False
    return not term.ambiguous or _near(term, words, stems, i, rules, lex)


def _matches_at(term: Words, words: list[str], stems: list[str], i: int) -> bool:
    if i + len(term) > len(words):
        return False
    return all(words[i + k] == t or stems[i + k] == t for k, t in enumerate(term))


def _negated(words: list[str], i: int, rules: TextRules) -> bool:
    """A negator up to `negation_window` words before, in the same clause, negates."""
    for k in range(i - 1, max(-1, i - 1 - rules.negation_window), -1):
        word = words[k]
        if word in _BOUNDARIES or word in rules.negation_breakers:
            return False
        if word in rules.negators:
            return True
    return False


def _near(
    term: _Term, words: list[str], stems: list[str], i: int, rules: TextRules, lex: _Lexicon
) -> bool:
    index = lex.near.get(term.signal.near, {})
    age_below = lex.age_below.get(term.signal.near)
    for k in _around(words, i, i + len(term.words), rules.near_window):
        for near in (*index.get(words[k], ()), *index.get(stems[k], ())):
            if _matches_at(near, words, stems, k):
                return True
        if age_below is not None and _is_age(words, stems, k, age_below, rules.age_words):
            return True
    return False


def _is_age(
    words: list[str], stems: list[str], k: int, below: int, age_words: frozenset[str]
) -> bool:
    """True for "umur 15" / "usia 15" when the number is below `below`."""
    word = words[k]
    if not (k > 0 and word.isdecimal() and len(word) <= 3 and int(word) < below):
        return False
    return words[k - 1] in age_words or stems[k - 1] in age_words


def _around(words: list[str], start: int, end: int, window: int) -> Iterator[int]:
    """Positions of up to `window` words each side of [start, end), within the sentence."""
    for positions in (range(start - 1, -1, -1), range(end, len(words))):
        seen = 0
        for k in positions:
            if words[k] in _SENTENCE_ENDS or seen == window:
                break
            if words[k] != ",":
                seen += 1
                yield k
