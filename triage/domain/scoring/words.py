"""Words of a description: tokens, stems (Sastrawi) and how a chat token is read.

Pure: stdlib and pysastrawi. Stems are cached per word; a misspelling is never corrected.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping
from functools import cache, lru_cache
from typing import Any

from Sastrawi.Dictionary.ArrayDictionary import ArrayDictionary
from Sastrawi.Stemmer.Stemmer import Stemmer
from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

# A number glued to an age unit is two words ("14yo", "5thn"); "3an" stays one (about 3).
_TOKEN_RE = re.compile(r"\d{1,2}(?=(?:yo|yrs|yr|thn|th|y)\b)|[^\W_]+|[.!?;\n,]")
# "kejang2", "anak2nya" (anaknya), "dibagi2in" (dibagiin), "3an" (about 3)
_CHAT_FORM = re.compile(r"([^\W\d_]{2,})2(nya|ku|mu|in)?|(\d+)an")
# Digits typed for letters ("d1kunc1", "t0l0ng", "4d3k"): a word of letters and these digits
# only, with such a digit between two letters, is read with the letters; "5m", "3an",
# "kejang2", "p2tp2a" and numbers are left alone.
_LEET_WORD = re.compile(r"(?=[a-z013457]*[a-z][013457]+[a-z])[a-z013457]+")
_LEET = str.maketrans("013457", "oieast")
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"))  # zero widths
SENTENCE_ENDS = frozenset(".!?;\n")
BOUNDARIES = SENTENCE_ENDS | {","}

Words = tuple[str, ...]
Span = tuple[int, int]  # [start, end) positions of words


def tokens(text: str) -> list[str]:
    """Lower-case words of a text, with sentence ends and commas kept as tokens. Styled
    letters of forwarded chat messages (𝗕𝗢𝗟𝗗, ｆｕｌｌ-ｗｉｄｔｈ) are read as plain letters
    (NFKC) and invisible characters inside a word are dropped; emoji separate words."""
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text).translate(_INVISIBLE)
    found: list[str] = _TOKEN_RE.findall(text.lower())
    return found


def term_words(term: str) -> Words:
    """The words of a lexicon term, as the text tokenizer would split them."""
    return tuple(t for t in tokens(term) if t not in BOUNDARIES)


@cache
def _stemmer() -> Any:
    """The Sastrawi stemmer, built once (our own bounded cache sits in front of it)."""
    return Stemmer(ArrayDictionary(StemmerFactory().get_words()))


@lru_cache(maxsize=65_536)
def stem(word: str) -> str:
    """The stem of one lower-case word; -nya is dropped from words Sastrawi does not know,
    and so is its Javanese krama form -(n)ipun (*bapak tirinipun*, *tanganipun*)."""
    if len(word) <= 3 or not word.isalpha():
        return word
    if word.endswith("ipun") and len(word) > 6:
        return stem(_krama_base(word))
    stemmed = str(_stemmer().stem_word(word))
    if stemmed == word and word.endswith("nya") and len(word) > 5:
        return word[:-3]
    return stemmed


def _krama_base(word: str) -> str:
    """The word before the particle -pun ("sekalipun") or a krama -nipun or -ipun
    ("tirinipun" tiri, "tanganipun" tangan): one Sastrawi knows, else without -(n)ipun
    ("pakdhenipun" pakdhe, which the aliases may read)."""
    known = _stemmer().dictionary.contains
    cut = (3, 5, 4) if word.endswith("nipun") else (3, 4)
    return next((word[:-n] for n in cut if known(word[:-n])), word[: -cut[1]])


def chat_reader(aliases: Mapping[str, str]) -> Callable[[str], str]:
    """How a token is read: a chat reduplication as its word ("kejang2" as kejang, with a
    suffix "anak2nya" as anaknya, "dibagi2in" as dibagiin), "3an" (about 3) as 3, digits
    typed for letters as the letters ("d1kunc1" as dikunci, "4d3k" as adek), then through
    the aliases ("gk" as tidak)."""

    def read(token: str) -> str:
        if ("2" in token or token[0].isdigit()) and (found := _CHAT_FORM.fullmatch(token)):
            token = found[1] + (found[2] or "") if found[1] else found[3]
        elif not token.isalpha() and _LEET_WORD.fullmatch(token):
            token = token.translate(_LEET)
        return aliases.get(token, token)

    return read
