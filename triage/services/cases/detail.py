"""One case as a supervisor or admin sees it on its page, scoped by region and audited."""

from __future__ import annotations

import functools
from dataclasses import replace
from datetime import datetime
from typing import TypeVar

from sqlalchemy import bindparam
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession
from sqlmodel.sql.expression import SelectOfScalar

from triage.domain.case import CaseStatus, is_open, staff_targets
from triage.domain.model import Reason
from triage.domain.rules.model import Rules
from triage.domain.sla import DeadlineKey
from triage.services.cases.detail_model import (
    CaseDetail,
    OriginalAssessment,
    PendingDeadline,
)
from triage.services.cases.evidence import evidence_items
from triage.services.cases.facts import case_child_age, case_child_sex
from triage.services.cases.queries import region_scope
from triage.services.cases.reassign import worker_choices
from triage.services.cases.timeline import (
    HIDDEN_KINDS,
    assignment_line,
    response_times,
    timeline_entry,
    worker_ids,
)
from triage.services.cases.undelivered import undelivered_messages
from triage.services.common.deps import TriageDeps
from triage.services.common.events import audit
from triage.services.referrals.lines import referral_lines
from triage.services.staff.accounts import StaffIdentity
from triage.storage.tables import AssessmentRow, Assignment, CaseEvent, Deadline, Report, Worker
from triage.storage.uow import UnitOfWork

_Row = TypeVar("_Row", CaseEvent, Assignment, AssessmentRow, Deadline)


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
        detail = await _for_staff(uow.session, viewer, report, detail, now)
        audit(uow.session, viewer.username, "view_case", now, report.id, staff_id=viewer.id)
        await uow.commit()
    return detail


async def _load(
    session: AsyncSession, report: Report, report_id: int, now: datetime, rules: Rules
) -> CaseDetail:
    events = await _rows(session, CaseEvent, report_id, "at", "id")
    shown = [event for event in events if event.kind not in HIDDEN_KINDS]
    assignments = await _rows(session, Assignment, report_id, "created_at")
    names = await _worker_names(session, worker_ids(shown, assignments))
    closed = report.status == CaseStatus.CLOSED.value
    return CaseDetail(
        reference=report.reference,
        received_at=report.received_at,
        urgency=report.urgency,
        status=report.status,
        categories=tuple(report.categories),
        child_age=case_child_age(report),
        child_sex=case_child_sex(report),
        happened=report.happened,
        reporter_relation=report.reporter_relation,
        kabkota_code=report.kabkota_code,
        kecamatan_code=report.kecamatan_code,
        address=report.address,
        description=report.description,
        evidence_count=len(report.evidence),
        reporter_phone=report.contact_phone if report.contact_consent else None,
        original=await _original(session, report_id),
        assignments=tuple(assignment_line(row, names) for row in assignments),
        timeline=tuple(timeline_entry(event, names) for event in shown),
        response_times=response_times(report, rules, now),
        deadlines=await _pending(session, report_id, now),
        anonymised_at=report.anonymised_at,
        phone_cleared=report.contact_consent and report.contact_phone is None and closed,
        referrals=tuple(await referral_lines(session, report_id)),
    )


async def _for_staff(
    session: AsyncSession, viewer: StaffIdentity, report: Report, detail: CaseDetail, now: datetime
) -> CaseDetail:
    """What the page's actions need: who holds the case, where it may go, what it repeats."""
    duplicate, visible = await _duplicate_of(session, viewer, report.duplicate_of_id)
    status = CaseStatus(report.status)
    holder = report.assigned_worker_id
    worker = await session.get(Worker, holder) if holder is not None else None
    return replace(
        detail,
        holder_id=holder,
        holder_name=worker.name if worker else None,
        holder_reachable=worker is not None and worker.telegram_user_id is not None,
        notify_reporter=report.notify_reporter,
        duplicate_of=duplicate,
        duplicate_of_visible=visible,
        evidence=evidence_items(report.evidence),
        undelivered=await undelivered_messages(session, report),
        staff_statuses=tuple(s.value for s in staff_targets(status, has_holder=holder is not None)),
        workers=await worker_choices(session, viewer, report, now) if is_open(status) else (),
    )


async def _duplicate_of(
    session: AsyncSession, viewer: StaffIdentity, other_id: int | None
) -> tuple[str | None, bool]:
    """The reference of the case this one repeats, and whether the viewer may open it."""
    if other_id is None:
        return None, False
    same = col(Report.id) == other_id
    reference = (await session.exec(select(col(Report.reference)).where(same))).first()
    scoped = select(col(Report.id)).where(same, region_scope(viewer))
    return reference, (await session.exec(scoped)).first() is not None


@functools.cache
def _rows_query(table: type[_Row], order: tuple[str, ...]) -> SelectOfScalar[_Row]:
    """Built once per table and order (read on every case page); the report id bound per call."""
    columns = [col(getattr(table, name)) for name in (*order, "id")]
    return select(table).where(col(table.report_id) == bindparam("report_id")).order_by(*columns)


async def _rows(
    session: AsyncSession, table: type[_Row], report_id: int, *order: str
) -> list[_Row]:
    """The report's rows of one table, ordered by the named columns, then by id."""
    query = _rows_query(table, order)
    return list((await session.exec(query, params={"report_id": report_id})).all())


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


async def _pending(
    session: AsyncSession, report_id: int, now: datetime
) -> tuple[PendingDeadline, ...]:
    rows = await _rows(session, Deadline, report_id, "due_at")
    pending = [row for row in rows if row.status == "pending"]
    return tuple(
        PendingDeadline(row.kind, DeadlineKey.parse(row.key).level, row.due_at, row.due_at <= now)
        for row in pending
    )
