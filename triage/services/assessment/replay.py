"""Reads stored reports back as ReportFacts, to replay them under other rules."""

from __future__ import annotations

from sqlmodel import col, select

from triage.domain.model import Answer, Category, ReportFacts
from triage.services.cases.facts import case_child_age
from triage.services.common.deps import TriageDeps
from triage.storage.tables import Report

_CODES = frozenset(c.value for c in Category)


def facts_of(report: Report) -> ReportFacts:
    return ReportFacts(
        categories=tuple(Category(c) for c in report.categories if c in _CODES),
        child_age=case_child_age(report),
        children_count=report.children_count,
        immediate_danger=Answer(report.immediate_danger),
        perpetrator_access=Answer(report.perpetrator_access),
        injured=Answer(report.injured),
        repeated=Answer(report.repeated),
        disability=report.disability,
        description=report.description,
        region_code=report.kabkota_code,
        reported_at=report.received_at,
    )


async def stored_facts(deps: TriageDeps) -> list[tuple[str, ReportFacts]]:
    """Every stored report as (reference, facts); an anonymised one has lost its story, so
    replaying it would only measure the loss, and is left out."""
    query = select(Report).where(col(Report.anonymised_at).is_(None))
    async with deps.uow() as uow:
        rows = (await uow.session.exec(query)).all()
    return [(r.reference, facts_of(r)) for r in rows]
