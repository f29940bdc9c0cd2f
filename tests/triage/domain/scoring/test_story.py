"""What the story adds, on a small rules file of our own: factors and categories read from
the text, combination rules (window, order, exceptions, nearness, floors), aliases, the
plain-request exception and the share of other kinds of harm."""

from __future__ import annotations

from dataclasses import replace

import pytest

from tests.triage.domain.rules.test_loading import DEFAULT
from triage.domain.age import ChildAge
from triage.domain.model import Answer, Category, ReportFacts, Urgency
from triage.domain.rules.loading import parse_rules
from triage.domain.scoring.assess import assess

D, T, S, R = Urgency.DARURAT, Urgency.TINGGI, Urgency.SEDANG, Urgency.RENDAH
YES, NO = Answer.YES, Answer.NO
TEXT = """
[scoring.floors]
immediate_danger = "DARURAT"
category_kekerasan_seksual = "TINGGI"

[scoring.text]
negators = ["tidak"]
negation_breakers = ["jangan sampai", "kalau tidak"]
age_words = ["umur"]
age_units = ["tahun"]

[scoring.text.aliases]
gk = "tidak"
skrg = "sekarang"

[scoring.text.near.child]
words = ["anak"]

[scoring.text.signals.physical_violence]
points = 20
category = "kekerasan_fisik"
terms = ["dipukul", "tidak dikasih makan"]

[scoring.text.signals.sexual_violence]
points = 40
category = "kekerasan_seksual"
terms = ["dicabuli"]

[scoring.text.signals.injury]
points = 0
sets = "injured"
terms = ["memar"]

[scoring.text.lists.again]
terms = ["sering"]

[scoring.text.lists.now]
terms = ["sekarang"]

[scoring.text.lists.ended]
terms = ["cerai"]

[scoring.text.lists.access]
terms = ["serumah"]

[scoring.text.lists.days]
terms = ["hari"]

[scoring.text.lists.baby]
terms = ["bayi"]
age_below = 3
answered_age_below = 3

[scoring.text.lists.request]
terms = ["akta"]

[scoring.text.lists.past]
terms = ["dulu"]

[scoring.text.lists.resolved]
terms = ["sudah aman"]

[scoring.text.plain_request]
words = "request"
harm_answers = ["immediate_danger", "injured"]
over = ["past", "resolved"]
over_signals = ["physical_violence"]

[scoring.text.combos.again]
groups = [["physical_violence"], ["again"]]
window = 2
unless = ["ended"]
sets = "repeated"

[scoring.text.combos.again_twice]
groups = [["sexual_violence"], ["again"]]
sets = "repeated"

[scoring.text.combos.harm_now]
groups = [["now"], ["physical_violence"]]
window = 2
ordered = true
sets = "immediate_danger"

[scoring.text.combos.access]
groups = [["sexual_violence"], ["access"]]
sets = "perpetrator_access"

[scoring.text.combos.abuse_in_contact]
groups = [["sexual_violence", "category_kekerasan_seksual"], ["perpetrator_access"]]
floor = "DARURAT"

[scoring.text.combos.baby_harmed]
groups = [["baby"], ["injured"]]
floor = "DARURAT"

[scoring.text.combos.starved]
groups = [["physical_violence"], ["days"]]
window = 3
near = "child"
floor = "DARURAT"

[scoring.text.combos.starved_again]
groups = [["again"], ["days"]]
reason = "starved"
window = 1
floor = "DARURAT"
"""
RULES = parse_rules(DEFAULT[: DEFAULT.index("[scoring.floors]")] + TEXT, "mini.toml")


def read(description: str, *categories: Category, **answers: object) -> tuple[Urgency, dict]:
    facts = ReportFacts(categories=categories, description=description, **answers)  # type: ignore[arg-type]
    assessment = assess(facts, RULES)
    return assessment.urgency, {r.code: (r.points, r.detail) for r in assessment.reasons}


def test_the_story_sets_a_factor_under_its_own_code_with_the_words_that_show_it() -> None:
    urgency, reasons = read("dia sering dipukul")
    assert reasons["repeated_from_story"] == (RULES.scoring.factor_points["repeated"], "sering")
    assert urgency is S


def test_an_answered_factor_is_not_read_again_and_a_no_is_overridden() -> None:
    assert "repeated_from_story" not in read("dia sering dipukul", repeated=YES)[1]
    assert "repeated_from_story" in read("dia sering dipukul", repeated=NO)[1]  # principle 2


def test_a_factor_two_rules_set_counts_once() -> None:
    reasons = read("dia sering dipukul dan sering dicabuli")[1]
    assert list(reasons).count("repeated_from_story") == 1


def test_the_story_shows_a_category_when_none_graver_was_chosen() -> None:
    _, reasons = read("dia dicabuli", Category.LAINNYA)
    assert reasons["category_kekerasan_seksual_from_story"] == (0, "dicabuli")  # the signal's
    assert reasons["text_sexual_violence"] == (40, "dicabuli")  # points count once
    assert (
        "category_kekerasan_fisik_from_story" not in read("dipukul", Category.KEKERASAN_SEKSUAL)[1]
    )


