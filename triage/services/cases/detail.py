"""One case as a supervisor or admin sees it on its page, scoped by region and audited."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, TypeVar

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from triage.domain.age import ChildAge
from triage.domain.case import FINISHED_STATUSES
from triage.domain.model import Reason, Urgency
from triage.domain.rules.model import Rules
from triage.domain.sla import DeadlineKey
from triage.services.cases.facts import case_child_age
from triage.services.cases.queries import region_scope
from triage.services.common.deps import TriageDeps
from triage.services.common.events import audit
from triage.services.staff.accounts import StaffIdentity
from triage.storage.tables import AssessmentRow, Assignment, CaseEvent, Deadline, Report, Worker
from triage.storage.uow import UnitOfWork

HIDDEN_KINDS = ("awaiting_input", "input_cancelled")  # bot screen state, not case progress
SAFE_FACTS: Mapping[str, tuple[str, ...]] = {
    "received": ("urgency",),
    "routed": ("kind",),
    "escalated": ("to", "level"),
    "referred": ("to",),
    "closed": ("outcome",),
    "declined": ("reason",),
    "rated": ("rating",),
    "urgency_override": ("old", "new"),
}
STAFF_TEXT = {"urgency_override": "reason", "declined": "text"}  # words staff wrote
FACT_CHARS = 32
_Row = TypeVar("_Row", CaseEvent, Assignment, AssessmentRow, Deadline)


@dataclass(frozen=True, slots=True)
class OriginalAssessment:
    urgency: str
    score: int
    reasons: tuple[Reason, ...]
    rules_version: str


@dataclass(frozen=True, slots=True)
class AssignmentLine:
    """Who held the case; `worker_name` None means the national queue."""

    worker_name: str | None
    kind: str
    assigned_at: datetime
    active: bool
    accepted_at: datetime | None
    declined_at: datetime | None
    decline_code: str | None
    decline_text: str | None


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    """One event: whitelisted codes in `facts`, never the reporter's words."""

    at: datetime
    kind: str
    actor: str
    actor_name: str | None
    facts: Mapping[str, str]
    staff_text: str | None


@dataclass(frozen=True, slots=True)
class ResponseTime:
    """One measure ("accept", "first_contact", "closure") counted from receipt."""

    measure: str
    done_at: datetime | None
    elapsed: timedelta | None
    target: timedelta | None
    overdue: bool


@dataclass(frozen=True, slots=True)
class PendingDeadline:
    kind: str
    level: int
    due_at: datetime
    overdue: bool


@dataclass(frozen=True, slots=True)
class CaseDetail:
    """The whole case page; the phone only when the reporter agreed to be contacted."""

    reference: str
    received_at: datetime
    urgency: str
    status: str
    categories: tuple[str, ...]
    child_age: ChildAge
    kabkota_code: str | None
    kecamatan_code: str | None
    address: str | None
    description: str
    evidence_count: int
    reporter_phone: str | None
    original: OriginalAssessment | None
    assignments: tuple[AssignmentLine, ...]
    timeline: tuple[TimelineEntry, ...]
    response_times: tuple[ResponseTime, ...]
    deadlines: tuple[PendingDeadline, ...]


async def _visible_report(
    uow: UnitOfWork, viewer: StaffIdentity, reference: str, action: str, now: datetime
) -> Report | None:
    """The case if the viewer may see it; an existing case out of their regions is audited."""
    same = col(Report.reference) == reference
    report = (await uow.session.exec(select(Report).where(same, region_scope(viewer)))).first()
    if report is None:
        hidden = (await uow.session.exec(select(col(Report.id)).where(same))).first()
        if hidden is not None:
            audit(
                uow.session, viewer.username, f"{action}_refused", now, hidden, staff_id=viewer.id
            )
            await uow.commit()
    return report


async def case_visible(
    deps: TriageDeps, viewer: StaffIdentity, reference: str, now: datetime
) -> bool:
    """Whether the viewer may act on the case; a refusal is audited, an allowed check is not."""
    async with deps.uow() as uow:
        return await _visible_report(uow, viewer, reference, "override", now) is not None


async def case_detail(
    deps: TriageDeps,
    viewer: StaffIdentity,
    reference: str,
    now: datetime,
) -> CaseDetail | None:
    """The case, or None when unknown or outside the viewer's regions; the view is audited."""
    async with deps.uow() as uow:
        report = await _visible_report(uow, viewer, reference, "view_case", now)
        if report is None or report.id is None:
            return None
        detail = await _load(uow.session, report, report.id, now, deps.rules)
        audit(uow.session, viewer.username, "view_case", now, report.id, staff_id=viewer.id)
        await uow.commit()
    return detail


