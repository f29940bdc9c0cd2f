"""A question as the questionnaire asks it: text, buttons, and what the bot should request."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from triage.domain.intake.catalog import Option, Step
from triage.domain.intake.summary import Line


@dataclass(frozen=True, slots=True)
class Prompt:
    """A question with its buttons; `version` goes into every button's callback data."""

    step: Step
    question: str
    version: int
    options: tuple[Option, ...] = ()
    columns: int = 1
    selected: frozenset[str] = frozenset()
    values: Mapping[str, str] = field(default_factory=dict)
    lines: tuple[Line, ...] = ()
    request_location: bool = False
    request_contact: bool = False
