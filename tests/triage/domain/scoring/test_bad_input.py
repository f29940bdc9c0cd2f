"""Bad input still gets an assessment with reasons, and nothing raises: unknown words,
emoji, very long stories, English, answers the story contradicts, any text at all."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.triage.domain.scoring.test_assess import ages, answers
from triage.domain.model import Answer, Category, ReportFacts, Urgency
from triage.domain.scoring.assess import assess
from triage.domain.scoring.reasons import reason_text
from triage.storage.rules_source import load_default_rules

RULES = load_default_rules()
YES, NO = Answer.YES, Answer.NO


def codes(facts: ReportFacts) -> list[str]:
    return [reason.code for reason in assess(facts, RULES).reasons]


def test_unknown_words_are_said_to_be_unknown() -> None:
    assessment = assess(ReportFacts(description="qwerty asdfgh zxcvb lorem ipsum"), RULES)
    assert (assessment.urgency, [r.code for r in assessment.reasons]) == (
        Urgency.RENDAH,
        ["no_harm_words"],
    )
    assert reason_text(assessment.reasons[0], "en").startswith("The description names no")


def test_an_emoji_only_story_gets_a_reason_and_the_answers_still_count() -> None:
    assert codes(ReportFacts(description="😢😢😭🙏")) == ["no_harm_words"]
    facts = ReportFacts(categories=(Category.KEKERASAN_FISIK,), injured=YES, description="😢😢")
    assessment = assess(facts, RULES)
    assert assessment.urgency is Urgency.TINGGI
    assert "injured" in [r.code for r in assessment.reasons]


def test_a_4000_character_story_is_read_to_the_end() -> None:
    filler = "kemarin saya lewat depan rumahnya dan melihat anak itu sedang bermain. " * 60
    story = (filler + "tadi malam anak itu pingsan setelah dihajar bapaknya.")[-4000:]
    assert len(story) == 4000
    assessment = assess(ReportFacts(description=story), RULES)
    assert assessment.urgency is Urgency.DARURAT
    assert assessment.reasons[0].code == "text_grave_harm"
    assert assessment.reasons[0].detail == "pingsan"  # the words, never the story


def test_an_english_story_is_read() -> None:
    assessment = assess(ReportFacts(description="The girl next door is being beaten"), RULES)
    # Guideline, DARURAT: "being beaten as the reporter writes".
    assert assessment.urgency is Urgency.DARURAT
    assert "text_physical_violence" in [r.code for r in assessment.reasons]


def test_answers_the_story_contradicts_never_lower_and_the_story_can_raise() -> None:
    calm_story = ReportFacts(immediate_danger=YES, description="semuanya baik-baik saja")
    assert assess(calm_story, RULES).urgency is Urgency.DARURAT
    said_no = ReportFacts(injured=NO, immediate_danger=NO, description="kepalanya berdarah")
    assessment = assess(said_no, RULES)
    assert assessment.urgency is Urgency.DARURAT
    assert "injured_from_story" in [r.code for r in assessment.reasons]


@settings(max_examples=300, deadline=None)
@given(
    st.text(max_size=300),
    st.lists(st.sampled_from(list(Category)), max_size=3, unique=True).map(tuple),
    answers,
    ages,
)
def test_any_text_gets_an_assessment_and_a_reason(
    text: str, categories: tuple[Category, ...], danger: Answer, age: object
) -> None:
    facts = ReportFacts(
        categories=categories,
        immediate_danger=danger,
        child_age=age,  # type: ignore[arg-type]
        description=text,
    )
    assessment = assess(facts, RULES)
    assert 0 <= assessment.score <= 100
    if text.strip() or categories or danger is YES:
        assert assessment.reasons
    for reason in assessment.reasons:
        assert reason_text(reason, "id") and reason_text(reason, "en")
        assert reason.detail is None or len(reason.detail) <= 80  # matched words, not the story
