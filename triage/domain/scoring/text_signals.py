"""Harm signals and word lists in an Indonesian description: words and stems, negation, nearness.

Pure: stdlib and the domain (stems from `words.py`). Words are matched as written or by
stem; spelling is never fuzzy-corrected, so a near miss is a miss rather than a wrong match.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

from triage.domain.rules.model import SignalRule, TextRules
from triage.domain.scoring.lexicon import Entry, Lexicon, Term, lexicon
from triage.domain.scoring.nearness import add_ages, matches_at, near_word
from triage.domain.scoring.words import BOUNDARIES, Span, stem, term_words, tokens

__all__ = [
    "SignalHit", "Span", "TextReading", "find_signals", "near_word", "read_text", "stem",
    "term_words", "tokens",
]  # fmt: skip


@dataclass(frozen=True, slots=True)
class SignalHit:
    """A signal found in the text; `term` is the matched words only, lower-case."""

    signal: SignalRule
    term: str


@dataclass(frozen=True, slots=True)
class TextReading:
    """Where each signal and word list occurs in a text, unnegated, as [start, end) spans.

    `words` are read through the aliases ("gk" as "tidak"); `written` as in the text.
    `mentioned`: some signal's term occurs at all, even negated or without its near word.
    """

    written: list[str]
    words: list[str]
    stems: list[str]
    found: dict[str, list[Span]]
    mentioned: bool

    def term(self, span: Span) -> str:
        """The words of a span as written (never more of the text)."""
        return " ".join(self.written[span[0] : span[1]])


def read_text(text: str, rules: TextRules) -> TextReading:
    """Every unnegated occurrence of every signal and word list in the text."""
    lex = lexicon(rules)
    written = tokens(text)
    infos = list(map(lex.info, written))
    words = [info[0] for info in infos]
    stems = [info[1] for info in infos]
    last = len(words) - 1
    starts = [  # positions where a term may begin: skips a pair whose second word differs
        (i, e)
        for i, (_, _, e) in enumerate(infos)
        if e is not None
        and (
            e.singles
            or e.age
            or (i < last and (words[i + 1] in e.seconds or stems[i + 1] in e.seconds))
        )
    ]
    found, unmet = _scan(starts, words, stems, rules, lex)
    if rules.restatements and found:
        _drop_restated(found, words, rules.restatements)
    mentioned = unmet or not lex.signal_rules.keys().isdisjoint(found)
    if lex.excepted and not lex.excepted.keys().isdisjoint(found):
        _drop_excepted(found, lex.excepted)
    return TextReading(written, words, stems, found, mentioned)


def _drop_restated(
    found: dict[str, list[Span]], words: list[str], restatements: tuple[tuple[str, ...], ...]
) -> None:
    """Drop the spans a reporter restates at once ("penculikan... eh maksudnya akun FB")."""
    restated = {end for end in {span[1] for spans in found.values() for span in spans}
                if _restates(words, end, restatements)}  # fmt: skip
    if not restated:
        return
    for owner in list(found):
        kept = [span for span in found[owner] if span[1] not in restated]
        if kept:
            found[owner] = kept
        else:
            del found[owner]


def _restates(words: list[str], end: int, restatements: tuple[tuple[str, ...], ...]) -> bool:
    """Words of a restatement follow position `end`, with only punctuation before and
    between them ("dianiaya... eh bukan, maaf")."""
    window = words[end : end + 12]
    # Asked at the end of every span: first, whether any restatement begins with the next word.
    first = next((word for word in window if word not in BOUNDARIES), None)
    begun = _by_first_word(restatements).get(first, ()) if first is not None else ()
    if not begun:
        return False
    following = [word for word in window if word not in BOUNDARIES]
    return any(tuple(following[: len(said)]) == said for said in begun)


@lru_cache(maxsize=8)
def _by_first_word(
    restatements: tuple[tuple[str, ...], ...],
) -> dict[str, tuple[tuple[str, ...], ...]]:
    grouped: dict[str, list[tuple[str, ...]]] = {}
    for said in restatements:
        grouped.setdefault(said[0], []).append(said)
    return {first: tuple(saids) for first, saids in grouped.items()}


def _drop_excepted(found: dict[str, list[Span]], excepted: Mapping[str, str]) -> None:
    """Drop the spans of a signal or word list that overlap one of its `except_terms`
    ("barang dibanting", "seharian")."""
    for owner, name in excepted.items():
        exceptions = found.pop(owner, None)
        if exceptions is None or name not in found:
            continue
        kept = [
            span
            for span in found[name]
            if not any(span[0] < end and start < span[1] for start, end in exceptions)
        ]
        if kept:
            found[name] = kept
        else:
            del found[name]


def _scan(
    starts: list[tuple[int, Entry]],
    words: list[str],
    stems: list[str],
    rules: TextRules,
    lex: Lexicon,
) -> tuple[dict[str, list[Span]], bool]:
    """The spans of every owner's unnegated terms; True if a signal's term also occurred
    negated or without its near word."""
    found: dict[str, list[Span]] = {}
    unmet = False
    withdrawn: list[tuple[int, Term]] = []  # "kejang, eh bukan kejang": said, then taken back
    owned: set[int] = set()  # negators that begin a longer term ("tidak dikasih makan")
    reach = range(1, rules.negation_window + 1)
    shadow = {k + d for k, w in enumerate(words) if w in rules.negators for d in reach}
    for i, entry in starts:
        terms = _candidates(entry, words, stems, i) if entry.seconds else entry.singles
        if terms:
            negated = i in shadow and _negated(words, i, rules, owned)
            if words[i] in rules.negators and any(len(t.words) > 1 for t in terms):
                owned.add(i)
            if negated:
                unmet = unmet or any(t.signal is not None for t in terms)
                if rules.corrections and words[i - 1] in rules.corrections:
                    withdrawn += [(i, t) for t in terms if _ends_clause(t, words, stems, i, rules)]
            elif entry.plain:
                _record(found, entry.owners, i)
            else:
                unmet = _add_spans(found, terms, words, stems, i, rules) or unmet
        if entry.age and lex.list_ages:
            add_ages(found, words, stems, i, rules, lex)
    if withdrawn:
        _withdraw(found, withdrawn, words, stems)
    return found, unmet


def _ends_clause(term: Term, words: list[str], stems: list[str], i: int, rules: TextRules) -> bool:
    """The term at `i` ends its clause, or only a softener follows ("bukan kejang ding,"):
    a word taken back, not a contrast that goes on ("bukan dipukul pakai tangan, tapi ...")."""
    if len(term.words) > 1 and not matches_at(term.words, words, stems, i):
        return False
    k = i + len(term.words)
    while k < len(words) and words[k] in rules.correction_ends:
        k += 1
    return k == len(words) or words[k] in BOUNDARIES


def _withdraw(
    found: dict[str, list[Span]], withdrawn: list[tuple[int, Term]], words: list[str],
    stems: list[str],
) -> None:  # fmt: skip
    """Drop the earlier spans of an owner that begin with a word the reporter took back."""
    for at, term in withdrawn:
        spans = found.get(term.owner)
        if not spans:
            continue
        kept = [s for s in spans if s[0] >= at or not matches_at(term.words, words, stems, s[0])]
        if kept:
            found[term.owner] = kept
        else:
            del found[term.owner]


def find_signals(text: str, rules: TextRules) -> tuple[SignalHit, ...]:
    """The signals the text mentions, one hit per signal (its first unnegated match)."""
    lex = lexicon(rules)
    reading = read_text(text, rules)
    return tuple(
        SignalHit(lex.signal_rules[name], reading.term(reading.found[name][0]))
        for name in lex.signal_order
        if name in reading.found
    )


def _record(found: dict[str, list[Span]], owners: tuple[str, ...], i: int) -> None:
    """Record a one-word match at `i` for each owner (a term that needs no near word)."""
    for owner in owners:
        spans = found.setdefault(owner, [])
        if not spans or spans[-1][0] != i:
            spans.append((i, i + 1))


def _candidates(entry: Entry, words: list[str], stems: list[str], i: int) -> tuple[Term, ...]:
    """Terms whose words (as written or stemmed) match at `i`, longest first."""
    if i + 1 == len(words):
        return entry.singles
    found = entry.seconds.get(words[i + 1], ())
    if stems[i + 1] != words[i + 1] and (more := entry.seconds.get(stems[i + 1])):
        found = tuple(sorted((*found, *more), key=lambda term: -len(term.words)))
    if not found:
        return entry.singles
    if len(found[0].words) > 2:  # longest first: only then is there a third word to check
        found = tuple(t for t in found if _fits_on(t.words, words, stems, i))
    return (*found, *entry.singles)


def _fits_on(term: tuple[str, ...], words: list[str], stems: list[str], i: int) -> bool:
    """A term whose first two words matched at `i` also matches on; the third word is
    compared first, as most longer terms that share two words differ there."""
    if len(term) < 3:
        return True
    k = i + 2
    if k >= len(words) or (words[k] != term[2] and stems[k] != term[2]):
        return False
    return len(term) == 3 or matches_at(term, words, stems, i)


def _add_spans(
    found: dict[str, list[Span]],
    terms: tuple[Term, ...],
    words: list[str],
    stems: list[str],
    i: int,
    rules: TextRules,
) -> bool:
    """Record the unnegated terms at `i`, the longest of each owner; an ambiguous term only
    with a word of its near list close by. True if such a term went without one."""
    unmet = False
    for term in terms:
        spans = found.get(term.owner)
        if spans is not None and spans[-1][0] == i:
            continue
        span = (i, i + len(term.words))
        if (
            term.ambiguous
            and term.signal
            and not near_word(words, stems, span, term.signal.near, rules)
        ):
            unmet = True
            continue
        if spans is None:
            found[term.owner] = [span]
        else:
            spans.append(span)
    return unmet


def _negated(words: list[str], i: int, rules: TextRules, owned: set[int]) -> bool:
    """A negator up to `negation_window` words before, in the same clause, negates, unless
    a breaker (one word, or two: "jangan sampai") stands in between, or the negator begins
    a term of its own ("not eaten in days": "not" belongs to "not eaten")."""
    breakers = rules.negation_breakers
    seconds = lexicon(rules).breaker_seconds
    for k in range(i - 1, max(-1, i - 1 - rules.negation_window), -1):
        word = words[k]
        if word in BOUNDARIES or word in breakers:
            return False
        if word in seconds and k > 0 and f"{words[k - 1]} {word}" in breakers:
            return False
        if word in rules.negators:
            return k not in owned
    return False
