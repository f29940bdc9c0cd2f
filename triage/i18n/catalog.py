"""Loads the `id` and `en` gettext catalogues (compiled .mo, or the .po when not compiled)."""

from __future__ import annotations

import gettext
from collections.abc import Mapping
from functools import cache
from importlib import resources
from io import BytesIO
from typing import TypeVar, cast

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

Code = TypeVar("Code", bound=str)
LANGUAGES = ("id", "en")
DOMAIN = "messages"


def N_(msgid: str) -> str:
    return msgid


class Translator:
    """Translates message ids into one of LANGUAGES; unknown languages fall back to `id`."""

    def __init__(self, catalogues: dict[str, gettext.NullTranslations], default: str = "id"):
        self._catalogues = catalogues
        self.default = default

    def language(self, code: str | None) -> str:
        if code and code[:2].lower() in self._catalogues:
            return code[:2].lower()
        return self.default

    def text(self, lang: str | None, msgid: str, /, **values: object) -> str:
        translated = self._catalogues[self.language(lang)].gettext(msgid)
        return translated.format(**values) if values else translated

    def text_in(self, lang: str | None, context: str, msgid: str, /, **values: object) -> str:
        """A text whose translation depends on where it stands (msgctxt): the menu's
        "Laporan" is "Reports", a case page's heading "Report"."""
        translated = self._catalogues[self.language(lang)].pgettext(context, msgid)
        return translated.format(**values) if values else translated

    def label(self, lang: str | None, labels: Mapping[Code, str], code: str) -> str:
        """The translated label of a stored code (tables are keyed by StrEnum members, which
        equal their values); an unknown code is shown as it is."""
        msgid = cast(Mapping[str, str], labels).get(code)
        return code if msgid is None else self.text(lang, msgid)


def _catalogue(lang: str) -> gettext.NullTranslations:
    folder = resources.files("triage.i18n") / "locales" / lang / "LC_MESSAGES"
    mo_file = folder / f"{DOMAIN}.mo"
    if mo_file.is_file():
        return gettext.GNUTranslations(BytesIO(mo_file.read_bytes()))
    po_file = folder / f"{DOMAIN}.po"
    with po_file.open("rb") as handle:
        catalog = read_po(handle, locale=lang)
    buffer = BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


@cache
def load_translator(default: str = "id") -> Translator:
    return Translator({lang: _catalogue(lang) for lang in LANGUAGES}, default=default)
