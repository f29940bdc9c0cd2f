"""Body of `triage evaluate --from-overrides`: learning from the cases staff re-graded.

A case whose urgency a staff member overrode (`urgency_override` timeline events) is labelled
with the person's last chosen level; its stored facts are assessed under the given rules. The
result holds references, levels and reason codes only: never the story, the override's
reason, who overrode, or anything else personal.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import col, select

from triage.domain.model import Urgency
from triage.domain.rules.model import Rules
from triage.domain.scoring.assess import assess
from triage.domain.scoring.evaluation import Evaluation, evaluate
from triage.services.assessment.replay import facts_of
from triage.services.common.deps import TriageDeps
from triage.storage.tables import CaseEvent, Report

OVERRIDE = "urgency_override"


@dataclass(frozen=True, slots=True)
class OverriddenCase:
    """One re-graded case: what triage first said, what staff chose, what `rules` say now."""

    reference: str
    original: Urgency  # the urgency before the first override: the assessment on arrival
    override: Urgency  # the last override: the label
    got: Urgency  # the urgency under the rules being evaluated
    score: int
    codes: tuple[str, ...]  # reason codes only; their details quote the story

    @property
    def missed(self) -> bool:
        return self.got is not self.override


@dataclass(frozen=True, slots=True)
class OverrideEvaluation:
    rules_version: str
    evaluation: Evaluation
    cases: tuple[OverriddenCase, ...]  # by reference


async def evaluate_overrides(deps: TriageDeps, rules: Rules) -> OverrideEvaluation:
    """Every overridden case, labelled by its last override, assessed under `rules`."""
    cases = []
    for report, original, label in await _overridden(deps):
        assessment = assess(facts_of(report), rules)
        codes = tuple(reason.code for reason in assessment.reasons)
        cases.append(
            OverriddenCase(
                report.reference, original, label, assessment.urgency, assessment.score, codes
            )
        )
    cases.sort(key=lambda case: case.reference)
    evaluation = evaluate((case.override, case.got) for case in cases)
    return OverrideEvaluation(rules.version, evaluation, tuple(cases))


async def _overridden(deps: TriageDeps) -> list[tuple[Report, Urgency, Urgency]]:
    """(report, urgency before its first override, its last override), oldest event first;
    anonymised cases left out (their story is gone, so their facts are no longer those
    staff judged)."""
    query = (
        select(CaseEvent, Report)
        .join(Report, col(Report.id) == col(CaseEvent.report_id))
        .where(col(CaseEvent.kind) == OVERRIDE, col(Report.anonymised_at).is_(None))
        .order_by(col(CaseEvent.at), col(CaseEvent.id))
    )
    async with deps.uow() as uow:
        rows = (await uow.session.exec(query)).all()
    found: dict[int, tuple[Report, Urgency, Urgency]] = {}
    for event, report in rows:
        old, new = _level(event.data.get("old")), _level(event.data.get("new"))
        if old is None or new is None:
            continue  # not written by override_urgency; nothing to learn from
        first = found.get(event.report_id)
        found[event.report_id] = (report, first[1] if first else old, new)
    return list(found.values())


def _level(value: object) -> Urgency | None:
    return Urgency(value) if isinstance(value, str) and value in Urgency.__members__ else None
