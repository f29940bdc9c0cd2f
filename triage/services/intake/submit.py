"""submit_report: save, assess, route, schedule deadlines and queue notifications, all at once.

Runs inside the caller's unit of work, so the report, its assessment, its assignment, its
deadlines and its outbox rows commit together or not at all.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from triage.domain.case import OPEN_STATUSES
from triage.domain.duplicates import DuplicateMatch, IncomingReport, OpenCase, find_duplicate
from triage.domain.intake.facts import ReportDetails
from triage.domain.model import Assessment, ReportFacts, Urgency
from triage.domain.routing import RoutingDecision, RoutingKind, route
from triage.domain.scoring.assess import assess
from triage.domain.sla import deadlines_for
from triage.services.cases.assign import assignment_message, record_assignment
from triage.services.common.deps import TriageDeps
from triage.services.common.events import add_event
from triage.services.outbox.queue import enqueue
from triage.services.sla import deadlines
from triage.services.workers.roster import roster_for
from triage.storage.tables import AssessmentRow, Assignment, Report, Worker

DUPLICATE_WINDOW = timedelta(hours=72)


@dataclass(frozen=True, slots=True)
class SubmittedReport:
    reference: str
    urgency: str
    routed_to: str


async def submit_report(
    session: AsyncSession,
    deps: TriageDeps,
    facts: ReportFacts,
    details: ReportDetails,
    chat_id: int,
) -> SubmittedReport:
    now = deps.clock()
    assessment = assess(facts, deps.rules)
    report = await _save_report(session, deps, facts, details, chat_id, assessment, now)
    assert report.id is not None
    session.add(_assessment_row(report.id, assessment, now))
    await add_event(
        session, report.id, "received", "reporter", {"urgency": assessment.urgency.value}, now
    )
    duplicate = await _duplicate_of(session, report, now)
    decision = await _decide(session, deps, report, duplicate, now)
    assignment = await record_assignment(session, report, decision, now)
    await _schedule(session, deps, report, now)
    await _notify_assignee(session, deps, report, assignment, assessment, duplicate, now)
    return SubmittedReport(report.reference, report.urgency, decision.kind.value)


async def _save_report(
    session: AsyncSession,
    deps: TriageDeps,
    facts: ReportFacts,
    details: ReportDetails,
    chat_id: int,
    assessment: Assessment,
    now: datetime,
) -> Report:
    report = Report(
        reference=await _unique_reference(session, deps),
        received_at=now,
        reporter_chat_id=chat_id,
        language=details.language,
        categories=[c.value for c in facts.categories],
        child_age=facts.child_age.years,
        age_band_lower=facts.child_age.band_bounds[0],
        age_band_upper=facts.child_age.band_bounds[1],
        child_sex=details.child_sex.value if details.child_sex else None,
        children_count=facts.children_count,
        happened=details.when if details.when != "unknown" else None,
        reporter_relation=details.relation,
        immediate_danger=facts.immediate_danger.value,
        perpetrator_access=facts.perpetrator_access.value,
        injured=facts.injured.value,
        repeated=facts.repeated.value,
        disability=facts.disability,
        description=facts.description,
        kabkota_code=facts.region_code,
        latitude=details.latitude,
        longitude=details.longitude,
        address=details.address,
        evidence=[dict(e) for e in details.evidence],
        contact_phone=details.contact_phone,
        contact_consent=details.contact_consent,
        notify_reporter=details.notify_reporter,
        urgency=assessment.urgency.value,
        last_event_at=now,
    )
    session.add(report)
    await session.flush()
    return report


async def _unique_reference(session: AsyncSession, deps: TriageDeps) -> str:
    for _ in range(10):
        reference = deps.new_reference()
        taken = await session.exec(select(col(Report.id)).where(Report.reference == reference))
        if taken.first() is None:
            return reference
    raise RuntimeError("could not draw an unused reference")


def _assessment_row(report_id: int, assessment: Assessment, now: datetime) -> AssessmentRow:
    return AssessmentRow(
        report_id=report_id,
        created_at=now,
        urgency=assessment.urgency.value,
        score=assessment.score,
        reasons=[
            {"code": r.code, "points": r.points, "detail": r.detail} for r in assessment.reasons
        ],
        rules_version=assessment.rules_version,
    )


async def _duplicate_of(
    session: AsyncSession, report: Report, now: datetime
) -> DuplicateMatch | None:
    if report.kabkota_code is None:
        return None
    query = select(Report).where(
        col(Report.kabkota_code) == report.kabkota_code,
        col(Report.status).in_(OPEN_STATUSES),
        col(Report.received_at) >= now - DUPLICATE_WINDOW,
        col(Report.id) != report.id,
    )
    candidates = [
        OpenCase(
            r.id or 0,
            r.kabkota_code or "",
            str(r.reporter_chat_id),
            r.description,
            r.received_at,
            r.assigned_worker_id,
        )
        for r in (await session.exec(query)).all()
    ]
    incoming = IncomingReport(
        report.kabkota_code, str(report.reporter_chat_id), report.description, now
    )
    return find_duplicate(incoming, candidates)


async def _decide(
    session: AsyncSession,
    deps: TriageDeps,
    report: Report,
    duplicate: DuplicateMatch | None,
    now: datetime,
) -> RoutingDecision:
    if duplicate is not None and duplicate.assigned_worker_id is not None:
        report.duplicate_of_id = duplicate.case_id
        why = f"possible duplicate of case {duplicate.case_id}: {duplicate.explanation}"
        return RoutingDecision(
            RoutingKind.ASSIGNED, duplicate.assigned_worker_id, "route.duplicate", why, 1
        )
    roster = await roster_for(session, report.kabkota_code or "")
    return route(report.kabkota_code or "", _urgency(report), roster, frozenset(), now, deps.rules)


def _urgency(report: Report) -> Urgency:
    return Urgency(report.urgency)


async def _schedule(session: AsyncSession, deps: TriageDeps, report: Report, now: datetime) -> None:
    assert report.id is not None
    await deadlines.schedule(
        session, report.id, deadlines_for(report.reference, now, _urgency(report), deps.rules)
    )


async def _notify_assignee(
    session: AsyncSession,
    deps: TriageDeps,
    report: Report,
    assignment: Assignment,
    assessment: Assessment,
    duplicate: DuplicateMatch | None,
    now: datetime,
) -> None:
    worker = await session.get(Worker, assignment.worker_id) if assignment.worker_id else None
    if worker is None or worker.telegram_user_id is None or assignment.id is None:
        return
    other = await session.get(Report, duplicate.case_id) if duplicate else None
    duplicate_of = other.reference if other else None
    reasons = assessment.reasons
    message = assignment_message(deps, report, assignment.id, worker, reasons, now, duplicate_of)
    await enqueue(session, message, now, report_id=report.id)
