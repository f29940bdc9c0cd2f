"""Scoring an age band: read as its lower bound, never less urgent than its upper bound."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.triage.domain.scoring.test_assess import RULES, bands, reports
from triage.domain.age import ChildAge
from triage.domain.model import Category, ReportFacts, Urgency
from triage.domain.scoring.assess import assess

D, T, S, R = Urgency.DARURAT, Urgency.TINGGI, Urgency.SEDANG, Urgency.RENDAH
FISIK, TELANTAR = Category.KEKERASAN_FISIK, Category.PENELANTARAN


def scored(age: ChildAge, *categories: Category) -> tuple[Urgency, int, list[str]]:
    assessment = assess(ReportFacts(categories=categories, child_age=age), RULES)
    return assessment.urgency, assessment.score, [r.code for r in assessment.reasons]


@pytest.mark.parametrize(
    ("band", "categories", "urgency", "codes"),
    [
        (ChildAge.band(6, 12), (FISIK,), S, ["category_kekerasan_fisik"]),
        (ChildAge.band(6, 12), (TELANTAR,), S, ["category_penelantaran"]),
        (ChildAge.band(13, 17), (FISIK,), S, ["category_kekerasan_fisik"]),
        (ChildAge.band(13, 17), (), R, []),
        (ChildAge.band(0, 5), (FISIK,), T, ["category_kekerasan_fisik", "young_child"]),
        (ChildAge.band(0, 5), (), S, ["young_child"]),
    ],
)
def test_a_band_scores_as_its_upper_bound_did(
    band: ChildAge, categories: tuple[Category, ...], urgency: Urgency, codes: list[str]
) -> None:
    assert band.upper is not None
    assert scored(band, *categories)[0::2] == (urgency, codes)
    assert scored(band, *categories) == scored(ChildAge.exact(band.upper), *categories)


def test_a_neglected_child_of_0_to_5_may_be_under_5_so_is_alone_and_darurat() -> None:
    """The one band that now scores higher: its upper bound 5 missed "child_alone" (under 5)."""
    assert scored(ChildAge.exact(5), TELANTAR)[0::2] == (
        S, ["young_child", "category_penelantaran"],
    )  # fmt: skip
    assert scored(ChildAge.band(0, 5), TELANTAR)[0::2] == (
        D, ["child_alone", "young_child", "category_penelantaran"],
    )  # fmt: skip
    assert scored(ChildAge.band(0, 5), TELANTAR) == scored(ChildAge.exact(0), TELANTAR)


def test_a_band_reaching_below_a_raised_limit_counts_as_young() -> None:
    scoring = replace(RULES.scoring, young_child_max_age=8)
    rules = replace(RULES, scoring=scoring)
    report = ReportFacts(categories=(FISIK,), child_age=ChildAge.band(6, 12))
    assert "young_child" in [r.code for r in assess(report, rules).reasons]
    older = replace(report, child_age=ChildAge.exact(12))
    assert "young_child" not in [r.code for r in assess(older, rules).reasons]


@settings(max_examples=300, deadline=None)
@given(reports, bands)
def test_a_band_is_never_less_urgent_than_its_upper_bound(
    report: ReportFacts, bounds: list[int]
) -> None:
    lower, upper = bounds
    band = assess(replace(report, child_age=ChildAge.band(lower, upper)), RULES)
    as_upper = assess(replace(report, child_age=ChildAge.exact(upper)), RULES)
    as_lower = assess(replace(report, child_age=ChildAge.exact(lower)), RULES)
    assert band.urgency.rank >= as_upper.urgency.rank
    assert band.score >= as_upper.score
    assert band == as_lower


@given(st.integers(0, 17), st.sampled_from(list(Category)))
def test_a_typed_age_scores_by_itself(years: int, category: Category) -> None:
    codes = scored(ChildAge.exact(years), category)[2]
    assert ("young_child" in codes) is (years <= RULES.scoring.young_child_max_age)
    alone = category is TELANTAR and years < RULES.scoring.alone_below_age
    assert ("child_alone" in codes) is alone
