"""The triage corpus (tests/data/triage/) measured under the default rules, for tests.

Once `dev.jsonl` and `holdout.jsonl` exist, a test is one line, e.g.
`assert evaluate_corpus(CORPUS / "holdout.jsonl").recall(Urgency.DARURAT) == Rate(n, n)`.
"""

from __future__ import annotations

from pathlib import Path

from tests.support.deps import default_rules, real_regions
from triage.domain.rules.model import Rules
from triage.domain.scoring.evaluation import Evaluation
from triage.services.assessment.evaluate import CorpusEvaluation
from triage.services.assessment.evaluate import evaluate_corpus as _evaluate

CORPUS = Path(__file__).resolve().parents[1] / "data" / "triage"


def corpus_result(path: Path, rules: Rules | None = None) -> CorpusEvaluation:
    """The whole result (figures, misses, bad lines) of one corpus file."""
    with path.open(encoding="utf-8") as lines:
        return _evaluate([(path.name, lines)], rules or default_rules(), real_regions())


def evaluate_corpus(path: Path, rules: Rules | None = None) -> Evaluation:
    """The figures of one corpus file; a bad line fails the test, naming line, id and error."""
    result = corpus_result(path, rules)
    bad = [f"{b.source} line {b.line} (id {b.id}): {b.error}" for b in result.bad_lines]
    assert not bad, "unreadable corpus lines:\n" + "\n".join(bad)
    return result.evaluation


def misses(path: Path, rules: Rules | None = None) -> str:
    """The misses as `id: expected -> got (codes)`, one a line: a failing test's message."""
    return "\n".join(
        f"{m.id}: {m.expected.value} -> {m.got.value} ({', '.join(c for c, _ in m.reasons)})"
        for m in corpus_result(path, rules).misses
    )
