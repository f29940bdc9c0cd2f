"""Reason codes: the structured factors, and the codes of categories, signals, combinations
and of reasons read from the story. Stdlib and `triage.domain.model` only.
"""

from __future__ import annotations

from triage.domain.model import Category

FACTOR_CODES = (
    "immediate_danger",
    "young_child",
    "injured",
    "perpetrator_access",
    "repeated",
    "disability",
    "several_children",
    "child_alone",
)
"""Reason codes of the factors read from the structured answers."""

INFERRED_FACTORS = ("child_alone",)
"""Factors no question asks: inferred from the answers ("child_alone": neglect of a child
under 5), so the story may show that they do not apply (a combination's `clears`)."""


def category_code(category: Category) -> str:
    """The reason code of a reported category, e.g. `category_kekerasan_fisik`."""
    return f"category_{category.value}"


def signal_code(signal_name: str) -> str:
    """The reason code of a text signal, e.g. `text_physical_violence`."""
    return f"text_{signal_name}"


def combo_code(combo_name: str) -> str:
    """The reason code of a combination rule, e.g. `combo_starved`."""
    return f"combo_{combo_name}"


STORY_SUFFIX = "_from_story"


def story_code(code: str) -> str:
    """The reason code of a factor or category read from the description, e.g.
    `injured_from_story`, `category_kekerasan_seksual_from_story`."""
    return f"{code}{STORY_SUFFIX}"


def base_code(code: str) -> str:
    """The factor or category code a story reason stands for (other codes: themselves)."""
    return code.removesuffix(STORY_SUFFIX)
