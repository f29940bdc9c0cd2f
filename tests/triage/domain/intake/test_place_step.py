"""A typed name that clearly means one kabupaten/kota, or a pin, is taken at once and shown
on the next question with "not this one"; names that need choosing are asked about."""

from __future__ import annotations

from typing import Any

import pytest

from tests.triage.domain.fake_regions import FakeRegions
from tests.triage.domain.intake.test_flow import feed
from triage.domain.intake.catalog import PLACE_WRONG, Step
from triage.domain.intake.flow import IntakeState, advance, current_prompt
from triage.domain.intake.inputs import Input, Location, Media, Press, Text

REGIONS = FakeRegions()
STORY = Text("Anak tetangga dipukul ayahnya setiap malam, dekat masjid Al-Ikhlas.")


@pytest.mark.parametrize(
    ("given", "code", "place", "pin"),
    [
        (Text("jaksel"), "31.74", "Kota Jakarta Selatan", (None, None)),
        (Text("Kota Bandung"), "32.73", "Kota Bandung", (None, None)),
        (Location(-6.17, 106.82), "31.71", "Kota Jakarta Pusat", (-6.17, 106.82)),
    ],
)
def test_a_clear_place_is_taken_at_once(
    given: Input, code: str, place: str, pin: tuple[float | None, float | None]
) -> None:
    outcome = feed(IntakeState(Step.LOCATION), given)
    answers = outcome.state.answers
    assert outcome.state.step is Step.DESCRIPTION
    assert (answers["region_code"], answers["latitude"], answers["longitude"]) == (code, *pin)
    assert outcome.prompt is not None
    assert [(ln.label, ln.value, ln.translate) for ln in outcome.prompt.lines] == [
        ("Tempat", place, False)
    ]
    assert [(o.value, o.label) for o in outcome.prompt.options] == [
        (PLACE_WRONG, "📍 Bukan ini, ganti tempat")
    ]
    assert "patokan" in outcome.prompt.question  # the landmark is asked with the story


@pytest.mark.parametrize(
    ("typed", "candidates"),
    [
        ("bandung", ["kk-32.04", "kk-32.73"]),  # a kabupaten and a kota of one name
        ("jkt pusat", ["kk-31.71"]),  # found, but not sure enough to take without asking
        ("jakarta", ["kk-31.71", "kk-31.74"]),
    ],
)
def test_a_name_that_needs_choosing_is_asked_about(typed: str, candidates: list[str]) -> None:
    outcome = feed(IntakeState(Step.LOCATION), Text(typed))
    assert outcome.state.step is Step.LOCATION_PICK
    assert outcome.prompt is not None
    picks = [o.value for o in outcome.prompt.options if o.value.startswith("kk-")]
    assert picks == candidates
    chosen = feed(outcome.state, candidates[0])
    assert chosen.state.step is Step.DESCRIPTION
    assert chosen.prompt is not None and not chosen.prompt.options  # chosen: nothing to undo
    assert chosen.state.answers["region_code"] == candidates[0].removeprefix("kk-")


@pytest.mark.parametrize("given", [Text("jaksel"), Location(-6.17, 106.82)])
def test_not_this_one_asks_for_the_place_again(given: Input) -> None:
    taken = feed(IntakeState(Step.LOCATION), given, Media("photo", "f-1"))
    assert taken.prompt is not None and taken.prompt.options  # still offered after a photo
    again = feed(taken.state, PLACE_WRONG)
    answers = again.state.answers
    assert again.state.step is Step.LOCATION
    assert (answers["region_code"], answers["latitude"], answers["longitude"]) == (None,) * 3
    assert answers["evidence"] == [{"kind": "photo", "file_id": "f-1"}]
    fixed = feed(again.state, Text("Kota Bandung"), STORY)
    assert fixed.state.step is Step.RELATION
    assert fixed.state.answers["region_code"] == "32.73"


def test_the_story_ends_the_offer() -> None:
    told = feed(IntakeState(Step.LOCATION), Text("jaksel"), STORY)
    assert told.state.step is Step.RELATION
    assert not told.state.answers["_place_check"]
    editing = IntakeState(Step.DESCRIPTION, {**told.state.answers, "_editing": True})
    prompt = current_prompt(editing, REGIONS)  # the story changed from the summary
    assert not prompt.options and not prompt.lines


@pytest.mark.parametrize("answers", [{}, {"region_code": "31.74", "_place_check": False}])
def test_not_this_one_is_refused_when_it_was_not_offered(answers: dict[str, Any]) -> None:
    state = IntakeState(Step.DESCRIPTION, answers)
    outcome = advance(state, Press(PLACE_WRONG, 1), REGIONS)
    assert outcome.state == state
    assert outcome.notices


def test_a_place_changed_from_the_summary_goes_back_to_the_summary() -> None:
    state = IntakeState(Step.LOCATION, {"region_code": "31.74", "_editing": True})
    outcome = feed(state, Text("Kota Bandung"))
    assert outcome.state.step is Step.SUMMARY
    assert outcome.state.answers["region_code"] == "32.73"
    assert not outcome.state.answers["_place_check"]