async def _load(
    session: AsyncSession, report: Report, report_id: int, now: datetime, rules: Rules
) -> CaseDetail:
    events = await _rows(session, CaseEvent, report_id, col(CaseEvent.at), col(CaseEvent.id))
    shown = [event for event in events if event.kind not in HIDDEN_KINDS]
    assignments = await _rows(session, Assignment, report_id, col(Assignment.created_at))
    names = await _worker_names(session, _worker_ids(shown, assignments))
    return CaseDetail(
        reference=report.reference,
        received_at=report.received_at,
        urgency=report.urgency,
        status=report.status,
        categories=tuple(report.categories),
        child_age=case_child_age(report),
        kabkota_code=report.kabkota_code,
        kecamatan_code=report.kecamatan_code,
        address=report.address,
        description=report.description,
        evidence_count=len(report.evidence),
        reporter_phone=report.contact_phone if report.contact_consent else None,
        original=await _original(session, report_id),
        assignments=tuple(_assignment(row, names) for row in assignments),
        timeline=tuple(_entry(event, names) for event in shown),
        response_times=response_times(report, rules, now),
        deadlines=await _pending(session, report_id, now),
    )


async def _rows(
    session: AsyncSession, table: type[_Row], report_id: int, *order: Any
) -> list[_Row]:
    """The report's rows of one table, in the given order, then by id."""
    query = select(table).where(col(table.report_id) == report_id)
    return list((await session.exec(query.order_by(*order, col(table.id)))).all())


def _worker_ids(events: Iterable[CaseEvent], assignments: Iterable[Assignment]) -> set[int]:
    ids = {row.worker_id for row in assignments if row.worker_id is not None}
    ids |= {w for e in events if isinstance(w := e.data.get("worker_id"), int)}
    actors = (e.actor.removeprefix("worker:") for e in events if e.actor.startswith("worker:"))
    return ids | {int(actor) for actor in actors if actor.isdigit()}


async def _worker_names(session: AsyncSession, ids: set[int]) -> dict[int, str]:
    if not ids:
        return {}
    query = select(col(Worker.id), col(Worker.name)).where(col(Worker.id).in_(sorted(ids)))
    return {worker_id: name for worker_id, name in (await session.exec(query)).all() if worker_id}


async def _original(session: AsyncSession, report_id: int) -> OriginalAssessment | None:
    rows = await _rows(session, AssessmentRow, report_id)
    if not rows:
        return None
    first = rows[0]
    reasons = tuple(
        Reason(r["code"], int(r.get("points", 0)), r.get("detail")) for r in first.reasons
    )
    return OriginalAssessment(first.urgency, first.score, reasons, first.rules_version)


def _assignment(row: Assignment, names: Mapping[int, str]) -> AssignmentLine:
    code, _, typed = (row.decline_reason or "").partition(": ")
    return AssignmentLine(
        worker_name=names.get(row.worker_id) if row.worker_id is not None else None,
        kind=row.kind,
        assigned_at=row.created_at,
        active=row.active,
        accepted_at=row.accepted_at,
        declined_at=row.declined_at,
        decline_code=code or None,
        decline_text=typed or None,
    )


def _entry(event: CaseEvent, names: Mapping[int, str]) -> TimelineEntry:
    """Only whitelisted short codes of the event's data; free text only where staff wrote it."""
    facts = {
        key: str(value)[:FACT_CHARS]
        for key in SAFE_FACTS.get(event.kind, ())
        if isinstance(value := event.data.get(key), str | int) and not isinstance(value, bool)
    }
    worker_id = event.data.get("worker_id")
    if event.kind in ("routed", "escalated") and isinstance(worker_id, int):
        facts["worker"] = names.get(worker_id, "")
    actor_id = event.actor.removeprefix("worker:")
    actor_name = names.get(int(actor_id)) if actor_id.isdigit() else None
    text = event.data.get(STAFF_TEXT.get(event.kind, ""))
    return TimelineEntry(
        event.at,
        event.kind,
        event.actor,
        actor_name,
        facts,
        text if isinstance(text, str) else None,
    )


def response_times(report: Report, rules: Rules, now: datetime) -> tuple[ResponseTime, ...]:
    """Accept, first contact and closure, each from receipt; an open case's clock runs to now."""
    known = report.urgency in Urgency.__members__
    targets = rules.sla.get(Urgency(report.urgency)) if known else None
    measures = (
        ("accept", report.accepted_at, targets.accept if targets else None),
        ("first_contact", report.first_contact_at, targets.first_contact if targets else None),
        ("closure", report.closed_at, targets.closure if targets else None),
    )
    finished = report.status in FINISHED_STATUSES
    times = []
    for name, done, target in measures:
        end = done or (None if finished else now)
        elapsed = end - report.received_at if end is not None else None
        overdue = target is not None and elapsed is not None and elapsed > target
        times.append(ResponseTime(name, done, elapsed, target, overdue))
    return tuple(times)


async def _pending(
    session: AsyncSession, report_id: int, now: datetime
) -> tuple[PendingDeadline, ...]:
    rows = await _rows(session, Deadline, report_id, col(Deadline.due_at))
    pending = [row for row in rows if row.status == "pending"]
    return tuple(
        PendingDeadline(row.kind, DeadlineKey.parse(row.key).level, row.due_at, row.due_at <= now)
        for row in pending
    )
