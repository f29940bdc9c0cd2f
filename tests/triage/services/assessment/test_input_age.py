"""The child's age in a `triage assess` input line: `child_age` exact, or `age_band` "6-12"."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.triage.services.assessment.test_batch import RULES, FakeRegions, run
from triage.domain.age import ChildAge
from triage.services.assessment.batch import assess_lines
from triage.services.assessment.input import InputError, parse_report


@pytest.mark.parametrize(
    ("fields", "age"),
    [
        ({"child_age": 7}, ChildAge.exact(7)),
        ({"child_age": 12}, ChildAge.exact(12)),
        ({"age_band": "6-12"}, ChildAge.band(6, 12)),
        ({"age_band": "0–5"}, ChildAge.band(0, 5)),
        ({"age_band": "3-9"}, ChildAge.band(3, 9)),
        ({"child_age": 7, "age_band": None}, ChildAge.exact(7)),
        ({"child_age": None, "age_band": "13-17"}, ChildAge.band(13, 17)),
        ({}, ChildAge()),
        ({"child_age": None, "age_band": None}, ChildAge()),
    ],
)
def test_the_age_is_read_as_given(fields: dict[str, Any], age: ChildAge) -> None:
    facts, _ = parse_report({"id": "a", **fields}, FakeRegions())
    assert facts.child_age == age


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"child_age": 7, "age_band": "6-12"}, "give child_age or age_band, not both"),
        ({"age_band": "12-6"}, 'age_band must be "lower-upper" within 0 to 17'),
        ({"age_band": "7-7"}, "age_band must be"),
        ({"age_band": "13-18"}, "age_band must be"),
        ({"age_band": "enam"}, "age_band must be"),
        ({"age_band": [6, 12]}, "age_band must be"),
        ({"child_age": 18}, "child_age must be a whole number from 0 to 17"),
    ],
)
def test_a_bad_age_names_the_field(fields: dict[str, Any], message: str) -> None:
    with pytest.raises(InputError, match="age") as raised:
        parse_report({"id": "a", **fields}, FakeRegions())
    assert message in str(raised.value)
    assert "enam" not in str(raised.value)


def test_a_band_scores_in_a_batch_never_below_its_upper_bound() -> None:
    lines = [
        json.dumps({"id": "band", "categories": ["penelantaran"], "age_band": "0-5"}),
        json.dumps({"id": "five", "categories": ["penelantaran"], "child_age": 5}),
        json.dumps({"id": "mid", "categories": ["kekerasan_fisik"], "age_band": "6-12"}),
        json.dumps({"id": "twelve", "categories": ["kekerasan_fisik"], "child_age": 12}),
    ]
    status, outputs = run(lines)
    assert status == 0
    assert [(o["id"], o["urgency"], o["score"]) for o in outputs] == [
        ("band", "DARURAT", 55),
        ("five", "SEDANG", 30),
        ("mid", "SEDANG", 20),
        ("twelve", "SEDANG", 20),
    ]


def test_an_age_error_keeps_the_id_and_never_echoes_the_description() -> None:
    line = json.dumps({"id": "r", "description": "rahasia pelapor", "age_band": "x"})
    [(_, error)] = list(assess_lines([line], RULES, FakeRegions()))
    assert error is not None
    assert error["id"] == "r"
    assert "rahasia" not in json.dumps(error)
