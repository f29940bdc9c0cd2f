"""One way for the concept tests to assess a story: the facts a reporter who picked the given
categories (or "Lainnya") and typed the story would give, under the packaged rules."""

from __future__ import annotations

from triage.domain.age import ChildAge
from triage.domain.model import Answer, Category, ReportFacts, Urgency
from triage.domain.scoring.assess import assess
from triage.storage.rules_source import load_default_rules

RULES = load_default_rules()
D, T, S, R = Urgency.DARURAT, Urgency.TINGGI, Urgency.SEDANG, Urgency.RENDAH
C = Category
YES, NO = Answer.YES, Answer.NO


def facts(
    story: str, *categories: Category, age: int | None = None, **answers: Answer
) -> ReportFacts:
    return ReportFacts(
        categories=categories or (C.LAINNYA,),
        child_age=ChildAge.exact(age) if age is not None else ChildAge(),
        description=story,
        **answers,
    )


def level(story: str, *categories: Category, age: int | None = None, **answers: Answer) -> Urgency:
    return assess(facts(story, *categories, age=age, **answers), RULES).urgency


def codes(
    story: str, *categories: Category, age: int | None = None, **answers: Answer
) -> list[str]:
    found = assess(facts(story, *categories, age=age, **answers), RULES)
    return [reason.code for reason in found.reasons]
