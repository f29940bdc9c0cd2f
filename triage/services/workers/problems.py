"""Why a worker's field or CSV line was refused, as a catalogue message: the web form shows it
in the reader's language, the CLI in English. Holds codes and typed values, never stored data."""

from __future__ import annotations

from dataclasses import dataclass

from triage.i18n import Translator, load_translator

CLI_LANGUAGE = "en"


@dataclass(frozen=True, slots=True)
class Problem:
    """A message id (the Indonesian text, marked with N_) and the values it names."""

    msgid: str
    values: tuple[tuple[str, str], ...] = ()

    def text(self, translator: Translator, lang: str) -> str:
        return translator.text(lang, self.msgid, **dict(self.values))

    @property
    def english(self) -> str:
        """As the CLI prints it."""
        return self.text(load_translator(), CLI_LANGUAGE)


def problem(msgid: str, **values: object) -> Problem:
    return Problem(msgid, tuple((name, str(value)) for name, value in values.items()))


class FieldError(ValueError):
    """One field's value was refused; `problem` says why."""

    def __init__(self, msgid: str, **values: object) -> None:
        super().__init__(msgid)
        self.problem = problem(msgid, **values)

    def __str__(self) -> str:
        return self.problem.english
