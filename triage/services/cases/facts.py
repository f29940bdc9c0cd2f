"""Read helpers the case services share: where a case is, the child's age and sex, why it is
urgent, what is due next."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from triage.domain.age import ChildAge
from triage.domain.case import CaseStatus
from triage.domain.child_sex import ChildSex, child_sex
from triage.domain.model import Reason
from triage.domain.sla import DeadlineKind
from triage.services.common.deps import TriageDeps
from triage.storage.tables import AssessmentRow, Deadline, Report

Due = tuple[DeadlineKind, datetime]
_BREACHES = (
    DeadlineKind.ACCEPT_BREACH,
    DeadlineKind.CONTACT_BREACH,
    DeadlineKind.CLOSURE_BREACH,
)


def case_place(deps: TriageDeps, report: Report) -> str:
    """ "Tebet, Kota Jakarta Selatan, DKI Jakarta": kecamatan if known, kabupaten/kota, province."""
    parts: list[str] = []
    if report.kecamatan_code:
        kecamatan = deps.regions.directory.kecamatan(report.kecamatan_code)
        if kecamatan is not None:
            parts.append(kecamatan.name)
    if report.kabkota_code:
        parts.append(deps.regions.name(report.kabkota_code) or report.kabkota_code)
    return ", ".join(parts) or "-"


def case_child_age(report: Report) -> ChildAge:
    """The child's age as the reporter gave it: typed, a band, or unknown."""
    return ChildAge.from_parts(report.child_age, report.age_band_lower, report.age_band_upper)


def case_child_sex(report: Report) -> ChildSex | None:
    """The child's sex as the reporter gave it; None when unknown."""
    return child_sex(report.child_sex)


async def assessment_reasons(session: AsyncSession, report_id: int) -> tuple[Reason, ...]:
    """The reasons of the report's latest assessment."""
    query = (
        select(AssessmentRow)
        .where(col(AssessmentRow.report_id) == report_id)
        .order_by(col(AssessmentRow.id).desc())
        .limit(1)
    )
    row = (await session.exec(query)).first()
    if row is None:
        return ()
    return tuple(Reason(r["code"], int(r.get("points", 0)), r.get("detail")) for r in row.reasons)


def _relevant(report: Report) -> tuple[DeadlineKind, ...]:
    """The target that matters now: accepting, then first contact, then closing."""
    if report.status == CaseStatus.CLOSED:
        return ()
    if report.accepted_at is None:
        return _BREACHES
    if report.first_contact_at is None:
        return _BREACHES[1:]
    return _BREACHES[2:]


async def next_due(session: AsyncSession, reports: Iterable[Report]) -> dict[int, Due]:
    """Per report id, the earliest target still to meet (it may lie in the past: overdue)."""
    wanted = {r.id: _relevant(r) for r in reports if r.id is not None}
    if not wanted:
        return {}
    query = select(Deadline).where(
        col(Deadline.report_id).in_(list(wanted)),
        col(Deadline.kind).in_([k.value for k in _BREACHES]),
        col(Deadline.status) != "cancelled",
    )
    found: dict[int, Due] = {}
    for row in (await session.exec(query)).all():
        kind = DeadlineKind(row.kind)
        report_id = row.report_id or 0
        if kind not in wanted.get(report_id, ()):
            continue
        if report_id not in found or row.due_at < found[report_id][1]:
            found[report_id] = (kind, row.due_at)
    return found
