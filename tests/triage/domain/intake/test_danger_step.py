"""The danger question also says when: each answer records both values as the two separate
questions did, and the summary shows them as before."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tests.triage.domain.fake_regions import FakeRegions
from tests.triage.domain.intake.test_flow import feed
from triage.domain.intake.catalog import Step
from triage.domain.intake.facts import details_from_answers, facts_from_answers
from triage.domain.intake.flow import IntakeState, advance, current_prompt
from triage.domain.intake.inputs import Input, Location, Media, Press, Text
from triage.domain.intake.result import EMERGENCY_NUMBERS, MEDIA_LATER, PLEASE_USE_BUTTONS
from triage.domain.intake.summary import summary_lines
from triage.domain.model import Answer

AT = datetime(2026, 11, 23, tzinfo=UTC)


@pytest.mark.parametrize(
    ("given", "danger", "when", "danger_line", "when_line"),
    [
        ("now", "yes", "now", "Ya", "Sedang terjadi"),
        ("today", "no", "today", "Tidak", "Hari ini"),
        ("week", "no", "week", "Tidak", "Minggu ini"),
        ("earlier", "no", "earlier", "Tidak", "Lebih dari seminggu"),
        ("unknown", "unknown", "unknown", "Tidak yakin", "Tidak tahu"),
        # the yes/no buttons of the earlier question, still on screens when it changed
        ("yes", "yes", "now", "Ya", "Sedang terjadi"),
        ("no", "no", "unknown", "Tidak", "Tidak tahu"),
        # typed instead of pressed
        (Text("Iya"), "yes", "now", "Ya", "Sedang terjadi"),
        (Text("tidak"), "no", "unknown", "Tidak", "Tidak tahu"),
        (Text("gak tahu"), "unknown", "unknown", "Tidak yakin", "Tidak tahu"),
    ],
)
def test_one_answer_records_danger_and_when(
    given: Input | str, danger: str, when: str, danger_line: str, when_line: str
) -> None:
    outcome = feed(IntakeState(Step.DANGER), given)
    assert outcome.state.step is Step.CATEGORY
    answers = outcome.state.answers
    assert (answers["immediate_danger"], answers["when"]) == (danger, when)
    assert facts_from_answers(answers, AT).immediate_danger is Answer(danger)
    assert details_from_answers(answers).when == when
    lines = {line.label: line.value for line in summary_lines(answers, FakeRegions())}
    assert (lines["Bahaya saat ini"], lines["Waktu"]) == (danger_line, when_line)
    shown = [n.msgid for n in outcome.notices]
    assert shown == ([EMERGENCY_NUMBERS] if danger == "yes" else [])


def test_the_question_offers_every_answer_in_two_columns() -> None:
    prompt = current_prompt(IntakeState(Step.DANGER), FakeRegions())
    assert [o.value for o in prompt.options] == ["now", "today", "week", "earlier", "unknown"]
    assert [o.label for o in prompt.options] == [
        "Ya, sekarang",
        "Baru saja / hari ini",
        "Minggu ini",
        "Sudah lama",
        "Tidak tahu",
    ]
    assert prompt.columns == 2
    assert "SAAT INI" in prompt.question


@pytest.mark.parametrize(
    ("given", "refusal"),
    [
        (Press("soon", 1), PLEASE_USE_BUTTONS),
        (Text("kemarin sore"), PLEASE_USE_BUTTONS),
        (Media("photo", "f-1"), MEDIA_LATER),
        (Location(-6.2, 106.8), PLEASE_USE_BUTTONS),
    ],
)
def test_anything_else_is_refused_and_nothing_is_recorded(given: Input, refusal: str) -> None:
    state = IntakeState(Step.DANGER)
    outcome = advance(state, given, FakeRegions())
    assert outcome.state == state
    assert [n.msgid for n in outcome.notices] == [refusal]


@pytest.mark.parametrize(
    ("answers", "when", "relation"),
    [
        ({"when": "now", "relation": "self"}, "now", "self"),
        ({"when": "yesterday", "relation": "<b>boss</b>"}, None, None),  # forged or retired
        ({}, None, None),
    ],
)
def test_only_known_when_and_relation_codes_are_kept(
    answers: dict[str, str], when: str | None, relation: str | None
) -> None:
    details = details_from_answers(answers)
    assert (details.when, details.relation) == (when, relation)
