"""The corpus helper (tests/triage/corpus.py) on a corpus written here."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.triage.corpus import CORPUS, evaluate_corpus, misses
from triage.domain.model import Urgency
from triage.domain.scoring.evaluation import Rate


def write(path: Path, *lines: str) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def case(report_id: str, expected: str, danger: bool) -> str:
    report = {"categories": ["lainnya"], "immediate_danger": "yes" if danger else "no"}
    return json.dumps({"id": report_id, "expected": expected, "rationale": "r", "input": report})


def test_the_corpus_folder_is_where_its_readme_is() -> None:
    assert (CORPUS / "README.md").is_file()


def test_a_corpus_gives_its_figures_and_misses(tmp_path: Path) -> None:
    corpus = write(
        tmp_path / "dev.jsonl",
        case("d-1", "DARURAT", danger=True),
        case("d-2", "DARURAT", danger=False),
        case("r-1", "RENDAH", danger=False),
    )
    evaluation = evaluate_corpus(corpus)
    assert evaluation.recall(Urgency.DARURAT) == Rate(1, 2)
    assert evaluation.under_triage == Rate(1, 3)
    assert misses(corpus) == "d-2: DARURAT -> RENDAH (category_lainnya)"


def test_a_bad_line_fails_with_its_line_and_id(tmp_path: Path) -> None:
    corpus = write(tmp_path / "dev.jsonl", case("d-1", "DARURAT", True), case("d-1", "X", True))
    with pytest.raises(AssertionError, match=r"dev.jsonl line 2 \(id d-1\): duplicate id"):
        evaluate_corpus(corpus)
