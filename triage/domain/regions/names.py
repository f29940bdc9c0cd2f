"""Region-name text: short forms, clean-up, and a fuzzy name index. Stdlib + rapidfuzz."""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator

from rapidfuzz import fuzz, process

from triage.domain.regions.aliases import (
    KIND_WORDS,
    LEADING_WORDS,
    PROVINCE_ALIASES,
    PROVINCE_WORDS,
    WORD_ALIASES,
)
from triage.domain.regions.aliases import KabKotaKind as KabKotaKind

MAX_QUERY_CHARS = 80  # longer input is cut: place names are short
_EXACT = 100
_FUZZY_CAP = 95  # a fuzzy match never ties an exact one
_FUZZY_MIN = 80
_FUZZY_MIN_SHORT = 85  # "anak" must not find "Landak"
_WHOLE_WORD_MIN_CHARS = 5  # shorter queries match whole names or whole words only
_WORD_HIT = 90  # a short query that is a whole word of a name ("aceh" in "Aceh Besar")
_SPREAD = 10  # matches more than this many points behind the best one are left out

_NAME_PREFIX = re.compile(r"^(Kabupaten|Kota)( Administrasi)? ")
_NOT_ALNUM = re.compile(r"[^a-z0-9]+")
_PROVINCE_SHORT_FORMS = (("Daerah Khusus Ibukota ", "DKI "), ("Daerah Istimewa ", "DI "))


def province_short_name(name: str) -> str:
    """The name as people write it: "DKI Jakarta", "DI Yogyakarta", "Jawa Barat"."""
    for long, short in _PROVINCE_SHORT_FORMS:
        if name.startswith(long):
            return short + name[len(long) :]
    return name


def kabkota_base_name(name: str) -> str:
    """The name without "Kabupaten"/"Kota" (Administrasi): "Jakarta Selatan"."""
    return _NAME_PREFIX.sub("", name, count=1)


def normalize_words(text: str) -> list[str]:
    """Lower-case ASCII words of at most MAX_QUERY_CHARS characters, short forms expanded."""
    folded = unicodedata.normalize("NFKD", text[:MAX_QUERY_CHARS]).lower()
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch))  # "á" -> "a"
    folded = folded.replace("'", "").replace("\u2019", "")
    words = _NOT_ALNUM.sub(" ", folded).split()
    return [part for word in words for part in WORD_ALIASES.get(word, word).split()]


def name_key(name: str) -> str:
    """A name as the index holds it: normalised words joined by single spaces."""
    return " ".join(normalize_words(name))


def place_words(text: str) -> list[str]:
    """The normalised words of a typed place, without "di"/"daerah"/... before it."""
    words = normalize_words(text)
    while len(words) > 1 and words[0] in LEADING_WORDS:
        words = words[1:]
    return words


def kabkota_query(
    text: str, is_name: Callable[[str], bool] = lambda _key: False
) -> tuple[KabKotaKind | None, str]:
    """The kind asked for and the name: "Kab. Bekasi", "Bekasi kab", "Bandung kabupaten",
    "di kota bandung". A whole text that is a name itself ("Lima Puluh Kota") stays whole."""
    words = place_words(text)
    whole = " ".join(words)
    if is_name(whole):
        return None, whole
    for kind_words, kind in KIND_WORDS.items():
        if tuple(words[: len(kind_words)]) == kind_words:
            return kind, " ".join(words[len(kind_words) :])
    for kind_words, kind in KIND_WORDS.items():
        if len(words) > len(kind_words) and tuple(words[-len(kind_words) :]) == kind_words:
            return kind, " ".join(words[: -len(kind_words)])
    return None, whole


def province_query(text: str) -> str:
    """The query without a leading "Provinsi"/"Prov."/..."""
    words = normalize_words(text)
    if words and words[0] in PROVINCE_WORDS:
        words = words[1:]
    return " ".join(words)


def province_keys(code: str, name: str) -> Iterator[str]:
    """The index keys of a province: its normalised name, then its everyday aliases."""
    yield name_key(name)
    yield from PROVINCE_ALIASES.get(code, ())


class NameIndex:
    """Normalised names (several per code allowed) scored against a normalised query."""

    def __init__(self, entries: Iterable[tuple[str, str]]) -> None:
        self._keys: list[str] = []
        self._codes: list[str] = []
        self._exact: defaultdict[str, list[str]] = defaultdict(list)
        self._by_word: defaultdict[str, set[str]] = defaultdict(set)
        for key, code in entries:
            self._keys.append(key)
            self._codes.append(code)
            self._exact[key].append(code)
            for word in key.split():
                self._by_word[word].add(code)

    def __contains__(self, key: object) -> bool:
        """Whether `key` is exactly one of the names."""
        return key in self._exact

    def exact(self, key: str) -> list[str]:
        """The codes named exactly `key`."""
        return list(self._exact.get(key, ()))

    def scores(self, query: str) -> dict[str, float]:
        """Exact names only if there are any; otherwise the best fuzzy score per code."""
        if query in self._exact:
            return dict.fromkeys(self._exact[query], float(_EXACT))
        short = len(query) < _WHOLE_WORD_MIN_CHARS
        best = dict.fromkeys(self._by_word.get(query, ()) if short else (), float(_WORD_HIT))
        hits = process.extract(
            query,
            self._keys,
            scorer=fuzz.ratio if short else fuzz.WRatio,
            processor=None,
            score_cutoff=_FUZZY_MIN_SHORT if short else _FUZZY_MIN,
            limit=None,
        )
        for _key, score, index in hits:
            code = self._codes[index]
            best[code] = max(best.get(code, 0.0), min(score, _FUZZY_CAP))
        return best


def ranked(scores: dict[str, float], limit: int) -> list[tuple[str, int]]:
    """The best `limit` codes, leaving out any far behind the best one."""
    ordered = sorted(scores.items(), key=lambda item: (-item[1], item[0]))
    floor = ordered[0][1] - _SPREAD if ordered else 0.0
    return [(code, round(score)) for code, score in ordered[:limit] if score >= floor]
