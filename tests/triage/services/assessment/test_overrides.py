"""`triage evaluate --from-overrides` on both databases: the last override is the label.

Reports lean on rules the guideline fixes (danger now is DARURAT; nothing described is
RENDAH), so the tests do not move when the rules file is tuned.
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import timedelta
from fractions import Fraction

from sqlmodel import col, update

from tests.support.deps import Clock
from tests.support.deps import make_deps as support_make_deps
from triage.domain.intake.facts import ReportDetails
from triage.domain.model import Answer, Category, ReportFacts, Urgency
from triage.domain.scoring.evaluation import Gates, Rate, check_gates
from triage.services.assessment.evaluation_report import overrides_json, overrides_text
from triage.services.assessment.overrides import OverriddenCase, evaluate_overrides
from triage.services.common.deps import TriageDeps
from triage.services.intake.submit import submit_report
from triage.services.sla.override import override_urgency
from triage.storage.tables import Report
from triage.storage.uow import UnitOfWorkFactory

D, T, S, R = Urgency.DARURAT, Urgency.TINGGI, Urgency.SEDANG, Urgency.RENDAH
STORY = "ZZSTORY Budi 081234567890"  # stands for a story and personal data: never printed
WHY = "ZZREASON ditelepon ibu Sari"  # an override's reason is staff's words: never printed


async def submit(deps: TriageDeps, *, danger: bool) -> str:
    """DARURAT with danger now, else RENDAH (nothing described)."""
    facts = ReportFacts(
        categories=(Category.LAINNYA,),
        immediate_danger=Answer.YES if danger else Answer.NO,
        description=STORY,
    )
    details = ReportDetails("id", None, None, None, None, None, (), None, False, False)
    async with deps.uow() as uow:
        submitted = await submit_report(uow.session, deps, facts, details, chat_id=555)
        await uow.commit()
    return submitted.reference


async def arrange(deps: TriageDeps, clock: Clock) -> dict[str, str]:
    refs = {
        "a": await submit(deps, danger=True),
        "b": await submit(deps, danger=False),
        "untouched": await submit(deps, danger=True),
        "d": await submit(deps, danger=False),
    }
    for name, level in (("a", T), ("b", D), ("d", S), ("a", S), ("d", R)):
        clock.now += timedelta(minutes=5)
        await override_urgency(deps, refs[name], level, WHY, "staff:7", clock.now)
    return refs


async def test_no_override_no_case(uow_factory: UnitOfWorkFactory) -> None:
    deps = support_make_deps(uow_factory)
    await submit(deps, danger=True)
    result = await evaluate_overrides(deps, deps.rules)
    assert (result.cases, result.evaluation.total) == ((), 0)


async def test_each_overridden_case_counts_once_with_its_last_override(
    uow_factory: UnitOfWorkFactory,
) -> None:
    clock = Clock()
    deps = support_make_deps(uow_factory, clock=clock)
    refs = await arrange(deps, clock)
    result = await evaluate_overrides(deps, deps.rules)
    assert result.rules_version == deps.rules.version
    found = {case.reference: case for case in result.cases}
    assert refs["untouched"] not in found
    assert [case.reference for case in result.cases] == sorted(found)
    summary = {
        name: (found[ref].original, found[ref].override, found[ref].got, found[ref].missed)
        for name, ref in refs.items()
        if ref in found
    }
    assert summary == {
        "a": (D, S, D, True),  # DARURAT, overridden to TINGGI, then to SEDANG
        "b": (R, D, R, True),  # under-triage: staff raised it
        "d": (R, R, R, False),  # raised, then set back: the last override counts
    }
    assert found[refs["a"]].codes[0] == "immediate_danger"
    evaluation = result.evaluation
    assert (evaluation.total, evaluation.accuracy) == (3, Rate(1, 3))
    assert (evaluation.under_triage, evaluation.over_triage) == (Rate(1, 3), Rate(1, 3))
    assert evaluation.recall(D) == Rate(0, 1)


async def test_candidate_rules_are_applied_to_the_stored_facts(
    uow_factory: UnitOfWorkFactory,
) -> None:
    clock = Clock()
    deps = support_make_deps(uow_factory, clock=clock)
    refs = await arrange(deps, clock)
    everything_urgent = {D: 0, T: 0, S: 0}
    candidate = replace(
        deps.rules,
        version="candidate",
        scoring=replace(deps.rules.scoring, thresholds=everything_urgent),
    )
    result = await evaluate_overrides(deps, candidate)
    assert result.rules_version == "candidate"
    assert {case.got for case in result.cases} == {D}
    assert result.evaluation.recall(D) == Rate(1, 1)
    assert {c.reference: c.original for c in result.cases}[refs["b"]] is R  # as first assessed


async def test_only_references_levels_and_codes_are_printed(
    uow_factory: UnitOfWorkFactory,
) -> None:
    clock = Clock()
    deps = support_make_deps(uow_factory, clock=clock)
    refs = await arrange(deps, clock)
    result = await evaluate_overrides(deps, deps.rules)
    gates = check_gates(result.evaluation, Gates({D: Fraction(1)}))
    text = "\n".join(overrides_text(result, gates))
    printed = json.dumps(overrides_json(result, gates), ensure_ascii=False)
    for output in (text, printed):
        assert refs["a"] in output and "immediate_danger" in output
        for private in ("ZZSTORY", "Budi", "0812", "ZZREASON", "Sari", "staff:7"):
            assert private not in output
    case = overrides_json(result, gates)["cases"][0]
    assert set(case) == set(OverriddenCase.__slots__) | {"missed"}


async def test_anonymised_cases_are_left_out(uow_factory: UnitOfWorkFactory) -> None:
    clock = Clock()
    deps = support_make_deps(uow_factory, clock=clock)
    refs = await arrange(deps, clock)
    async with deps.uow() as uow:
        await uow.session.exec(
            update(Report).where(col(Report.reference) == refs["a"]).values(anonymised_at=clock.now)
        )
        await uow.commit()
    result = await evaluate_overrides(deps, deps.rules)
    assert {case.reference for case in result.cases} == {refs["b"], refs["d"]}
