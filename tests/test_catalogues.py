"""The translation catalogues keep up with the code.

Texts are marked in the code with `N_("...")` (Python) or `_("...")` (admin templates); the
message id is the Indonesian text. These tests extract the ids the way `make extract-messages`
does (same babel.cfg, same keywords, same folders) and check `en/messages.po` and
`id/messages.po` against them. Only repository files are read; nothing is written to disk.
How to fix a failure: docs/translating.md.
"""

from __future__ import annotations

import gettext
import re
import string
from collections.abc import Iterator
from functools import cache
from io import BytesIO
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from bot.texts import MINUTES
from triage.domain.intake.result import PLEASE_USE_BUTTONS
from triage.i18n import load_translator

ROOT = Path(__file__).resolve().parents[1]
I18N = ROOT / "triage" / "i18n"
LOCALES = I18N / "locales"
SOURCE_DIRS = ("triage", "bot", "admin", "app")  # the folders `make extract-messages` reads
KEYWORDS = {**DEFAULT_KEYWORDS, "N_": None}  # pybabel's defaults (`_`, gettext, ...) plus N_
LONG_TEXT = 20  # characters of Indonesian prose (placeholders not counted)
# Function words that show a message id already carries English (the bilingual consent text
# and language prompt). Two different ones are needed; none of them is an Indonesian word.
ENGLISH_WORDS = frozenset(
    {"a", "and", "are", "choose", "language", "of", "or", "the", "to", "who", "you", "your"}
)
FIX_HINT = "run `make extract-messages`, then translate (see docs/translating.md)"

MsgKey = tuple[str, str | None]  # (msgid, msgctxt)


@cache
def code_messages() -> dict[MsgKey, tuple[str, ...]]:
    """Every message id marked in the code, with where it was found."""
    with (I18N / "babel.cfg").open(encoding="utf-8") as cfg:
        method_map, options_map = parse_mapping_cfg(cfg, filename=str(I18N / "babel.cfg"))
    found: dict[MsgKey, list[str]] = {}
    for folder in SOURCE_DIRS:
        for filename, lineno, message, _comments, context in extract_from_dir(
            ROOT / folder, method_map, options_map, keywords=KEYWORDS
        ):
            msgid = message if isinstance(message, str) else message[0]
            if msgid:
                found.setdefault((msgid, context), []).append(f"{folder}/{filename}:{lineno}")
    return {key: tuple(places) for key, places in found.items()}


@cache
def catalogue(lang: str) -> Catalog:
    with (LOCALES / lang / "LC_MESSAGES" / "messages.po").open("rb") as po:
        return read_po(po, locale=lang)


def entries(lang: str) -> Iterator[Message]:
    """The catalogue's messages without the header entry."""
    return (message for message in catalogue(lang) if message.id)


def msgid_of(message: Message) -> str:
    return message.id if isinstance(message.id, str) else message.id[0]


def translations(message: Message) -> tuple[str, ...]:
    """The msgstr, or every plural form of it."""
    if isinstance(message.string, str):
        return (message.string,)
    return tuple(message.string or ())


def placeholders(text: str) -> set[str]:
    """The `{names}` str.format fills in; "{{" and "}}" are literal braces."""
    return {field for _, field, _, _ in string.Formatter().parse(text) if field is not None}


def prose(text: str) -> str:
    """The text a translator reads: without its `{placeholders}`."""
    return re.sub(r"\{[^{}]*\}", "", text).strip()


def has_english(text: str) -> bool:
    return len(set(re.findall(r"[a-z]+", text.lower())) & ENGLISH_WORDS) >= 2


def listing(items: list[str]) -> str:
    return "\n".join(f"  - {item}" for item in sorted(items))


def test_the_code_has_texts_to_translate() -> None:
    """Guards the guard: a broken babel.cfg would otherwise make every test below pass."""
    keys = code_messages()
    assert len(keys) > 100
    assert (PLEASE_USE_BUTTONS, None) in keys  # a Python N_() text
    assert ("Lewati ke konten utama", None) in keys  # a Jinja2 _() text in admin/templates


