"""The retention run: clears reporters' phone numbers, anonymises old closed cases, deletes
old outbox and audit rows, forgets Telegram accounts nothing ties to a case any more, and
audits what it did.

Each step works in short transactions of at most `batch` rows, so it never holds a long
lock, and picks only rows still to do, so running it again (or in two processes at once)
changes nothing more. Open cases are never touched: every step on cases requires `closed`.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, and_, case, exists
from sqlmodel import col, delete, select, update
from sqlmodel.sql.expression import SelectOfScalar

from triage.domain.case import CaseStatus
from triage.domain.retention import (
    AGE_BAND_BOUNDS,
    RetentionPolicy,
    cleared_report_values,
    decline_code,
    scrubbed_event_data,
    scrubbed_reasons,
)
from triage.services.common.deps import TriageDeps
from triage.services.common.events import audit
from triage.storage.tables import (
    AssessmentRow,
    Assignment,
    AuditLog,
    CaseEvent,
    ChatProfile,
    Draft,
    OutboxMessage,
    ReferralRow,
    Report,
    Worker,
)
from triage.storage.uow import UnitOfWork

CASE_BATCH = 200  # cases per transaction (with their events, assessments, assignments)
ROW_BATCH = 1000  # outbox or audit rows deleted per transaction
ACTOR = "system"
ACTION = "retention_run"
FINISHED_OUTBOX = ("sent", "undeliverable")  # a pending message is still to be sent


@dataclass(frozen=True, slots=True)
class RetentionCounts:
    phones_cleared: int = 0
    cases_anonymised: int = 0
    outbox_deleted: int = 0
    audit_deleted: int = 0
    chats_forgotten: int = 0


# One transaction's work: how many rows it changed, and whether it found a full batch
# (then more may be due).
Step = Callable[[UnitOfWork], Awaitable[tuple[int, bool]]]


async def run_retention(
    deps: TriageDeps,
    policy: RetentionPolicy,
    *,
    case_batch: int = CASE_BATCH,
    row_batch: int = ROW_BATCH,
) -> RetentionCounts:
    """One run at `deps.clock()`; the audit row it writes holds the counts and the limits."""
    now = deps.clock()
    due = policy.cutoffs(now)
    steps: tuple[Step, ...] = (
        lambda uow: _clear_phones(uow, due.phone, case_batch),
        lambda uow: _anonymise(uow, due.case, now, case_batch),
        lambda uow: _expire_outbox(uow, due.outbox, row_batch),
        lambda uow: _expire_audit(uow, due.audit, row_batch),
        lambda uow: _forget_chats(uow, due.case, row_batch),
    )
    counts = RetentionCounts(*[await _in_batches(deps, step) for step in steps])
    async with deps.uow() as uow:
        audit(uow.session, ACTOR, ACTION, now, **run_detail(counts, policy))
        await uow.commit()
    return counts


def run_detail(counts: RetentionCounts, policy: RetentionPolicy) -> dict[str, Any]:
    """What the audit row keeps: the counts and the limits they were made under."""
    return asdict(counts) | asdict(policy)


async def _in_batches(deps: TriageDeps, step: Step) -> int:
    """Repeat `step`, one transaction each, while it finds a full batch and changes rows
    (a batch another process changed first is not counted twice, and ends the loop)."""
    total = 0
    while True:
        async with deps.uow() as uow:
            changed, full = await step(uow)
            await uow.commit()
        total += changed
        if not full or changed == 0:
            return total


def phone_due(cutoff: datetime) -> ColumnElement[bool]:
    """Closed before `cutoff` with a phone number still kept (ix_report_phone_retention)."""
    return and_(
        col(Report.status) == CaseStatus.CLOSED.value,
        col(Report.closed_at) < cutoff,
        col(Report.contact_phone).is_not(None),
    )


def anonymisation_due(cutoff: datetime) -> ColumnElement[bool]:
    """Closed before `cutoff` and not yet anonymised (ix_report_retention)."""
    return and_(
        col(Report.status) == CaseStatus.CLOSED.value,
        col(Report.closed_at) < cutoff,
        col(Report.anonymised_at).is_(None),
    )


async def _ids(uow: UnitOfWork, query: SelectOfScalar[int | None]) -> list[int]:
    return [row for row in (await uow.session.exec(query)).all() if row is not None]


def _due_cases(where: ColumnElement[bool], batch: int) -> SelectOfScalar[int | None]:
    return select(col(Report.id)).where(where).order_by(col(Report.closed_at)).limit(batch)


async def _clear_phones(uow: UnitOfWork, cutoff: datetime, batch: int) -> tuple[int, bool]:
    where = phone_due(cutoff)
    ids = await _ids(uow, _due_cases(where, batch))
    if not ids:
        return 0, False
    cleared = update(Report).where(col(Report.id).in_(ids), where).values(contact_phone=None)
    result = await uow.session.exec(cleared)
    return _rowcount(result), len(ids) == batch


async def _anonymise(
    uow: UnitOfWork, cutoff: datetime, now: datetime, batch: int
) -> tuple[int, bool]:
    """Clear the cases' personal columns (claiming them: a row another process anonymised
    meanwhile is passed by), then the words on their timelines, assessments and assignments."""
    where = anonymisation_due(cutoff)
    ids = await _ids(uow, _due_cases(where, batch))
    if not ids:
        return 0, False
    claim = (
        update(Report)
        .where(col(Report.id).in_(ids), where)
        .values(anonymised_at=now, **_age_bands(), **cleared_report_values())
        .returning(col(Report.id), col(Report.reference))
    )
    rows = (await uow.session.exec(claim)).all()
    claimed, references = [row[0] for row in rows], [row[1] for row in rows]
    if claimed:
        await _scrub_events(uow, claimed)
        await _scrub_assessments(uow, claimed)
        await _scrub_declines(uow, claimed)
        # A referral keeps its service, type and status; the worker's words about it go.
        await uow.session.exec(
            update(ReferralRow)
            .where(col(ReferralRow.report_id).in_(claimed))
            .values(typed_service=None, decline_note=None)
        )
        # A rating comment still awaited would tie the reporter's account to the case.
        await uow.session.exec(
            update(ChatProfile)
            .where(col(ChatProfile.awaiting_comment_for).in_(references))
            .values(awaiting_comment_for=None)
        )
        # Its messages too, even unsent ones: nothing is to be said about it any more.
        await uow.session.exec(
            delete(OutboxMessage).where(col(OutboxMessage.report_id).in_(claimed))
        )
    return len(claimed), len(ids) == batch


def _age_bands() -> dict[str, Any]:
    """An exact age becomes the band that holds it, as `age_band_of` says (SET reads the
    row's old values)."""
    years, bounds = col(Report.child_age), AGE_BAND_BOUNDS
    lower = case(*((years.between(lo, hi), lo) for lo, hi in bounds), else_=Report.age_band_lower)
    upper = case(*((years.between(lo, hi), hi) for lo, hi in bounds), else_=Report.age_band_upper)
    return {"age_band_lower": lower, "age_band_upper": upper}


async def _scrub_events(uow: UnitOfWork, report_ids: list[int]) -> None:
    query = select(CaseEvent).where(col(CaseEvent.report_id).in_(report_ids))
    for event in (await uow.session.exec(query)).all():
        data = scrubbed_event_data(event.kind, event.data)
        if data is not None:
            event.data = data
            uow.session.add(event)


async def _scrub_assessments(uow: UnitOfWork, report_ids: list[int]) -> None:
    query = select(AssessmentRow).where(col(AssessmentRow.report_id).in_(report_ids))
    for row in (await uow.session.exec(query)).all():
        reasons = scrubbed_reasons(row.reasons)
        if reasons is not None:
            row.reasons = reasons
            uow.session.add(row)


async def _scrub_declines(uow: UnitOfWork, report_ids: list[int]) -> None:
    # The reason is encrypted: which ones hold typed words is seen after reading them.
    query = select(Assignment).where(
        col(Assignment.report_id).in_(report_ids), col(Assignment.decline_reason).is_not(None)
    )
    for row in (await uow.session.exec(query)).all():
        code = decline_code(row.decline_reason or "")
        if code != row.decline_reason:
            row.decline_reason = code
            uow.session.add(row)


async def _expire_outbox(uow: UnitOfWork, cutoff: datetime, batch: int) -> tuple[int, bool]:
    query = (
        select(col(OutboxMessage.id))
        .where(
            col(OutboxMessage.status).in_(FINISHED_OUTBOX), col(OutboxMessage.created_at) < cutoff
        )
        .order_by(col(OutboxMessage.id))
        .limit(batch)
    )
    ids = await _ids(uow, query)
    if not ids:
        return 0, False
    result = await uow.session.exec(delete(OutboxMessage).where(col(OutboxMessage.id).in_(ids)))
    return _rowcount(result), len(ids) == batch


async def _expire_audit(uow: UnitOfWork, cutoff: datetime, batch: int) -> tuple[int, bool]:
    query = (
        select(col(AuditLog.id))
        .where(col(AuditLog.at) < cutoff)
        .order_by(col(AuditLog.id))
        .limit(batch)
    )
    ids = await _ids(uow, query)
    if not ids:
        return 0, False
    result = await uow.session.exec(delete(AuditLog).where(col(AuditLog.id).in_(ids)))
    return _rowcount(result), len(ids) == batch


def forgettable_chat(cutoff: datetime) -> ColumnElement[bool]:
    """A reporter's account first seen before `cutoff` that nothing ties to a case any more:
    no report still holds its chat (anonymisation replaced it), no questionnaire or rating
    comment is under way, and it is not a worker's. A blocked account is kept, so the block
    holds."""
    user = col(ChatProfile.user_id)
    return and_(
        col(ChatProfile.created_at) < cutoff,
        col(ChatProfile.blocked).is_(False),
        col(ChatProfile.awaiting_comment_for).is_(None),
        ~exists().where(col(Report.reporter_chat_id) == user),
        ~exists().where(col(Draft.user_id) == user),
        ~exists().where(col(Worker.telegram_user_id) == user),
    )


async def _forget_chats(uow: UnitOfWork, cutoff: datetime, batch: int) -> tuple[int, bool]:
    """Delete such accounts' profiles (language, consent): one who comes back is a new
    reporter and is asked for consent again."""
    where = forgettable_chat(cutoff)
    query = select(col(ChatProfile.user_id)).where(where).order_by(col(ChatProfile.user_id))
    ids = list((await uow.session.exec(query.limit(batch))).all())
    if not ids:
        return 0, False
    # The conditions again: a report or questionnaire begun since the read keeps its account.
    gone = delete(ChatProfile).where(col(ChatProfile.user_id).in_(ids), where)
    result = await uow.session.exec(gone)
    return _rowcount(result), len(ids) == batch


def _rowcount(result: object) -> int:
    return int(getattr(result, "rowcount", 0) or 0)