def test_a_story_category_keeps_its_floor() -> None:
    assert read("dia dicabuli", Category.LAINNYA)[0] is T


@pytest.mark.parametrize(
    ("description", "fires"),
    [
        ("dipukul sering", True),
        ("sering dia dipukul", True),
        ("dipukul lalu pergi sering", False),  # beyond the window
        ("dipukul sering, sudah cerai", False),  # unless
        ("dipukul tidak sering", False),  # a negated word does not count
    ],
)
def test_window_and_unless(description: str, fires: bool) -> None:
    assert ("repeated_from_story" in read(description)[1]) is fires


@pytest.mark.parametrize(
    ("description", "urgency"),
    [("skrg dipukul", D), ("sekarang dia dipukul", D), ("dipukul, sekarang", S)],
)
def test_an_ordered_rule_wants_its_groups_in_order(description: str, urgency: Urgency) -> None:
    assert read(description)[0] is urgency


def test_near_asks_for_a_word_of_the_near_list_close_to_the_first_group() -> None:
    assert read("anak dipukul dua hari")[0] is D
    assert "combo_starved" in read("anak dipukul dua hari")[1]
    assert read("dipukul dua hari")[0] is S


def test_rules_sharing_a_reason_count_once() -> None:
    _, reasons = read("anak dipukul sering hari")
    assert list(reasons).count("combo_starved") == 1


def test_a_floor_without_a_text_shows_on_the_reasons_it_joins() -> None:
    facts = ReportFacts(categories=(Category.KEKERASAN_SEKSUAL,), perpetrator_access=YES)
    assessment = assess(facts, RULES)
    assert assessment.urgency is D
    assert [r.code for r in assessment.reasons] == [
        "category_kekerasan_seksual",
        "perpetrator_access",
    ]
    urgency, reasons = read("dicabuli, masih serumah")
    assert (urgency, "perpetrator_access_from_story" in reasons) == (D, True)


def test_a_word_list_can_be_met_by_the_answered_age() -> None:
    baby = ChildAge.exact(1)
    assert read("badannya memar", child_age=baby)[0] is D
    assert read("badannya memar", child_age=ChildAge.band(0, 5))[0] is D  # its lower bound
    assert read("badannya memar", child_age=ChildAge.exact(4))[0] is not D
    assert read("bayi itu memar")[0] is D
    assert read("anak umur 2 memar")[0] is D
    assert read("anak 2 tahun memar")[0] is D
    assert read("sudah 2 tahun memar")[0] is not D  # "2 tahun" is an age after a child word


@pytest.mark.parametrize(
    ("description", "owns"),
    [
        ("anak tidak dikasih makan dua hari", True),  # "tidak" belongs to the term
        ("gk dipukul", False),  # an alias of a negator
        ("jangan sampai dipukul lagi", True),  # a two-word breaker
        ("kalau tidak dipukul", True),  # a conditional is not a negation
    ],
)
def test_negation_aliases_and_breakers(description: str, owns: bool) -> None:
    assert ("text_physical_violence" in read(description)[1]) is owns


def test_a_plain_request_is_rendah_and_scores_nothing() -> None:
    assessment = assess(
        ReportFacts(
            categories=(Category.KEKERASAN_SEKSUAL,),
            child_age=ChildAge.exact(1),
            disability=True,
            description="mau bikin akta",
        ),
        RULES,
    )
    assert (assessment.urgency, assessment.score) == (R, 0)
    assert assessment.reasons[0].code == "plain_request"
    assert all(r.points == 0 for r in assessment.reasons)


@pytest.mark.parametrize(
    ("description", "answers", "plain"),
    [
        ("mau bikin akta", {}, True),
        ("mau bikin akta", {"immediate_danger": YES}, False),  # an answer never lowered
        ("mau bikin akta", {"repeated": YES}, True),  # not one of the harm answers here
        ("dipukul, mau bikin akta", {}, False),  # harm described
        ("dulu dipukul, sudah aman, mau bikin akta", {}, True),  # over and resolved
        ("dulu dicabuli, sudah aman, mau bikin akta", {}, False),  # not an over signal
        ("dulu dipukul, mau bikin akta", {}, False),  # past but not resolved
    ],
)
def test_when_a_request_is_plain(description: str, answers: dict, plain: bool) -> None:
    facts = ReportFacts(categories=(Category.KEKERASAN_FISIK,), description=description, **answers)
    assert (assess(facts, RULES).urgency is R) is plain


def test_other_kinds_of_harm_count_a_share() -> None:
    both = ReportFacts(categories=(Category.KEKERASAN_SEKSUAL, Category.KEKERASAN_FISIK))
    full = RULES.scoring.category_points
    assert (
        assess(both, RULES).score
        == full[Category.KEKERASAN_SEKSUAL]
        + full[Category.KEKERASAN_FISIK] * RULES.scoring.other_kinds_percent // 100
    )
    every = replace(RULES, scoring=replace(RULES.scoring, other_kinds_percent=100))
    assert assess(both, every).score == 60
