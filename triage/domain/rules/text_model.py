"""The rules for reading a description, as plain data: signals, word lists, combinations,
the plain-request exception. Stdlib and the domain only; parsed by `text_loading`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from triage.domain.model import Category, Urgency
from triage.domain.rules.codes import category_code, combo_code


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
    a structured answer does not count twice. `sets` names a factor the story thereby
    shows (e.g. `injured`), `category` a category (shown when graver than those chosen).
    `except_terms`: phrases in which a term means something else ("barang dibanting",
    "dikunci di luar"); a term that overlaps one does not count.
    """

    name: str
    points: int
    terms: tuple[str, ...] = ()
    ambiguous_terms: tuple[str, ...] = ()
    near: str = "child"
    corroborates: str | None = None
    sets: str | None = None
    category: Category | None = None
    except_terms: tuple[str, ...] = ()

    @property
    def credit_code(self) -> str | None:
        """The reason whose points this signal's points are reduced by."""
        if self.corroborates is None and self.category is not None:
            return category_code(self.category)
        return self.corroborates


@dataclass(frozen=True, slots=True)
class WordList:
    """Words a combination rule can ask for (e.g. who still reaches the child, "sering").

    `age_below`: "umur 3" / "usia 3" in the text also counts when the number is below it.
    `answered_age_below`: the list also counts, anywhere in the text, when the age the
    reporter answered may be below it (the lower bound of a band, as for the factors).
    `except_terms`: as for a signal, phrases in which a term does not count ("seharian"
    is not days).
    """

    terms: tuple[str, ...] = ()
    age_below: int | None = None
    answered_age_below: int | None = None
    except_terms: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ComboRule:
    """Groups of signals, word lists or reasons that must all occur in one report.

    A group is satisfied by any one of its names: a text signal or word list found in the
    description (unnegated), or a factor or `category_<code>` reason that fired, from the
    answers or from the story. Words of different groups must lie within `window` words of
    each other (None: anywhere), and with `near` a word of that near list must be close to
    one of them (after each other, with `ordered`). A name of `unless` that occurs
    (anywhere) stops the rule: "sudah cerai" ends the abuser's access. When the rule fires
    it adds `points` under its reason (`combo_<reason>`, `reason` defaulting to the name;
    rules sharing a reason count once); its `floor` is kept in `ScoringRules.floors` under
    that code. A rule without a reason text shows its `floor` through the reasons that
    satisfied its groups instead. It may set a factor (`sets`) or a category (`category`)
    as the signals do, or `clears` an inferred factor the story shows does not apply
    (`child_alone` when someone is caring for the child). Rules are read in file order:
    a later one sees what an earlier one set or cleared.
    """

    name: str
    groups: tuple[tuple[str, ...], ...]
    unless: tuple[str, ...] = ()
    reason: str = ""
    points: int = 0
    window: int | None = None
    ordered: bool = False
    near: str | None = None
    floor: Urgency | None = None
    sets: str | None = None
    category: Category | None = None
    clears: str | None = None

    @property
    def code(self) -> str:
        """The reason code this rule adds its points and floor under."""
        return combo_code(self.reason or self.name)


@dataclass(frozen=True, slots=True)
class PlainRequest:
    """Principle 1's exception: a plain request for a service, with no harm described, is
    RENDAH. A description is one when a word of the word list `words` occurs, no signal or
    combination fires, and none of the `harm_answers` factors was answered yes; then the
    categories and factors chosen count no points and set no floor. A past event that is
    over and resolved counts as no harm: when a word of every list in `over` occurs, the
    signals of `over_signals` do not stop a plain request."""

    words: str
    harm_answers: tuple[str, ...] = ()
    over: tuple[str, ...] = ()
    over_signals: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class TextRules:
    """The lexicon and the small grammar used to read the free-text description.

    A number is a child's age after an age word ("umur 4"), or between a child word and
    an age unit ("anak 4 tahun"); a number of months (`age_month_units`) after an age word
    ("umur 5 bln") is an age of its whole years, a baby's; several ages listed before one
    unit and joined by a word of `age_list_joiners` ("anaknya 2 dan 4 thn", "10, 8 dan 5 th")
    are read as the youngest of them. `corrections`: negators with which a reporter withdraws a
    word said just before ("kejang, eh bukan kejang"), when the withdrawn word ends its clause
    or is followed only by a word of `correction_ends` ("bukan dikunci sih,"). `restatements`:
    words with which a reporter says what they meant instead ("penculikan... eh maksudnya
    akun di-hack"): a term they follow at once (only punctuation between) is withdrawn. `aliases`: a
    word as people write it and the word it is read as ("gk" as "tidak", "skrg" as
    "sekarang"); an exact look-up, never a fuzzy one.
    """

    signals: tuple[SignalRule, ...] = ()
    negators: frozenset[str] = frozenset()
    negation_window: int = 3
    negation_breakers: frozenset[str] = frozenset()
    near: Mapping[str, NearWords] = field(default_factory=dict)
    near_window: int = 5
    age_words: frozenset[str] = frozenset()
    age_units: frozenset[str] = frozenset()
    age_marks: frozenset[str] = frozenset()
    age_hedges: frozenset[str] = frozenset()
    age_month_units: frozenset[str] = frozenset()
    age_list_joiners: frozenset[str] = frozenset()
    corrections: frozenset[str] = frozenset()
    correction_ends: frozenset[str] = frozenset()
    restatements: tuple[tuple[str, ...], ...] = ()
    lists: Mapping[str, WordList] = field(default_factory=dict)
    combos: tuple[ComboRule, ...] = ()
    aliases: Mapping[str, str] = field(default_factory=dict)
    plain_request: PlainRequest | None = None
