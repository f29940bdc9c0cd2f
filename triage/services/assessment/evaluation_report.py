"""What `triage evaluate` prints: the figures, gates, misses and bad lines, as text or JSON.

Output for developers, in English like `triage assess`'s JSON. For overridden cases only
references, levels and reason codes are printed; a corpus miss shows at most the first
characters of its invented description (`evaluate.EXCERPT_CHARS`).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from fractions import Fraction
from typing import Any

from triage.domain.scoring.evaluation import LEVELS, Evaluation, GateResult, Rate
from triage.services.assessment.evaluate import EXCERPT_CHARS, CorpusEvaluation, Miss
from triage.services.assessment.overrides import OverriddenCase, OverrideEvaluation

Output = dict[str, Any]


def corpus_json(result: CorpusEvaluation, gates: Sequence[GateResult]) -> Output:
    misses = [_miss_json(miss) for miss in result.misses]
    bad = [
        {"source": b.source, "line": b.line, "id": b.id, "error": b.error} for b in result.bad_lines
    ]
    return {
        **_figures_json(result.rules_version, result.evaluation, gates),
        "misses": misses,
        "bad_lines": bad,
    }


def overrides_json(result: OverrideEvaluation, gates: Sequence[GateResult]) -> Output:
    cases = [
        {
            "reference": c.reference, "original": c.original.value, "override": c.override.value,
            "got": c.got.value, "score": c.score, "codes": list(c.codes), "missed": c.missed,
        }
        for c in result.cases
    ]  # fmt: skip
    return {**_figures_json(result.rules_version, result.evaluation, gates), "cases": cases}


def corpus_text(result: CorpusEvaluation, gates: Sequence[GateResult]) -> Iterator[str]:
    bad = len(result.bad_lines)
    unread = f" ({_many(bad, 'bad line')} not counted, listed at the end)" if bad else ""
    yield from _figures_text(result.rules_version, result.evaluation, gates, "report", unread)
    yield f"misses ({len(result.misses)}):"
    for miss in result.misses:
        yield from _miss_text(miss)
    if bad:
        yield f"bad lines ({bad}), not counted above:"
    for line in result.bad_lines:
        known = "" if line.id is None else f" (id {line.id})"
        yield f"  {line.source} line {line.line}{known}: {line.error}"


def overrides_text(result: OverrideEvaluation, gates: Sequence[GateResult]) -> Iterator[str]:
    yield from _figures_text(result.rules_version, result.evaluation, gates, "overridden case")
    yield f"cases ({len(result.cases)}; label = the last override):"
    yield f"       {'reference':<14} {'original':<8} {'override':<8} {'got':<8} score  codes"
    for case in result.cases:
        yield _case_text(case)


def _figures_json(version: str, evaluation: Evaluation, gates: Sequence[GateResult]) -> Output:
    matrix = {e.value: {g.value: evaluation.count(e, g) for g in LEVELS} for e in LEVELS}
    return {
        "rules_version": version,
        "total": evaluation.total,
        "matrix": matrix,  # rows expected, columns got
        "recall": {level.value: _rate_json(evaluation.recall(level)) for level in LEVELS},
        "accuracy": _rate_json(evaluation.accuracy),
        "under_triage": _rate_json(evaluation.under_triage),
        "over_triage": _rate_json(evaluation.over_triage),
        "gates": [
            {"gate": g.name, "limit": float(g.limit), **_rate_json(g.rate), "passed": g.passed}
            for g in gates
        ],
    }


def _rate_json(rate: Rate) -> Output:
    value = None if rate.value is None else round(float(rate.value), 4)
    return {"count": rate.count, "total": rate.total, "rate": value}


def _miss_json(miss: Miss) -> Output:
    return {
        "id": miss.id, "expected": miss.expected.value, "got": miss.got.value,
        "score": miss.score, "reasons": [{"code": c, "text": t} for c, t in miss.reasons],
        "rationale": miss.rationale, "description_start": miss.excerpt,
    }  # fmt: skip


def _figures_text(
    version: str, evaluation: Evaluation, gates: Sequence[GateResult], noun: str, note: str = ""
) -> Iterator[str]:
    yield f"rules {version}: {_many(evaluation.total, noun)}{note}"
    yield "confusion matrix (rows expected, columns got):"
    yield "  " + f"{'expected':<9}" + "".join(f"{g.value:>9}" for g in LEVELS) + f"{'total':>9}"
    for e in LEVELS:
        counts = "".join(f"{evaluation.count(e, g):>9}" for g in LEVELS)
        yield f"  {e.value:<9}{counts}{evaluation.expected_total(e):>9}"
    yield "recall (got exactly the expected level):"
    for level in LEVELS:
        yield f"  {level.value:<16}{_rate_text(evaluation.recall(level))}"
    yield f"exact accuracy    {_rate_text(evaluation.accuracy)}"
    yield f"under-triage      {_rate_text(evaluation.under_triage)}  (less urgent than expected)"
    yield f"over-triage       {_rate_text(evaluation.over_triage)}  (more urgent than expected)"
    yield from _gates_text(gates)


def _gates_text(gates: Sequence[GateResult]) -> Iterator[str]:
    if gates:
        yield "gates:"
    for gate in gates:
        verdict = "ok  " if gate.passed else "FAIL"
        limit = f"{'at most' if gate.upper else 'at least'} {_percent(gate.limit)}"
        yield f"  {verdict} {gate.name:<16}{_rate_text(gate.rate)}, must be {limit}"


def _many(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def _rate_text(rate: Rate) -> str:
    shown = "n/a" if rate.value is None else _percent(rate.value)
    return f"{f'{rate.count}/{rate.total}':>9} {shown:>7}"


def _percent(value: Fraction) -> str:
    return f"{float(value) * 100:.1f}%"


def _miss_text(miss: Miss) -> Iterator[str]:
    direction = "under-triage" if miss.got.rank < miss.expected.rank else "over-triage"
    yield (
        f"  {miss.id}: expected {miss.expected.value}, got {miss.got.value}"
        f" (score {miss.score}, {direction})"
    )
    reasons = "; ".join(f"{code} ({text})" for code, text in miss.reasons) or "none"
    yield f"    reasons: {reasons}"
    yield f"    rationale: {miss.rationale}"
    yield f"    description, first {EXCERPT_CHARS} characters: {miss.excerpt}"


def _case_text(case: OverriddenCase) -> str:
    mark = "miss" if case.missed else "ok  "
    codes = ", ".join(case.codes) or "none"
    return (
        f"  {mark} {case.reference:<14} {case.original.value:<8} {case.override.value:<8}"
        f" {case.got.value:<8} {case.score:>5}  {codes}"
    )
