"""Turns a finished questionnaire's answers into ReportFacts (for triage) and ReportDetails."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from triage.domain.age import OLDEST, ChildAge
from triage.domain.child_sex import ChildSex, child_sex
from triage.domain.intake.catalog import AGE_BANDS, RELATION_OPTIONS, WHEN_OPTIONS, Option
from triage.domain.model import Answer, Category, ReportFacts


@dataclass(frozen=True, slots=True)
class ReportDetails:
    """What is stored with a report besides the triage facts. Personal: staff only."""

    language: str
    address: str | None
    when: str | None
    relation: str | None
    latitude: float | None
    longitude: float | None
    evidence: tuple[Mapping[str, str], ...]
    contact_phone: str | None
    contact_consent: bool
    notify_reporter: bool
    child_sex: ChildSex | None = None  # personal: shown where the age is, never logged


_CATEGORY_CODES = frozenset(c.value for c in Category)


def _answer(value: object) -> Answer:
    return Answer(value) if value in ("yes", "no", "unknown") else Answer.UNKNOWN


def _risk(answers: Mapping[str, Any], name: str) -> Answer:
    if name in answers.get("_risks", ()):
        return Answer.YES
    return Answer.NO if answers.get("risks_answer") == "none" else Answer.UNKNOWN


def child_age_from_answers(answers: Mapping[str, Any]) -> ChildAge:
    """The band chosen, else the age typed, else unknown (drafts saved before bands were kept
    carry the band's upper bound in `child_age` too: the band wins)."""
    band = answers.get("age_band")
    if isinstance(band, str) and band in AGE_BANDS:
        return AGE_BANDS[band]
    years = answers.get("child_age")
    if isinstance(years, int) and not isinstance(years, bool) and 0 <= years <= OLDEST:
        return ChildAge.exact(years)
    return ChildAge()


def facts_from_answers(answers: Mapping[str, Any], reported_at: datetime) -> ReportFacts:
    categories = tuple(Category(c) for c in answers.get("categories", ()) if c in _CATEGORY_CODES)
    several = _risk(answers, "several_children")
    disability = _risk(answers, "disability")
    return ReportFacts(
        categories=categories,
        child_age=child_age_from_answers(answers),
        children_count={Answer.YES: 2, Answer.NO: 1}.get(several),
        immediate_danger=_answer(answers.get("immediate_danger")),
        perpetrator_access=_risk(answers, "perpetrator_access"),
        injured=_risk(answers, "injured"),
        repeated=_risk(answers, "repeated"),
        disability=True
        if disability is Answer.YES or Category.DISABILITAS in categories
        else (False if disability is Answer.NO else None),
        description=str(answers.get("description", "")),
        region_code=answers.get("region_code"),
        reported_at=reported_at,
    )


def _option_code(options: tuple[Option, ...], value: object) -> str | None:
    """The code if it is one of the options (an old or forged draft may hold anything)."""
    return next((option.value for option in options if option.value == value), None)


def details_from_answers(answers: Mapping[str, Any]) -> ReportDetails:
    return ReportDetails(
        language=str(answers.get("language") or "id"),
        address=answers.get("address"),
        when=_option_code(WHEN_OPTIONS, answers.get("when")),
        relation=_option_code(RELATION_OPTIONS, answers.get("relation")),
        latitude=answers.get("latitude"),
        longitude=answers.get("longitude"),
        evidence=tuple(answers.get("evidence", ())),
        contact_phone=answers.get("contact_phone") if answers.get("contact_consent") else None,
        contact_consent=bool(answers.get("contact_consent")),
        notify_reporter=bool(answers.get("notify", True)),
        child_sex=child_sex(answers.get("child_sex")),
    )
