"""Triage measured against labels: confusion matrix, recall, accuracy, under- and over-triage,
and the gates a run must pass. Stdlib only; rates are exact fractions.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from fractions import Fraction

from triage.domain.model import Urgency

LEVELS: tuple[Urgency, ...] = tuple(Urgency)
"""The levels, most urgent first: the order of the matrix's rows and columns."""


@dataclass(frozen=True, slots=True)
class Rate:
    """`count` out of `total`; `value` is None when there was nothing to measure."""

    count: int
    total: int

    @property
    def value(self) -> Fraction | None:
        return Fraction(self.count, self.total) if self.total else None


@dataclass(frozen=True, slots=True)
class Evaluation:
    """How often each expected level got each level; every figure derives from the matrix."""

    matrix: Mapping[tuple[Urgency, Urgency], int]  # (expected, got) -> count; zeros left out

    def count(self, expected: Urgency, got: Urgency) -> int:
        return self.matrix.get((expected, got), 0)

    @property
    def total(self) -> int:
        return sum(self.matrix.values())

    def expected_total(self, level: Urgency) -> int:
        return sum(self.count(level, got) for got in LEVELS)

    def recall(self, level: Urgency) -> Rate:
        """Of the reports expected at `level`, how many got exactly `level`."""
        return Rate(self.count(level, level), self.expected_total(level))

    @property
    def accuracy(self) -> Rate:
        return Rate(sum(self.count(level, level) for level in LEVELS), self.total)

    @property
    def under_triage(self) -> Rate:
        """Reports that got a less urgent level than expected."""
        return self._moved(lambda expected, got: got.rank < expected.rank)

    @property
    def over_triage(self) -> Rate:
        """Reports that got a more urgent level than expected."""
        return self._moved(lambda expected, got: got.rank > expected.rank)

    def _moved(self, moved: Callable[[Urgency, Urgency], bool]) -> Rate:
        count = sum(n for (expected, got), n in self.matrix.items() if moved(expected, got))
        return Rate(count, self.total)


def evaluate(pairs: Iterable[tuple[Urgency, Urgency]]) -> Evaluation:
    """The evaluation of (expected, got) pairs."""
    return Evaluation(dict(Counter(pairs)))


@dataclass(frozen=True, slots=True)
class Gates:
    """Limits a run must meet: the lowest recall per level, the highest under-triage rate."""

    min_recall: Mapping[Urgency, Fraction]
    max_under_triage: Fraction | None = None


@dataclass(frozen=True, slots=True)
class GateResult:
    """One gate: its name (`recall DARURAT`, `under-triage`), limit, measured rate, verdict.

    A gate with nothing to measure (no report expected at that level, an empty corpus) fails:
    a figure that was not measured cannot show that no emergency was missed.
    """

    name: str
    limit: Fraction
    rate: Rate
    passed: bool
    upper: bool = False  # the limit is a most (under-triage), not a least (recall)


def check_gates(evaluation: Evaluation, gates: Gates) -> list[GateResult]:
    """Every gate in `gates`, recall gates in level order, then under-triage."""
    results = []
    for level in LEVELS:
        if (limit := gates.min_recall.get(level)) is not None:
            rate = evaluation.recall(level)
            passed = rate.value is not None and rate.value >= limit
            results.append(GateResult(f"recall {level.value}", limit, rate, passed))
    if gates.max_under_triage is not None:
        rate, limit = evaluation.under_triage, gates.max_under_triage
        passed = rate.value is not None and rate.value <= limit
        results.append(GateResult("under-triage", limit, rate, passed, upper=True))
    return results


def parse_fraction(text: str) -> Fraction:
    """A rate from 0 to 1 as written on a command line: `1.0`, `0.03`, `1`, `3/100`."""
    try:
        value = Fraction(text.strip())
    except (ValueError, ZeroDivisionError):
        raise ValueError(f"{text!r} is not a fraction from 0 to 1 (e.g. 0.95)") from None
    if not 0 <= value <= 1:
        raise ValueError(f"{text!r} is not a fraction from 0 to 1 (e.g. 0.95)")
    return value


def parse_recall_gates(text: str) -> dict[Urgency, Fraction]:
    """`DARURAT=1.0` or several separated by commas: `DARURAT=1.0,TINGGI=0.9`."""
    gates = {}
    for part in text.split(","):
        level, equals, fraction = part.partition("=")
        if not equals or level.strip().upper() not in Urgency.__members__:
            names = ", ".join(LEVELS)
            raise ValueError(f"{part.strip()!r} is not LEVEL=FRACTION (LEVEL one of {names})")
        gates[Urgency[level.strip().upper()]] = parse_fraction(fraction)
    return gates
