"""Reading one JSON input object: the facts, the region's first resolvable source, and errors
that name the field but never repeat what the reporter wrote."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest

from triage.domain.age import ChildAge
from triage.domain.model import Answer, Category, ReportFacts
from triage.services.assessment.input import InputError, Region, parse_report

JAKARTA_PUSAT: Region = ("31.71", "Kota Jakarta Pusat")
SEMARANG: Region = ("33.74", "Kota Semarang")
BANDUNG: Region = ("32.73", "Kota Bandung")
STORY = "anak tetangga sering dipukul bapaknya"


class FakeResolver:
    """One kabupaten/kota per way of finding it; remembers what it was asked."""

    def __init__(self) -> None:
        self.asked: list[str] = []

    def by_code(self, code: str) -> Region | None:
        self.asked.append("code")
        return JAKARTA_PUSAT if code == "31.71" else None

    def by_text(self, text: str) -> Region | None:
        self.asked.append("text")
        return SEMARANG if "semarang" in text.lower() else None

    def by_point(self, lat: float, lng: float) -> Region | None:
        self.asked.append("point")
        return BANDUNG if lat < 0 else None


def parse(**fields: Any) -> tuple[ReportFacts, Region | None]:
    return parse_report({"id": "r-1", **fields}, FakeResolver())


def test_every_field_is_read() -> None:
    facts, region = parse(
        categories=["kekerasan_fisik", "penelantaran", "kekerasan_fisik"],
        child_age=7,
        children_count=2,
        immediate_danger="yes",
        perpetrator_access="no",
        injured="unknown",
        repeated="yes",
        disability=False,
        description=STORY,
        region_code="31.71",
        reported_at="2026-03-01T08:30:00+07:00",
    )
    assert region == JAKARTA_PUSAT
    assert facts == ReportFacts(
        categories=(Category.KEKERASAN_FISIK, Category.PENELANTARAN),  # repeats dropped, in order
        child_age=ChildAge.exact(7),
        children_count=2,
        immediate_danger=Answer.YES,
        perpetrator_access=Answer.NO,
        injured=Answer.UNKNOWN,
        repeated=Answer.YES,
        disability=False,
        description=STORY,
        region_code="31.71",
        reported_at=datetime(2026, 3, 1, 8, 30, tzinfo=timezone(timedelta(hours=7))),
    )


@pytest.mark.parametrize("report_id", ["r-1", 17, 0])
def test_an_id_alone_is_a_report_with_nothing_known(report_id: object) -> None:
    facts, region = parse_report({"id": report_id}, FakeResolver())
    assert (facts, region) == (ReportFacts(), None)
    assert facts.immediate_danger is Answer.UNKNOWN and facts.description == ""


@pytest.mark.parametrize(
    ("place", "region", "asked"),
    [
        ({"region_code": "31.71", "region_text": "Semarang", "latitude": -6.9, "longitude": 107.6},
         JAKARTA_PUSAT, ["code"]),
        ({"region_code": "99.99", "region_text": "kota semarang"}, SEMARANG, ["code", "text"]),
        ({"region_code": "99.99", "latitude": -6.9, "longitude": 107.6}, BANDUNG, ["code", "point"]),
        ({"region_text": "di sini", "latitude": 1.0, "longitude": 100.0}, None, ["text", "point"]),
        ({"region_code": "", "region_text": ""}, None, []),
        ({}, None, []),
    ],
)  # fmt: skip
def test_the_region_comes_from_the_first_source_that_resolves(
    place: dict[str, Any], region: Region | None, asked: list[str]
) -> None:
    resolver = FakeResolver()
    facts, found = parse_report({"id": 1, **place}, resolver)
    assert found == region
    assert facts.region_code == (region[0] if region else None)
    assert resolver.asked == asked


def test_reported_at_keeps_its_offset_and_null_means_unknown() -> None:
    facts, _ = parse(reported_at="2026-03-01T01:30:00Z")
    assert facts.reported_at == datetime(2026, 3, 1, 1, 30, tzinfo=UTC)
    assert parse(reported_at=None)[0].reported_at is None


@pytest.mark.parametrize(
    ("fields", "named"),
    [
        ({"id": None}, "id is required"),
        ({"id": "  "}, "id is required"),
        ({"id": True}, "id is required"),
        ({"id": 1.5}, "id is required"),
        ({"colour": "red", "age": 3}, "unknown field(s): age, colour"),
        ({"categories": "kekerasan_fisik"}, "categories must be a list"),
        ({"categories": [1]}, "categories must be a list"),
        ({"categories": ["kekerasan_fisik", "hantu"]}, "unknown category 'hantu'"),
        ({"child_age": 18}, "child_age must be a whole number from 0 to 17"),
        ({"child_age": -1}, "child_age must be a whole number"),
        ({"child_age": "7"}, "child_age must be a whole number"),
        ({"child_age": True}, "child_age must be a whole number"),
        ({"children_count": 0}, "children_count must be a whole number from 1 to 10000"),
        ({"immediate_danger": "maybe"}, "immediate_danger must be"),
        ({"injured": True}, "injured must be"),
        ({"disability": "yes"}, "disability must be true, false or null"),
        ({"disability": 1}, "disability must be true, false or null"),
        ({"description": 5}, "description must be a string or null"),
        ({"description": True}, "description must be a string or null"),
        ({"reported_at": "2026-03-01T08:30:00"}, "reported_at must be an ISO 8601"),
        ({"reported_at": "kemarin"}, "reported_at must be an ISO 8601"),
        ({"reported_at": 1767225600}, "reported_at must be an ISO 8601"),
        ({"region_code": 3171}, "region_code must be a string or null"),
        ({"region_text": ["Semarang"]}, "region_text must be a string or null"),
        ({"latitude": -6.2}, "latitude and longitude must both be given"),
        ({"latitude": -91, "longitude": 106.8}, "latitude and longitude"),
        ({"latitude": -6.2, "longitude": 181}, "latitude and longitude"),
        ({"latitude": True, "longitude": 106.8}, "latitude and longitude"),
    ],
)
def test_a_bad_field_is_named_and_the_story_is_never_quoted(
    fields: dict[str, Any], named: str
) -> None:
    with pytest.raises(InputError) as caught:
        parse_report({"id": "r-1", "description": STORY, **fields}, FakeResolver())
    assert named in str(caught.value)
    assert "dipukul" not in str(caught.value)


def test_long_values_are_cut_short_in_the_message() -> None:
    with pytest.raises(InputError) as unknown_fields:
        parse(**{f"field_{n:03d}": n for n in range(50)})
    assert len(str(unknown_fields.value)) == 120
    with pytest.raises(InputError) as long_category:
        parse(categories=["x" * 200])
    assert "x" * 40 in str(long_category.value) and "x" * 41 not in str(long_category.value)
