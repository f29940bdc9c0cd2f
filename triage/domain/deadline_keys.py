"""Deadline kinds and deadline keys ("LS-7KQ2-M9XD:accept_breach:g0:l1"). Pure: stdlib only.

A key names one SLA timer of one case: the case reference, the kind, the generation (which
assignment of the case; only accept timers go past 0) and the level (the escalation step, 0
for a reminder). Keys are stored (deadline rows, outbox dedup keys, timeline events), so
their text format never changes; `triage.domain.sla` explains the kinds.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum


class DeadlineKind(StrEnum):
    """What a deadline is for; see the table in the docstring of `triage.domain.sla`."""

    ACCEPT_REMINDER = "accept_reminder"
    ACCEPT_BREACH = "accept_breach"
    CONTACT_REMINDER = "contact_reminder"
    CONTACT_BREACH = "contact_breach"
    CLOSURE_REMINDER = "closure_reminder"
    CLOSURE_BREACH = "closure_breach"


# The reference is everything before the last three fields, as `str.rsplit(":", 3)` reads it.
_KEY = re.compile(
    r"(?P<ref>.+):(?P<kind>[a-z_]+):g(?P<gen>0|[1-9][0-9]*):l(?P<level>0|[1-9][0-9]*)", re.DOTALL
)


@dataclass(frozen=True, slots=True)
class DeadlineKey:
    """The unique name of one timer: `format()` gives the stored text, `parse()` reads it."""

    reference: str
    kind: DeadlineKind
    generation: int = 0
    level: int = 0

    def __post_init__(self) -> None:
        if not self.reference:
            raise ValueError("a deadline key needs a case reference")
        if self.generation < 0 or self.level < 0:
            raise ValueError("a deadline key's generation and level are 0 or more")

    def format(self) -> str:
        """`LS-…:accept_breach:g1:l2`: deterministic, so storage can enforce "fires once"."""
        return f"{self.reference}:{self.kind.value}:g{self.generation}:l{self.level}"

    @classmethod
    def parse(cls, text: str) -> DeadlineKey:
        """The key `format()` wrote; ValueError for anything else."""
        match = _KEY.fullmatch(text)
        if match is None:
            raise ValueError(f"not a deadline key: {text!r}")
        try:
            kind = DeadlineKind(match["kind"])
        except ValueError:
            raise ValueError(f"unknown deadline kind in {text!r}") from None
        return cls(match["ref"], kind, int(match["gen"]), int(match["level"]))

    def first_breach(self) -> DeadlineKey:
        """The first breach step of this key's ladder (the one its reminder announces)."""
        breach = DeadlineKind(self.kind.value.replace("_reminder", "_breach"))
        return DeadlineKey(self.reference, breach, self.generation, 1)
