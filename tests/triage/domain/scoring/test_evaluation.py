"""Triage against labels: the matrix and the figures from it, the gates, and their parsing."""

from __future__ import annotations

from fractions import Fraction as F

import pytest

from triage.domain.model import Urgency
from triage.domain.scoring.evaluation import (
    Evaluation,
    Gates,
    Rate,
    check_gates,
    evaluate,
    parse_fraction,
    parse_recall_gates,
)

D, T, S, R = Urgency.DARURAT, Urgency.TINGGI, Urgency.SEDANG, Urgency.RENDAH

# (expected, got) pairs: 4 DARURAT (one got TINGGI), 2 TINGGI (one got DARURAT),
# 3 SEDANG (one got RENDAH), 1 RENDAH.
PAIRS = [(D, D), (D, D), (D, D), (D, T), (T, T), (T, D), (S, S), (S, S), (S, R), (R, R)]
MIXED = evaluate(PAIRS)


def test_the_matrix_counts_each_expected_and_got_pair() -> None:
    assert MIXED.total == 10
    assert [[MIXED.count(e, g) for g in Urgency] for e in Urgency] == [
        [3, 1, 0, 0],
        [1, 1, 0, 0],
        [0, 0, 2, 1],
        [0, 0, 0, 1],
    ]
    assert [MIXED.expected_total(level) for level in Urgency] == [4, 2, 3, 1]


@pytest.mark.parametrize(
    ("pairs", "recall", "accuracy", "under", "over"),
    [
        (PAIRS, {D: (3, 4), T: (1, 2), S: (2, 3), R: (1, 1)}, (7, 10), (2, 10), (1, 10)),
        ([], dict.fromkeys(Urgency, (0, 0)), (0, 0), (0, 0), (0, 0)),
        ([(D, D)] * 5, {D: (5, 5), T: (0, 0), S: (0, 0), R: (0, 0)}, (5, 5), (0, 5), (0, 5)),
        # every step down is under-triage, however far; every step up over-triage
        ([(D, R), (T, S), (R, D)], {D: (0, 1), T: (0, 1), S: (0, 0), R: (0, 1)},
         (0, 3), (2, 3), (1, 3)),
        ([(S, T), (R, S), (R, R)], {D: (0, 0), T: (0, 0), S: (0, 1), R: (1, 2)},
         (1, 3), (0, 3), (2, 3)),
    ],
)  # fmt: skip
def test_recall_accuracy_under_and_over_triage(
    pairs: list[tuple[Urgency, Urgency]],
    recall: dict[Urgency, tuple[int, int]],
    accuracy: tuple[int, int],
    under: tuple[int, int],
    over: tuple[int, int],
) -> None:
    evaluation = evaluate(pairs)
    assert {level: evaluation.recall(level) for level in Urgency} == {
        level: Rate(*counts) for level, counts in recall.items()
    }
    assert evaluation.accuracy == Rate(*accuracy)
    assert evaluation.under_triage == Rate(*under)
    assert evaluation.over_triage == Rate(*over)


@pytest.mark.parametrize(
    ("rate", "value"),
    [(Rate(3, 4), F(3, 4)), (Rate(0, 5), F(0)), (Rate(5, 5), F(1)), (Rate(0, 0), None)],
)
def test_a_rate_is_exact_and_none_when_nothing_was_measured(rate: Rate, value: F | None) -> None:
    assert rate.value == value


@pytest.mark.parametrize(
    ("evaluation", "gates", "verdicts"),
    [
        (MIXED, Gates({D: F(1)}), [("recall DARURAT", False)]),
        (MIXED, Gates({D: F(3, 4)}), [("recall DARURAT", True)]),  # the limit itself passes
        (MIXED, Gates({R: F(1), D: F(1, 2)}), [("recall DARURAT", True), ("recall RENDAH", True)]),
        (MIXED, Gates({}, F(2, 10)), [("under-triage", True)]),  # at most the limit
        (MIXED, Gates({}, F("0.03")), [("under-triage", False)]),
        (MIXED, Gates({S: F("0.67")}, F(1)), [("recall SEDANG", False), ("under-triage", True)]),
        (MIXED, Gates({}), []),
        # nothing to measure: a gate cannot pass on no reports
        (evaluate([(T, T)]), Gates({D: F(0)}), [("recall DARURAT", False)]),
        (evaluate([]), Gates({}, F(1)), [("under-triage", False)]),
    ],
)
def test_gates(evaluation: Evaluation, gates: Gates, verdicts: list[tuple[str, bool]]) -> None:
    results = check_gates(evaluation, gates)
    assert [(r.name, r.passed) for r in results] == verdicts


def test_a_gate_result_carries_its_limit_and_measured_rate() -> None:
    recall, under = check_gates(MIXED, Gates({T: F("0.9")}, F(1, 5)))
    assert (recall.limit, recall.rate, recall.upper) == (F(9, 10), Rate(1, 2), False)
    assert (under.limit, under.rate, under.upper) == (F(1, 5), Rate(2, 10), True)


@pytest.mark.parametrize(
    ("text", "value"),
    [("1.0", F(1)), ("1", F(1)), ("0.03", F(3, 100)), ("3/100", F(3, 100)), (" 0 ", F(0))],
)
def test_parse_fraction(text: str, value: F) -> None:
    assert parse_fraction(text) == value


@pytest.mark.parametrize("text", ["", "abc", "1.5", "-0.1", "1/0", "5%"])
def test_parse_fraction_refuses_what_is_not_a_rate(text: str) -> None:
    with pytest.raises(ValueError, match="fraction from 0 to 1"):
        parse_fraction(text)


@pytest.mark.parametrize(
    ("text", "gates"),
    [
        ("DARURAT=1.0", {D: F(1)}),
        ("darurat=1", {D: F(1)}),
        ("DARURAT=1.0,TINGGI=0.9", {D: F(1), T: F(9, 10)}),
        ("TINGGI=0.5, TINGGI=0.8", {T: F(4, 5)}),  # the last one counts
    ],
)
def test_parse_recall_gates(text: str, gates: dict[Urgency, F]) -> None:
    assert parse_recall_gates(text) == gates


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("DARURAT", "LEVEL=FRACTION"),
        ("URGENT=1", "LEVEL=FRACTION"),
        ("=1", "LEVEL=FRACTION"),
        ("DARURAT=2", "fraction from 0 to 1"),
        ("DARURAT=1,", "LEVEL=FRACTION"),
    ],
)
def test_parse_recall_gates_names_the_problem(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_recall_gates(text)
