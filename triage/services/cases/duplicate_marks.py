"""Staff mark a case as the same as another (by reference) or remove that mark.

The other case must be one the viewer may see: a case outside their regions is answered as
unknown, exactly like a reference that does not exist.
"""

from __future__ import annotations

from datetime import datetime

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from triage.domain.case import CaseStatus, is_open
from triage.domain.references import normalise_reference
from triage.services.cases.queries import region_scope
from triage.services.cases.staff_common import (
    DONE,
    REASON_MAX_CHARS,
    StaffOutcome,
    StaffResult,
    cleaned,
    holder_of,
    queue,
    run_staff_action,
    staff_actor,
    to_worker,
)
from triage.services.common.deps import TriageDeps
from triage.services.common.events import add_event
from triage.services.outbox.notices import DuplicateMarking
from triage.services.staff.accounts import StaffIdentity
from triage.storage.tables import Report
from triage.storage.uow import UnitOfWork

REFERENCE_MAX_CHARS = 16
CHAIN_LIMIT = 50  # marks form short chains; this only stops a loop in bad data


def typed_references(typed: str) -> list[str]:
    """What a typed reference may mean: as normalised ("ls 7kq2m9xd") and as typed."""
    plain = typed.strip().upper()
    return sorted({plain, normalise_reference(typed) or plain})


async def _visible(session: AsyncSession, viewer: StaffIdentity, typed: str) -> Report | None:
    wanted = col(Report.reference).in_(typed_references(typed))
    return (await session.exec(select(Report).where(wanted, region_scope(viewer)))).first()


async def _leads_back(session: AsyncSession, start: Report, report_id: int) -> bool:
    """Whether following `start`'s duplicate marks reaches the case `report_id`."""
    next_id, seen = start.duplicate_of_id, 0
    while next_id is not None and seen < CHAIN_LIMIT:
        if next_id == report_id:
            return True
        query = select(col(Report.duplicate_of_id)).where(col(Report.id) == next_id)
        next_id, seen = (await session.exec(query)).first(), seen + 1
    return False


async def mark_duplicate(
    deps: TriageDeps, viewer: StaffIdentity, reference: str, other_reference: str, reason: str
) -> StaffResult:
    """Mark the case as the same as `other_reference`; the holder hears of it if it is open."""
    why = cleaned(reason, REASON_MAX_CHARS)

    async def body(uow: UnitOfWork, report: Report, now: datetime) -> StaffResult:
        assert report.id is not None
        other = await _visible(uow.session, viewer, other_reference[: REFERENCE_MAX_CHARS * 2])
        if other is None or other.id is None:
            return StaffResult(StaffOutcome.UNKNOWN_CASE)
        if other.id == report.id:
            return StaffResult(StaffOutcome.SAME_CASE)
        if report.duplicate_of_id == other.id:
            return StaffResult(StaffOutcome.ALREADY, other.reference)
        if await _leads_back(uow.session, other, report.id):
            return StaffResult(StaffOutcome.CYCLE, other.reference)
        report.duplicate_of_id = other.id
        data = {"of": other.reference, "reason": why}
        actor = staff_actor(viewer)
        event = await add_event(uow.session, report.id, "marked_duplicate", actor, data, now)
        await uow.session.flush()
        marking = DuplicateMarking(report.reference, other.reference, marked=True)
        await _tell_holder(uow, deps, report, marking, f"staff-duplicate:{event.id}", now)
        return StaffResult(StaffOutcome.DONE, other.reference)

    return await run_staff_action(deps, viewer, reference, "mark_duplicate", body)


async def unmark_duplicate(
    deps: TriageDeps, viewer: StaffIdentity, reference: str, reason: str
) -> StaffResult:
    """Remove the case's duplicate mark, whoever set it (the intake or staff)."""
    why = cleaned(reason, REASON_MAX_CHARS)

    async def body(uow: UnitOfWork, report: Report, now: datetime) -> StaffResult:
        assert report.id is not None
        if report.duplicate_of_id is None:
            return StaffResult(StaffOutcome.NOT_MARKED)
        query = select(col(Report.reference)).where(col(Report.id) == report.duplicate_of_id)
        other = (await uow.session.exec(query)).first() or ""
        report.duplicate_of_id = None
        data = {"of": other, "reason": why}
        actor = staff_actor(viewer)
        event = await add_event(uow.session, report.id, "unmarked_duplicate", actor, data, now)
        await uow.session.flush()
        marking = DuplicateMarking(report.reference, other, marked=False)
        await _tell_holder(uow, deps, report, marking, f"staff-duplicate:{event.id}", now)
        return DONE

    return await run_staff_action(deps, viewer, reference, "unmark_duplicate", body)


async def _tell_holder(
    uow: UnitOfWork,
    deps: TriageDeps,
    report: Report,
    marking: DuplicateMarking,
    key: str,
    now: datetime,
) -> None:
    """Whoever holds an open case hears of the mark; a closed case needs no more work."""
    holder = await holder_of(uow, report)
    if holder is None or not is_open(CaseStatus(report.status)):
        return
    message = deps.messages.duplicate_marking(to_worker(holder, key), marking)
    await queue(uow, report, message, now)
