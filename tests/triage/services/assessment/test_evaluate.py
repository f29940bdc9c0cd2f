"""`triage evaluate` over a corpus: labels against assessments, misses, and bad lines.

The reports lean on rules the guideline fixes (danger now is DARURAT; nothing described is
RENDAH), so these tests do not move when the rules file is tuned.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.triage.services.assessment.test_batch import RULES, FakeRegions
from triage.domain.model import Urgency
from triage.domain.scoring.evaluation import Rate
from triage.services.assessment.evaluate import (
    EXCERPT_CHARS,
    BadLine,
    CorpusEvaluation,
    evaluate_corpus,
    excerpt,
)

SECRET = "cerita rahasia"  # stands for a story: it must never appear in an error
DANGER = {"immediate_danger": "yes"}
NOTHING: dict[str, Any] = {"categories": ["lainnya"]}


def line(report_id: object, expected: str, report: dict[str, Any], **extra: Any) -> str:
    data = {"id": report_id, "expected": expected, "rationale": "rule", "input": report, **extra}
    return json.dumps(data)


def run(*sources: list[str], lang: str = "id") -> CorpusEvaluation:
    named = [(f"part{n}.jsonl", lines) for n, lines in enumerate(sources, 1)]
    return evaluate_corpus(named, RULES, FakeRegions(), lang)


def test_hits_and_misses_make_the_figures() -> None:
    result = run(
        [
            line("d-1", "DARURAT", DANGER),
            line("d-2", "DARURAT", NOTHING),  # missed: under-triage
            line("r-1", "RENDAH", NOTHING),
            line(4, "RENDAH", {**DANGER, "description": "kata " * 40}),  # over-triage
        ]
    )
    assert result.rules_version == RULES.version and result.bad_lines == ()
    evaluation = result.evaluation
    assert evaluation.total == 4
    assert (evaluation.count(Urgency.DARURAT, Urgency.RENDAH), evaluation.accuracy) == (
        1,
        Rate(2, 4),
    )
    assert evaluation.recall(Urgency.DARURAT) == Rate(1, 2)
    assert (evaluation.under_triage, evaluation.over_triage) == (Rate(1, 4), Rate(1, 4))
    under, over = result.misses
    assert (under.id, under.expected, under.got, under.rationale) == (
        "d-2", Urgency.DARURAT, Urgency.RENDAH, "rule",
    )  # fmt: skip
    assert under.reasons == (("category_lainnya", "Dilaporkan: masalah lain"),)
    assert (over.id, over.expected, over.got) == (4, Urgency.RENDAH, Urgency.DARURAT)
    assert over.reasons[0] == ("immediate_danger", "Anak dalam bahaya saat ini")
    assert len(over.excerpt) == EXCERPT_CHARS and over.excerpt.endswith("…")


def test_reason_texts_follow_the_language() -> None:
    [miss] = run([line("d-2", "DARURAT", NOTHING)], lang="en").misses
    assert miss.reasons == (("category_lainnya", "Reported: other concern"),)


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("", ""),
        ("anak\ndipukul\t lagi ", "anak dipukul lagi"),
        ("a" * EXCERPT_CHARS, "a" * EXCERPT_CHARS),
        ("a" * (EXCERPT_CHARS + 1), "a" * (EXCERPT_CHARS - 1) + "…"),
    ],
)
def test_an_excerpt_is_one_line_and_at_most_the_first_characters(text: str, shown: str) -> None:
    assert excerpt(text) == shown


def test_bad_lines_are_reported_by_source_line_and_id_and_not_counted() -> None:
    story = {"description": SECRET}
    first = [
        line("a", "DARURAT", DANGER),
        "",
        "not json",
        "[1, 2]",
        line("b", "URGENT", story),
        line("c", "DARURAT", {**story, "child_age": "tujuh"}),
        line("d", "DARURAT", {**story, "injured": "ya"}, note="x"),
        line("a", "RENDAH", NOTHING),
        line("e", "TINGGI", [SECRET]),  # type: ignore[arg-type]
        line("f", "TINGGI", {**story, "id": "g"}),
        line("", "TINGGI", story),
        line("h", "TINGGI", story, rationale=" "),
        line("i", "TINGGI", {**story, "colour": "red"}),
    ]
    second = [line("a", "TINGGI", story), line("j", "RENDAH", NOTHING)]
    result = run(first, second)
    assert result.evaluation.total == 2  # "a" and "j"
    assert [(b.source, b.line, b.id) for b in result.bad_lines] == [
        ("part1.jsonl", 3, None), ("part1.jsonl", 4, None), ("part1.jsonl", 5, "b"),
        ("part1.jsonl", 6, "c"), ("part1.jsonl", 7, "d"), ("part1.jsonl", 8, "a"),
        ("part1.jsonl", 9, "e"), ("part1.jsonl", 10, "f"), ("part1.jsonl", 11, None),
        ("part1.jsonl", 12, "h"), ("part1.jsonl", 13, "i"), ("part2.jsonl", 1, "a"),
    ]  # fmt: skip
    errors = [b.error for b in result.bad_lines]
    expected = [
        "not valid JSON", "a line must be a JSON object", "expected must be one of DARURAT",
        "input: child_age must be", "unknown field(s): note", "duplicate id",
        "input must be a JSON object", "input.id differs", "id is required",
        "rationale is required", "input: unknown field(s): colour", "duplicate id",
    ]  # fmt: skip
    assert all(e.startswith(want) for e, want in zip(errors, expected, strict=True)), errors
    assert not any(SECRET in e for e in errors)


def test_an_empty_corpus_measures_nothing() -> None:
    result = run([], ["", "  "])
    assert result.evaluation.total == 0
    assert (result.misses, result.bad_lines) == ((), ())
    assert result.evaluation.accuracy.value is None


def test_a_bad_line_is_a_plain_record() -> None:
    [bad] = run(["{"]).bad_lines
    assert bad == BadLine("part1.jsonl", 1, None, bad.error)
    assert bad.error.startswith("not valid JSON")
