"""Translation catalogues (gettext, via Babel). Message ids are the Indonesian texts.

`N_` marks a text for extraction without translating it; `Translator.text(lang, msgid, **kw)`
translates and fills `{placeholders}`.
"""

from triage.i18n.catalog import LANGUAGES, N_, Translator, load_translator

__all__ = ["LANGUAGES", "N_", "Translator", "load_translator"]
