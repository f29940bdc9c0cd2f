"""The child's sex as the reporter gave it, and how to say it. Stdlib only.

Personal data: staff see it where they see the child's age; it is never logged.
"""

from __future__ import annotations

from enum import StrEnum


def N_(msgid: str) -> str:
    """Marks a message id for the catalogue (domain code does not import the i18n package)."""
    return msgid


class ChildSex(StrEnum):
    """Girl or boy; an unknown sex is None (not asked, not answered, or "don't know")."""

    FEMALE = "female"
    MALE = "male"


WORDS = {ChildSex.FEMALE: N_("Perempuan"), ChildSex.MALE: N_("Laki-laki")}
UNKNOWN = N_("Tidak diketahui")


def child_sex(value: object) -> ChildSex | None:
    """A stored or answered value as a ChildSex; anything else is unknown (None)."""
    return next((sex for sex in ChildSex if sex.value == value), None)


def sex_words(sex: ChildSex | None) -> str:
    """The msgid that says the sex: "Perempuan", "Laki-laki" or "Tidak diketahui"."""
    return UNKNOWN if sex is None else WORDS[sex]
