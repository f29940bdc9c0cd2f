"""Where words stand to each other: a term matching at a position, a near word close to a
span in the same sentence, and a child's age in the text ("umur 4", "anak 4 tahun").

Pure: stdlib and the domain only.
"""

from __future__ import annotations

from collections.abc import Iterator

from triage.domain.rules.model import TextRules
from triage.domain.scoring.lexicon import Lexicon, lexicon
from triage.domain.scoring.words import SENTENCE_ENDS, Span, Words


def matches_at(term: Words, words: list[str], stems: list[str], i: int) -> bool:
    if i + len(term) > len(words):
        return False
    return all(words[i + k] == t or stems[i + k] == t for k, t in enumerate(term))


def near_word(words: list[str], stems: list[str], span: Span, near: str, rules: TextRules) -> bool:
    """A word of the near list `near` (or "umur N" below its age) within `near_window`
    words of the span, in the same sentence."""
    lex = lexicon(rules)
    index = lex.near.get(near, {})
    age_below = lex.age_below.get(near)
    for k in _around(words, span[0], span[1], rules.near_window):
        for words_of_near in (*index.get(words[k], ()), *index.get(stems[k], ())):
            if matches_at(words_of_near, words, stems, k):
                return True
        if age_below is not None and word_is_age_below(words, stems, k, age_below, rules, lex):
            return True
    return False


def word_is_age_below(
    words: list[str], stems: list[str], k: int, below: int, rules: TextRules, lex: Lexicon
) -> bool:
    """True when the word at `k` is a child's age below `below` ("umur 4", "anak 4 tahun")."""
    age = age_at(words, stems, k, rules, lex) if words[k].isdecimal() else None
    return age is not None and age < below


def age_at(
    words: list[str], stems: list[str], k: int, rules: TextRules, lex: Lexicon
) -> int | None:
    """The age a number at `k` gives: after an age word ("umur 15", "usia sekitar 4"),
    between a child word and an age unit ("anak 15 tahun", "adeknya 2 th", "bocah kecil kira2
    3 thn"), or before a mark that makes it an age on its own ("14 yo", "a 2 year old"); else
    None. An age in months ("umur 5 bln", "8 months old") is its whole years, only after an
    age word or with a mark."""
    if not (0 < k < len(words) and words[k].isdecimal() and len(words[k]) <= 3):
        return None
    b = k - 2 if words[k - 1] in rules.age_hedges and k > 1 else k - 1
    after = words[k + 1] if k + 1 < len(words) else ""
    if after in rules.age_month_units:
        # "umur 5 bln", "8 months old": a baby; "anak saya 2 bulan lalu" is a time, not an age
        marked = words[b] in rules.age_words or _marked(words, k, rules)
        return int(words[k]) // 12 if marked else None
    if words[b] in rules.age_words or _marked(words, k, rules):
        return int(words[k])
    if after in rules.age_units and _child_word_ends_at(words, stems, b, lex):
        return int(words[k])
    if after in rules.age_units and words[k - 1] in rules.age_list_joiners:
        return _youngest_listed(words, stems, k, rules, lex)
    return None


def _youngest_listed(
    words: list[str], stems: list[str], k: int, rules: TextRules, lex: Lexicon
) -> int | None:
    """The youngest of several ages listed before one unit, the last joined by a word of
    `age_list_joiners` ("anaknya 2 dan 4 thn", "umur 3 dan 6 tahun", "10, 8 dan 5 th"):
    after a child word or an age word, or three or more ages on their own (two alone, "2
    dan 3 tahun", may be a span of time)."""
    ages = [int(words[k])]
    j = k - 1  # a joiner, or a comma, before each earlier number
    while j > 0 and (words[j] in rules.age_list_joiners or words[j] == ","):
        if not (words[j - 1].isdecimal() and len(words[j - 1]) <= 2):
            break
        ages.append(int(words[j - 1]))
        j -= 2
    if len(ages) < 2 or max(ages) > 17:
        return None
    before = j if j >= 0 and not words[j].isdecimal() else -1
    named = before >= 0 and (
        words[before] in rules.age_words or _child_word_ends_at(words, stems, before, lex)
    )
    return min(ages) if named or len(ages) >= 3 else None


def _child_word_ends_at(words: list[str], stems: list[str], b: int, lex: Lexicon) -> bool:
    """A child word ends at `b`: one word ("anak") or the last of several ("bocah kecil")."""
    if words[b] in lex.child_words or stems[b] in lex.child_words:
        return True
    for j in range(max(0, b - 2), b):
        for index in lex.near.values():
            for term in (*index.get(words[j], ()), *index.get(stems[j], ())):
                if j + len(term) - 1 == b and matches_at(term, words, stems, j):
                    return True
    return False


def _marked(words: list[str], k: int, rules: TextRules) -> bool:
    """ "14 yo", "2 year old": the words after the number say it is an age."""
    after = words[k + 1 : k + 3]
    if not after:
        return False
    unit = after[0] in rules.age_units or after[0] in rules.age_month_units
    return after[0] in rules.age_marks or (len(after) == 2 and unit and after[1] in rules.age_marks)


def add_ages(
    found: dict[str, list[Span]],
    words: list[str],
    stems: list[str],
    i: int,
    rules: TextRules,
    lex: Lexicon,
) -> None:
    """ "umur 3" / "anak 3 tahun" counts for every word list whose `age_below` is above 3."""
    k = i + 1 if words[i] in rules.age_words else i - 1
    if words[i] in rules.age_words and k < len(words) and words[k] in rules.age_hedges:
        k += 1
    age = age_at(words, stems, k, rules, lex)
    if age is not None:
        for name, below in lex.list_ages.items():
            if age < below:
                found.setdefault(name, []).append((min(i, k), max(i, k) + 1))


def _around(words: list[str], start: int, end: int, window: int) -> Iterator[int]:
    """Positions of up to `window` words each side of [start, end), within the sentence."""
    for positions in (range(start - 1, -1, -1), range(end, len(words))):
        seen = 0
        for k in positions:
            if words[k] in SENTENCE_ENDS or seen == window:
                break
            if words[k] != ",":
                seen += 1
                yield k