def test_every_text_in_the_code_has_english() -> None:
    """(a) Each msgid the extractor finds has a non-empty, non-fuzzy English msgstr."""
    en = catalogue("en")
    problems = []
    for (msgid, context), places in code_messages().items():
        message = en.get(msgid, context=context)
        if message is None:
            problems.append(f"missing from en.po: {msgid!r} ({places[0]})")
        elif not all(translations(message)):
            problems.append(f"no English yet: {msgid!r} ({places[0]})")
        elif message.fuzzy:
            problems.append(f"marked fuzzy, needs a check: {msgid!r} ({places[0]})")
    assert not problems, f"{len(problems)} text(s) without English; {FIX_HINT}:\n" + listing(
        problems
    )


def test_the_indonesian_catalogue_lists_every_text() -> None:
    """id.po lists every msgid (its msgstr stays empty: the msgid is the Indonesian text)."""
    listed = {(msgid_of(message), message.context) for message in entries("id")}
    missing = [
        f"{msgid!r} ({places[0]})"
        for (msgid, context), places in code_messages().items()
        if (msgid, context) not in listed
    ]
    assert not missing, f"not in id.po; {FIX_HINT}:\n" + listing(missing)


@pytest.mark.parametrize("lang", ["en", "id"])
def test_translations_keep_the_placeholders(lang: str) -> None:
    """(b) A msgstr fills exactly the `{placeholders}` of its msgid, or str.format fails."""
    problems = []
    for message in entries(lang):
        msgid = msgid_of(message)
        for translated in filter(None, translations(message)):
            try:
                expected, got = placeholders(msgid), placeholders(translated)
            except ValueError as exc:  # an unmatched "{" or "}"
                problems.append(f"{msgid!r}: {exc}")
                continue
            if expected != got:
                problems.append(
                    f"{msgid!r}: expects {sorted(expected)}, translation has {sorted(got)}"
                )
    assert not problems, f"{lang}.po: placeholders changed in translation:\n" + listing(problems)


def test_english_is_not_a_copy_of_the_indonesian() -> None:
    """(c) A long msgid copied into msgstr was not translated, unless it is bilingual already."""
    copied = [
        repr(message.id)
        for message in entries("en")
        if message.string == message.id
        and len(prose(message.id)) > LONG_TEXT
        and not has_english(message.id)
    ]
    assert not copied, "en.po: msgstr is still the Indonesian text:\n" + listing(copied)


def test_has_english_tells_bilingual_texts_apart() -> None:
    assert has_english("Pilih bahasa / Choose a language:")
    assert not has_english("Mohon pilih salah satu tombol di bawah pesan ini.")
    assert not has_english("Alamat atau patokan tempatnya (tidak wajib). Ketik, atau tekan Lewati.")


@pytest.mark.parametrize("lang", ["en", "id"])
def test_the_catalogue_compiles(lang: str) -> None:
    """(d) What `make catalogue` and the loader do: .po to .mo, readable by gettext."""
    buffer = BytesIO()
    write_mo(buffer, catalogue(lang))
    buffer.seek(0)
    compiled = gettext.GNUTranslations(buffer)
    expected = catalogue(lang)[PLEASE_USE_BUTTONS].string or PLEASE_USE_BUTTONS
    assert compiled.gettext(PLEASE_USE_BUTTONS) == expected


def test_the_translator_speaks_english() -> None:
    """(d) The app's translator returns the English of en.po, placeholders filled after."""
    translator = load_translator()
    hint = "a stale messages.mo next to the .po? run `make catalogue`"
    english = catalogue("en")[PLEASE_USE_BUTTONS].string
    assert translator.text("en", PLEASE_USE_BUTTONS) == english != PLEASE_USE_BUTTONS, hint
    assert translator.text("id", PLEASE_USE_BUTTONS) == PLEASE_USE_BUTTONS
    minutes = translator.text("en", MINUTES, n=15)
    assert minutes == str(catalogue("en")[MINUTES].string).format(n=15), hint
    assert minutes != MINUTES.format(n=15)


@pytest.mark.parametrize("lang", ["en", "id"])
def test_no_obsolete_entries(lang: str) -> None:
    """(e) Entries the code no longer uses (including `#~` ones) are removed, not kept."""
    used = code_messages()
    stale = [
        repr(message.id)
        for message in entries(lang)
        if (msgid_of(message), message.context) not in used
    ]
    stale += [f"#~ {message.id!r}" for message in catalogue(lang).obsolete.values()]
    assert not stale, (
        f"{lang}.po keeps {len(stale)} message(s) the code no longer uses; delete them "
        "(`pybabel update --ignore-obsolete` does):\n" + listing(stale)
    )
