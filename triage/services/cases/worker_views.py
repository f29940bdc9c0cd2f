"""What a worker sees of cases in Telegram: one case's card, and their open cases (/tugas).

Views are checked like actions (assignee or supervisor over the region) and audited.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlmodel import col, select

from triage.domain.age import ChildAge
from triage.domain.case import FINISHED_STATUSES, CaseStatus, is_finished
from triage.domain.child_sex import ChildSex
from triage.domain.model import Reason, Urgency
from triage.domain.references import normalise_reference
from triage.domain.timezones import local_zone_code
from triage.services.cases.accept import ActionStatus, find_worker, may_act, refuse
from triage.services.cases.facts import (
    Due,
    assessment_reasons,
    case_child_age,
    case_child_sex,
    case_place,
    next_due,
)
from triage.services.common.deps import TriageDeps
from triage.services.common.events import audit
from triage.services.referrals.lines import ReferralLine, referral_lines
from triage.storage.tables import Assignment, CaseEvent, Report, Worker
from triage.storage.tables.cases import without_sealed_details
from triage.storage.uow import UnitOfWork


@dataclass(frozen=True, slots=True)
class CaseCard:
    """One case as its worker sees it; `phone` only once accepted and if the reporter agreed."""

    assignment_id: int
    reference: str
    urgency: str
    status: str
    place: str
    address: str | None
    categories: tuple[str, ...]
    child_age: ChildAge
    story: str
    reasons: tuple[Reason, ...]
    phone: str | None
    accepted: bool
    closed: bool
    due: Due | None
    zone_code: str
    referred_to: tuple[str, ...]  # the categories of an older version's referrals
    notes: int
    child_sex: ChildSex | None = None
    happened: str | None = None  # "now", "today", "week", "earlier"
    reporter_relation: str | None = None  # "family", "neighbour", "school", "self", "other"
    referrals: tuple[ReferralLine, ...] = ()  # to the directory's services, or typed


@dataclass(frozen=True, slots=True)
class CaseLine:
    """One line of a case list."""

    assignment_id: int
    reference: str
    urgency: str
    status: str
    place: str
    due: Due | None
    zone_code: str


async def card_for_assignment(
    deps: TriageDeps, telegram_user_id: int, assignment_id: int
) -> CaseCard | ActionStatus:
    """The card behind a button; GONE once the assignment was passed on."""
    async with deps.uow() as uow:
        assignment = await uow.session.get(Assignment, assignment_id)
        card = await _card(uow, deps, telegram_user_id, assignment, "button")
        await uow.commit()
    return card


async def card_for_reference(
    deps: TriageDeps, telegram_user_id: int, typed: str
) -> CaseCard | ActionStatus:
    """/kasus REF: the case's card; NOT_YOURS also for a reference that does not exist."""
    reference = normalise_reference(typed)
    async with deps.uow() as uow:
        assignment = None
        if reference is not None:
            query = (
                select(Assignment)
                .join(Report, col(Report.id) == col(Assignment.report_id))
                .where(col(Report.reference) == reference, col(Assignment.active))
                .order_by(col(Assignment.id).desc())
            )
            assignment = (await uow.session.exec(query)).first()
        card = await _card(uow, deps, telegram_user_id, assignment, "command")
        await uow.commit()
    return card


async def _card(
    uow: UnitOfWork,
    deps: TriageDeps,
    telegram_user_id: int,
    assignment: Assignment | None,
    via: str,
) -> CaseCard | ActionStatus:
    now = deps.clock()
    worker = await find_worker(uow, telegram_user_id)
    report = await uow.session.get(Report, assignment.report_id) if assignment else None
    if worker is None or assignment is None or report is None:
        refuse(uow, telegram_user_id, now, "view", assignment.id if assignment else None, report)
        return ActionStatus.NOT_YOURS
    if not may_act(worker, assignment, report):
        refuse(uow, telegram_user_id, now, "view", assignment.id, report)
        return ActionStatus.NOT_YOURS
    if not assignment.active:
        return ActionStatus.GONE
    audit(uow.session, f"worker:{worker.id}", "case_viewed", now, report.id, via=via)
    return await _build(uow, deps, worker, assignment, report)


async def _build(
    uow: UnitOfWork, deps: TriageDeps, worker: Worker, assignment: Assignment, report: Report
) -> CaseCard:
    assert report.id is not None and assignment.id is not None
    events = await _timeline(uow, report.id)
    accepted = assignment.accepted_at is not None
    return CaseCard(
        assignment_id=assignment.id,
        reference=report.reference,
        urgency=report.urgency,
        status=report.status,
        place=case_place(deps, report),
        address=report.address,
        categories=tuple(report.categories),
        child_age=case_child_age(report),
        story=report.description,
        reasons=await assessment_reasons(uow.session, report.id),
        phone=report.contact_phone if accepted and report.contact_consent else None,
        accepted=accepted,
        closed=is_finished(CaseStatus(report.status)),
        due=(await next_due(uow.session, [report])).get(report.id),
        zone_code=local_zone_code(worker.region_codes, report.kabkota_code),
        referred_to=tuple(
            str(e.data["to"]) for e in events if e.kind == "referred" and "to" in e.data
        ),
        notes=sum(1 for e in events if e.kind == "note"),
        child_sex=case_child_sex(report),
        happened=report.happened,
        reporter_relation=report.reporter_relation,
        referrals=tuple(await referral_lines(uow.session, report.id)),
    )


async def _timeline(uow: UnitOfWork, report_id: int) -> list[CaseEvent]:
    query = select(CaseEvent).where(
        col(CaseEvent.report_id) == report_id, col(CaseEvent.kind).in_(("referred", "note"))
    )
    return list((await uow.session.exec(query.order_by(col(CaseEvent.id)))).all())


async def my_cases(deps: TriageDeps, telegram_user_id: int) -> list[CaseLine] | None:
    """/tugas: the worker's open cases, most urgent first, then soonest due; None: no worker."""
    async with deps.uow() as uow:
        worker = await find_worker(uow, telegram_user_id)
        if worker is None:
            return None
        query = (
            select(Report)
            .where(
                col(Report.assigned_worker_id) == worker.id,
                col(Report.status).not_in(FINISHED_STATUSES),
            )
            .options(*without_sealed_details())
        )
        reports = list((await uow.session.exec(query)).all())
        return await case_lines(uow, deps, worker, reports)


async def case_lines(
    uow: UnitOfWork, deps: TriageDeps, worker: Worker, reports: Sequence[Report]
) -> list[CaseLine]:
    """Lines for these reports (those with an active assignment), most urgent first."""
    ids = [r.id for r in reports if r.id is not None]
    query = select(Assignment).where(col(Assignment.report_id).in_(ids), col(Assignment.active))
    active = {a.report_id: a.id for a in (await uow.session.exec(query)).all() if a.id}
    dues = await next_due(uow.session, reports)
    lines = [
        CaseLine(
            active[r.id],
            r.reference,
            r.urgency,
            r.status,
            case_place(deps, r),
            dues.get(r.id),
            local_zone_code(worker.region_codes, r.kabkota_code),
        )
        for r in reports
        if r.id in active
    ]
    return sorted(lines, key=_most_pressing)


def _most_pressing(line: CaseLine) -> tuple[int, float, str]:
    rank = Urgency(line.urgency).rank if line.urgency in Urgency.__members__ else -1
    due = line.due[1].timestamp() if line.due else float("inf")
    return (-rank, due, line.reference)
