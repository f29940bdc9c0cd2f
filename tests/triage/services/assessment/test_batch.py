"""`triage assess` / `triage compare` bodies: JSON lines in, one JSON line out per line."""

from __future__ import annotations

import io
import json
from dataclasses import replace
from typing import Any

import pytest

from triage.domain.model import Urgency
from triage.services.assessment.batch import assess_lines, run_assess, run_compare
from triage.storage.rules_source import load_default_rules

RULES = load_default_rules()


class FakeRegions:
    """Two kabupaten/kota, found by code, by a name as typed, or by a point."""

    def by_code(self, code: str) -> tuple[str, str] | None:
        return {"31.71": ("31.71", "Kota Jakarta Pusat"), "33.74": ("33.74", "Kota Semarang")}.get(
            code
        )

    def by_text(self, text: str) -> tuple[str, str] | None:
        return ("33.74", "Kota Semarang") if "semarang" in text.lower() else None

    def by_point(self, lat: float, lng: float) -> tuple[str, str] | None:
        return ("31.71", "Kota Jakarta Pusat") if abs(lat + 6.18) < 0.1 else None


GOOD = {
    "id": "r-1",
    "categories": ["kekerasan_fisik"],
    "child_age": 7,
    "children_count": 1,
    "immediate_danger": "no",
    "perpetrator_access": "yes",
    "injured": "yes",
    "repeated": "unknown",
    "disability": False,
    "description": "anak tetangga sering dipukulin bapaknya",
    "region_code": "31.71",
    "reported_at": "2026-03-01T08:30:00+07:00",
}


def run(lines: list[str], lang: str = "id") -> tuple[int, list[dict[str, Any]]]:
    out = io.StringIO()
    status = run_assess(io.StringIO("\n".join(lines) + "\n"), out, RULES, FakeRegions(), lang)
    return status, [json.loads(line) for line in out.getvalue().splitlines()]


def test_a_good_line_and_a_bad_line() -> None:
    status, outputs = run([json.dumps(GOOD), "{not json"])
    assert status == 1
    good, bad = outputs
    assert good == {
        "id": "r-1",
        # guideline, TINGGI: "Physical violence that left injuries that are not grave ...,
        # or that is repeated, by someone who still has access"
        "urgency": "TINGGI",
        "score": 55,
        "reasons": [
            {"code": "injured", "text": "Anak terluka dan perlu perawatan"},
            {"code": "category_kekerasan_fisik", "text": "Dilaporkan: kekerasan fisik"},
            {"code": "perpetrator_access", "text": "Pelaku bisa menemui anak dalam sehari ini"},
            {"code": "repeated_from_story", "text": 'Dari cerita: kejadian berulang ("sering")'},
            {
                "code": "text_physical_violence",
                "text": 'Teks menyebut kekerasan fisik ("dipukulin")',
            },
        ],
        "region_code": "31.71",
        "region_name": "Kota Jakarta Pusat",
        "rules_version": RULES.version,
    }
    assert bad["line"] == 2
    assert "not valid JSON" in bad["error"]
    assert "id" not in bad


def test_all_good_lines_exit_zero_and_blank_lines_are_skipped() -> None:
    status, outputs = run([json.dumps({"id": 1}), "", json.dumps({"id": 2})])
    assert status == 0
    assert [(o["id"], o["urgency"], o["region_code"]) for o in outputs] == [
        (1, "RENDAH", None),
        (2, "RENDAH", None),
    ]


def test_reason_texts_in_english() -> None:
    _, [output] = run([json.dumps({"id": "x", "description": "dia bilang mau bundir"})], "en")
    assert output["reasons"] == [
        {
            "code": "text_suicide_self_harm",
            "text": 'The description mentions suicide or self-harm ("bundir")',
        }
    ]


@pytest.mark.parametrize(
    ("place", "code"),
    [
        ({"region_text": "kota semarang"}, "33.74"),
        ({"latitude": -6.18, "longitude": 106.83}, "31.71"),
        ({"region_code": "99.99", "region_text": "Semarang"}, "33.74"),  # falls through
        ({"region_text": "Atlantis"}, None),
    ],
)
def test_the_place_is_resolved_by_code_text_or_point(place: dict[str, object], code: str) -> None:
    _, [output] = run([json.dumps({"id": "p", **place})])
    assert output["region_code"] == code


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"categories": ["kekerasan"]}, "unknown category 'kekerasan'"),
        ({"categories": "kekerasan_fisik"}, "categories must be a list"),
        ({"child_age": "7"}, "child_age must be a whole number"),
        ({"child_age": True}, "child_age must be a whole number"),
        ({"child_age": 30}, "child_age must be a whole number from 0 to 17"),
        ({"injured": "ya"}, 'injured must be "yes", "no", "unknown" or null'),
        ({"disability": "no"}, "disability must be true, false or null"),
        ({"reported_at": "kemarin"}, "reported_at must be an ISO 8601"),
        ({"reported_at": "2026-03-01T08:30:00"}, "with a time zone"),
        ({"latitude": -6.2}, "latitude and longitude must both be given"),
        ({"descripton": "typo"}, "unknown field(s): descripton"),
    ],
)
def test_bad_fields_name_the_field_and_keep_the_id(fields: dict[str, object], message: str) -> None:
    [(output, error)] = list(
        assess_lines([json.dumps({"id": "r-9", **fields})], RULES, FakeRegions())
    )
    assert output is None
    assert error is not None
    assert (error["line"], error["id"]) == (1, "r-9")
    assert message in error["error"]


def test_an_error_never_echoes_the_description() -> None:
    line = json.dumps({"id": "r", "description": "rahasia pelapor", "child_age": -1})
    [(_, error)] = list(assess_lines([line], RULES, FakeRegions()))
    assert error is not None
    assert "rahasia" not in json.dumps(error)


@pytest.mark.parametrize(
    "line", ['["a list"]', json.dumps({"categories": []}), json.dumps({"id": True})]
)
def test_a_line_without_a_usable_id_is_an_error_without_id(line: str) -> None:
    [(_, error)] = list(assess_lines([line], RULES, FakeRegions()))
    assert error is not None
    assert error["line"] == 1
    assert "id" not in error


def test_compare_summarises_moves_and_reports_bad_lines() -> None:
    stricter = replace(
        RULES,
        version="strict",
        scoring=replace(
            RULES.scoring,
            floors={**RULES.scoring.floors, "category_kekerasan_psikis": Urgency.DARURAT},
        ),
    )
    lines = [
        json.dumps({"id": "a", "categories": ["kekerasan_psikis"]}),
        json.dumps({"id": "b", "categories": ["kekerasan_fisik"]}),
        json.dumps({"id": "c", "child_age": "x"}),
    ]
    out = io.StringIO()
    status = run_compare(io.StringIO("\n".join(lines)), out, RULES, stricter, FakeRegions())
    error, summary = (json.loads(line) for line in out.getvalue().splitlines())
    assert status == 1
    assert error["id"] == "c"
    assert summary == {
        "old_version": RULES.version,
        "new_version": "strict",
        "total": 2,
        "moved_up": 1,
        "moved_down": 0,
        "unchanged": 1,
        # guideline, SEDANG: "Psychological violence and bullying without injury"
        "up": [{"id": "a", "old": "SEDANG", "new": "DARURAT"}],
        "down": [],
    }
