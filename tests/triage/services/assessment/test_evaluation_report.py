"""What `triage evaluate` prints for a corpus: figures, gates, misses, bad lines."""

from __future__ import annotations

import json
from fractions import Fraction

from triage.domain.model import Urgency
from triage.domain.scoring.evaluation import Gates, check_gates, evaluate
from triage.services.assessment.evaluate import BadLine, CorpusEvaluation, Miss
from triage.services.assessment.evaluation_report import corpus_json, corpus_text

D, T, S, R = Urgency.DARURAT, Urgency.TINGGI, Urgency.SEDANG, Urgency.RENDAH
REASON = ("text_sexual_violence", 'Teks menyebut kekerasan seksual ("dicabuli")')
MISS = Miss(
    "dev-0002", D, T, 45, (REASON,),
    "sexual abuse, abuser in the same house", "keponakan saya dicabuli ayah tirinya…",
)  # fmt: skip
RESULT = CorpusEvaluation(
    "2026.1",
    evaluate([(D, D), (D, T), (S, S), (R, R)]),
    (MISS,),
    (BadLine("dev.jsonl", 7, "dev-0007", "expected must be one of DARURAT, …"),),
)
GATES = check_gates(RESULT.evaluation, Gates({D: Fraction(1)}, Fraction(1, 4)))


def test_the_text_shows_matrix_figures_gates_misses_and_bad_lines() -> None:
    text = list(corpus_text(RESULT, GATES))
    assert text[0] == "rules 2026.1: 4 reports (1 bad line not counted, listed at the end)"
    assert text[1] == "confusion matrix (rows expected, columns got):"
    assert text[2].split() == ["expected", "DARURAT", "TINGGI", "SEDANG", "RENDAH", "total"]
    assert [row.split() for row in text[3:7]] == [
        ["DARURAT", "1", "1", "0", "0", "2"],
        ["TINGGI", "0", "0", "0", "0", "0"],
        ["SEDANG", "0", "0", "1", "0", "1"],
        ["RENDAH", "0", "0", "0", "1", "1"],
    ]
    assert text[8].split() == ["DARURAT", "1/2", "50.0%"]
    assert text[9].split() == ["TINGGI", "0/0", "n/a"]
    assert text[12].split() == ["exact", "accuracy", "3/4", "75.0%"]
    assert text[13].split()[:3] == ["under-triage", "1/4", "25.0%"]
    assert text[14].split()[:3] == ["over-triage", "0/4", "0.0%"]
    assert text[15:18] == [
        "gates:",
        "  FAIL recall DARURAT        1/2   50.0%, must be at least 100.0%",
        "  ok   under-triage          1/4   25.0%, must be at most 25.0%",
    ]
    assert text[18:] == [
        "misses (1):",
        "  dev-0002: expected DARURAT, got TINGGI (score 45, under-triage)",
        '    reasons: text_sexual_violence (Teks menyebut kekerasan seksual ("dicabuli"))',
        "    rationale: sexual abuse, abuser in the same house",
        "    description, first 80 characters: keponakan saya dicabuli ayah tirinya…",
        "bad lines (1), not counted above:",
        "  dev.jsonl line 7 (id dev-0007): expected must be one of DARURAT, …",
    ]


def test_without_gates_or_bad_lines_neither_section_is_printed() -> None:
    clean = CorpusEvaluation("2026.1", evaluate([(D, D)]), (), ())
    text = list(corpus_text(clean, []))
    assert text[0] == "rules 2026.1: 1 report"
    assert text[-1] == "misses (0):"
    assert not any(line.startswith(("gates", "bad lines")) for line in text)


def test_the_json_holds_the_same() -> None:
    data = json.loads(json.dumps(corpus_json(RESULT, GATES)))
    assert data["rules_version"] == "2026.1" and data["total"] == 4
    assert data["matrix"]["DARURAT"] == {"DARURAT": 1, "TINGGI": 1, "SEDANG": 0, "RENDAH": 0}
    assert data["recall"]["DARURAT"] == {"count": 1, "total": 2, "rate": 0.5}
    assert data["recall"]["TINGGI"] == {"count": 0, "total": 0, "rate": None}
    assert data["accuracy"] == {"count": 3, "total": 4, "rate": 0.75}
    assert data["under_triage"]["rate"] == 0.25 and data["over_triage"]["rate"] == 0.0
    assert data["gates"] == [
        {"gate": "recall DARURAT", "limit": 1.0, "count": 1, "total": 2, "rate": 0.5,
         "passed": False},
        {"gate": "under-triage", "limit": 0.25, "count": 1, "total": 4, "rate": 0.25,
         "passed": True},
    ]  # fmt: skip
    assert data["misses"] == [
        {
            "id": "dev-0002", "expected": "DARURAT", "got": "TINGGI", "score": 45,
            "reasons": [{"code": "text_sexual_violence", "text": MISS.reasons[0][1]}],
            "rationale": MISS.rationale, "description_start": MISS.excerpt,
        }
    ]  # fmt: skip
    assert data["bad_lines"] == [
        {"source": "dev.jsonl", "line": 7, "id": "dev-0007", "error": RESULT.bad_lines[0].error}
    ]
