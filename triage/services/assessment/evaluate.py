"""Body of `triage evaluate FILE.jsonl …`: a labelled corpus assessed and measured.

A corpus line is `{"id", "expected", "rationale", "input"}` (tests/data/triage/README.md), the
input in the format of `triage assess`. A bad line is reported by its source, line number and
id, never with its description. A miss carries at most the first `EXCERPT_CHARS` characters
of the description: the corpus is written by the team and describes no real child.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from triage.domain.model import ReportFacts, Urgency
from triage.domain.rules.model import Rules
from triage.domain.scoring.assess import assess
from triage.domain.scoring.evaluation import Evaluation, evaluate
from triage.domain.scoring.reasons import reason_text
from triage.services.assessment.batch import line_error, read_json_lines
from triage.services.assessment.input import InputError, RegionResolver, parse_report

EXCERPT_CHARS = 80
_FIELDS = frozenset({"id", "expected", "rationale", "input"})
_LEVELS = ", ".join(Urgency)


@dataclass(frozen=True, slots=True)
class Miss:
    """A corpus report whose assessed level differs from its label."""

    id: str | int
    expected: Urgency
    got: Urgency
    score: int
    reasons: tuple[tuple[str, str], ...]  # (code, plain words in the chosen language)
    rationale: str
    excerpt: str  # the description's first EXCERPT_CHARS characters, on one line


@dataclass(frozen=True, slots=True)
class BadLine:
    """A line that could not be read: where it is, its id if known, and what is wrong."""

    source: str
    line: int
    id: str | int | None
    error: str


@dataclass(frozen=True, slots=True)
class CorpusEvaluation:
    rules_version: str
    evaluation: Evaluation
    misses: tuple[Miss, ...]
    bad_lines: tuple[BadLine, ...]


@dataclass(frozen=True, slots=True)
class _Case:
    id: str | int
    expected: Urgency
    rationale: str
    input: Mapping[str, Any]


def evaluate_corpus(
    sources: Sequence[tuple[str, Iterable[str]]],
    rules: Rules,
    resolver: RegionResolver,
    lang: str = "id",
) -> CorpusEvaluation:
    """Every line of every (source name, lines) assessed under `rules` and compared."""
    pairs: list[tuple[Urgency, Urgency]] = []
    misses: list[Miss] = []
    bad: list[BadLine] = []
    seen: set[str] = set()
    for source, lines in sources:
        for number, data, error in read_json_lines(lines):
            try:
                if error is not None:
                    raise InputError(error["error"])
                case = _case(data, seen)
                facts = _facts(case, resolver)
            except InputError as problem:
                found = line_error(number, data, str(problem))
                known = found.get("id") if found.get("id") != "" else None
                bad.append(BadLine(source, number, known, found["error"]))
                continue
            got, miss = _judge(case, facts, rules, lang)
            pairs.append((case.expected, got))
            misses.extend([miss] if miss else [])
    return CorpusEvaluation(rules.version, evaluate(pairs), tuple(misses), tuple(bad))


def _judge(case: _Case, facts: ReportFacts, rules: Rules, lang: str) -> tuple[Urgency, Miss | None]:
    """The level the rules give, and the miss when it is not the label."""
    assessment = assess(facts, rules)
    if assessment.urgency is case.expected:
        return assessment.urgency, None
    reasons = tuple((r.code, reason_text(r, lang)) for r in assessment.reasons)
    miss = Miss(
        case.id, case.expected, assessment.urgency, assessment.score,
        reasons, case.rationale, excerpt(facts.description),
    )  # fmt: skip
    return assessment.urgency, miss


def _facts(case: _Case, resolver: RegionResolver) -> ReportFacts:
    try:
        return parse_report(case.input, resolver)[0]
    except InputError as problem:
        raise InputError(f"input: {problem}") from None


def excerpt(description: str) -> str:
    """The description's first EXCERPT_CHARS characters, white space folded to one line."""
    flat = " ".join(description.split())
    return flat if len(flat) <= EXCERPT_CHARS else flat[: EXCERPT_CHARS - 1].rstrip() + "…"


def _case(data: Mapping[str, Any], seen: set[str]) -> _Case:
    """One corpus object checked; its input gets the line's id. Errors never quote text."""
    if unknown := sorted(set(data) - _FIELDS):
        raise InputError(f"unknown field(s): {', '.join(unknown)}"[:120])
    report_id, report = data.get("id"), data.get("input")
    expected, rationale = data.get("expected"), data.get("rationale")
    if isinstance(report_id, bool) or not isinstance(report_id, str | int) or report_id == "":
        raise InputError("id is required: a non-empty string or an integer")
    if str(report_id) in seen:
        raise InputError("duplicate id: an earlier line has it")
    seen.add(str(report_id))
    if not isinstance(expected, str) or expected not in Urgency.__members__:
        raise InputError(f"expected must be one of {_LEVELS}")
    if not isinstance(rationale, str) or not rationale.strip():
        raise InputError("rationale is required: one line naming the guideline's rule")
    if not isinstance(report, dict):
        raise InputError("input must be a JSON object (the input of triage assess)")
    if report.get("id", report_id) != report_id:
        raise InputError("input.id differs from id; leave it out")
    return _Case(report_id, Urgency(expected), rationale.strip(), {**report, "id": report_id})
