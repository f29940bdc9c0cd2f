"""The questionnaire as a pure state machine: answers, refusals, editing, expiry."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tests.triage.domain.fake_regions import FakeRegions
from triage.domain.age import ChildAge
from triage.domain.child_sex import ChildSex
from triage.domain.intake.catalog import Step
from triage.domain.intake.facts import details_from_answers, facts_from_answers
from triage.domain.intake.flow import IntakeState, Outcome, advance, current_prompt, start
from triage.domain.intake.inputs import Contact, Input, Location, Media, Press, Text
from triage.domain.intake.result import EMERGENCY_NUMBERS
from triage.domain.model import Answer, Category

REGIONS = FakeRegions()


def feed(state: IntakeState, *inputs: Input | str) -> Outcome:
    outcome = Outcome(state=state, prompt=None)
    for given in inputs:
        if isinstance(given, str):
            given = Press(given, outcome.state.version)
        outcome = advance(outcome.state, given, REGIONS)
        assert not outcome.expired
    return outcome


TYPICAL = (
    "id",
    "today",
    "kekerasan_fisik",
    "sex-female",
    "6-12",
    "none",
    Text("jaksel"),
    Text("Anak tetangga sering dipukul ayahnya sampai menangis, rumahnya dekat masjid."),
    "neighbour",
    "anonymous",
)


def test_new_reporter_starts_with_consent_returning_reporter_with_danger() -> None:
    assert start(consented=False).state.step is Step.CONSENT
    assert start(consented=True).state.step is Step.DANGER


def test_a_typical_report_reaches_the_summary_and_submits() -> None:
    outcome = feed(start(consented=False).state, *TYPICAL)
    assert outcome.state.step is Step.SUMMARY
    assert outcome.prompt is not None
    assert outcome.prompt.lines
    sent = feed(outcome.state, "submit")
    assert sent.submit
    facts = facts_from_answers(sent.state.answers, datetime(2026, 11, 23, tzinfo=UTC))
    assert facts.categories == (Category.KEKERASAN_FISIK,)
    assert facts.region_code == "31.74"
    assert facts.child_age == ChildAge.band(6, 12)
    assert facts.injured is Answer.NO
    assert facts.immediate_danger is Answer.NO
    details = details_from_answers(sent.state.answers)
    assert details.contact_phone is None
    assert details.address is None
    assert details.when == "today"
    assert details.child_sex is ChildSex.FEMALE


@pytest.mark.parametrize("given", ["now", "yes", Text("ya")])  # "yes": a button shown before
def test_danger_yes_shows_emergency_numbers_first(given: Input | str) -> None:
    outcome = feed(IntakeState(Step.DANGER), given)
    assert [n.msgid for n in outcome.notices] == [EMERGENCY_NUMBERS]
    assert outcome.state.step is Step.CATEGORY


@pytest.mark.parametrize(
    ("step", "given"),
    [
        (Step.DANGER, Text("halo?")),
        (Step.DANGER, Text("😀😀😀")),
        (Step.CATEGORY, Text("x" * 10_000)),
        (Step.AGE, Text("dua puluh")),
        (Step.AGE, Text("25")),
        (Step.LOCATION, Text("Atlantis")),
        (Step.LOCATION, Text("🙂")),
        (Step.LOCATION, Location(51.5, -0.1)),
        (Step.DESCRIPTION, Text("x" * 10_000)),
        (Step.DESCRIPTION, Text("😢😢😢")),
        (Step.CONTACT, Contact("+6281234", own=False)),
        (Step.SUMMARY, Press("kk-99.99", 1)),
        (Step.LOCATION_PICK, Press("kk-32.73", 1)),
    ],
)
def test_bad_input_is_refused_politely_and_nothing_changes(step: Step, given: Input) -> None:
    state = IntakeState(step)
    outcome = advance(state, given, REGIONS)
    assert outcome.state == state
    assert outcome.notices
    assert not outcome.submit
    assert outcome.prompt == current_prompt(state, REGIONS)


def test_typed_yes_counts_as_the_button() -> None:
    assert feed(IntakeState(Step.DANGER), Text("Iya")).state.answers["immediate_danger"] == "yes"


def test_a_button_from_an_older_prompt_has_expired() -> None:
    state = IntakeState(Step.DANGER, version=5)
    outcome = advance(state, Press("yes", 4), REGIONS)
    assert outcome.expired
    assert outcome.state == state


def test_several_categories_need_lanjut() -> None:
    outcome = feed(IntakeState(Step.CATEGORY), "multi", "penelantaran", "kekerasan_psikis")
    assert outcome.state.step is Step.CATEGORY
    assert outcome.prompt is not None
    assert outcome.prompt.selected == {"penelantaran", "kekerasan_psikis"}
    done = feed(outcome.state, "penelantaran", "done")
    assert done.state.step is Step.AGE
    assert done.state.answers["categories"] == ["kekerasan_psikis"]


def test_location_by_pin_is_taken_at_once_and_keeps_coordinates() -> None:
    outcome = feed(IntakeState(Step.LOCATION), Location(-6.17, 106.82))
    assert outcome.state.step is Step.DESCRIPTION
    assert outcome.state.answers["region_code"] == "31.71"
    assert outcome.state.answers["latitude"] == -6.17
    assert outcome.prompt is not None
    assert [line.value for line in outcome.prompt.lines] == ["Kota Jakarta Pusat"]
    assert [o.value for o in outcome.prompt.options] == ["not-place"]


def test_a_draft_saved_at_the_pin_confirmation_still_keeps_coordinates() -> None:
    saved = {"_candidates": [["31.71", "Kota Jakarta Pusat"]], "_from_pin": True,
             "latitude": -6.17, "longitude": 106.82}  # fmt: skip
    outcome = feed(IntakeState(Step.LOCATION_PICK, saved), "kk-31.71")
    assert outcome.state.step is Step.DESCRIPTION
    assert outcome.state.answers["region_code"] == "31.71"
    assert outcome.state.answers["latitude"] == -6.17


def test_location_by_browsing_province_then_kabkota() -> None:
    outcome = feed(IntakeState(Step.LOCATION), "browse", "prov-32", "kk-32.73")
    assert outcome.state.answers["region_code"] == "32.73"


def test_evidence_is_kept_up_to_five() -> None:
    media = [Media("photo", f"file-{i}") for i in range(6)]
    state = IntakeState(Step.DESCRIPTION)
    for item in media[:5]:
        state = advance(state, item, REGIONS).state
    refused = advance(state, media[5], REGIONS)
    assert len(refused.state.answers["evidence"]) == 5
    assert refused.notices


def test_a_photo_whose_caption_tells_the_story_answers_the_question() -> None:
    caption = "anak tetangga dipukuli bapaknya tiap malam, ini fotonya"
    outcome = advance(IntakeState(Step.DESCRIPTION), Media("photo", "f-1", caption), REGIONS)
    answers = outcome.state.answers
    assert outcome.state.step is Step.RELATION
    assert answers["description"] == caption
    assert answers["evidence"] == [{"kind": "photo", "file_id": "f-1"}]


@pytest.mark.parametrize("caption", [None, "", "ini anaknya", "📷", "😭😭 😭 😭 😭"])
def test_a_photo_without_a_story_in_its_caption_still_asks_for_the_story(
    caption: str | None,
) -> None:
    outcome = advance(IntakeState(Step.DESCRIPTION), Media("photo", "f-1", caption), REGIONS)
    assert outcome.state.step is Step.DESCRIPTION
    assert "description" not in outcome.state.answers
    assert outcome.state.answers["evidence"] == [{"kind": "photo", "file_id": "f-1"}]


def test_editing_from_the_summary_returns_to_the_summary() -> None:
    summary = feed(start(consented=False).state, *TYPICAL).state
    edited = feed(summary, "edit", "edit-age", Text("4"))
    assert edited.state.step is Step.SUMMARY
    assert edited.state.answers["child_age"] == 4


def test_contact_shared_means_consent_to_be_called() -> None:
    outcome = feed(IntakeState(Step.CONTACT), Contact("+62 812-3456-7890", own=True))
    details = details_from_answers(outcome.state.answers)
    assert details.contact_consent
    assert details.contact_phone == "+6281234567890"


def test_cancel_from_summary_asks_then_deletes() -> None:
    summary = feed(start(consented=False).state, *TYPICAL).state
    kept = feed(summary, "cancel", "no")
    assert kept.state.step is Step.SUMMARY
    gone = feed(summary, "cancel", "yes")
    assert gone.cancelled
