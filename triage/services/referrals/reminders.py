"""A reminder to the case's worker when a referral has had no update for a week (then weekly
while it stays quiet). Each referral is claimed in its own transaction, so two processes
remind once; the outbox key names the quiet spell."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.exc import IntegrityError
from sqlmodel import col, select

from triage.domain.case import CaseStatus, is_finished
from triage.domain.referrals import OPEN_REFERRAL_STATUSES, REMIND_AFTER, referral_due_reminder
from triage.services.common.deps import TriageDeps
from triage.services.outbox.notices import QuietReferral
from triage.services.outbox.port import Envelope
from triage.services.outbox.queue import enqueue
from triage.storage.tables import Assignment, ReferralRow, Report, ServiceEntry, Worker
from triage.storage.uow import UnitOfWork


async def remind_quiet_referrals(deps: TriageDeps) -> int:
    """Queue a reminder for every open referral quiet for REMIND_AFTER; returns how many."""
    now = deps.clock()
    async with deps.uow() as uow:
        query = select(ReferralRow.id).where(
            col(ReferralRow.status).in_(OPEN_REFERRAL_STATUSES),
            col(ReferralRow.updated_at) <= now - REMIND_AFTER,
        )
        candidates = [row_id for row_id in await uow.session.exec(query) if row_id is not None]
    sent = 0
    for referral_id in candidates:
        sent += await _remind(deps, referral_id, now)
    return sent


async def _remind(deps: TriageDeps, referral_id: int, now: datetime) -> int:
    async with deps.uow() as uow:
        await uow.lock_for_write()
        row = await uow.session.get(
            ReferralRow, referral_id, with_for_update=True, populate_existing=True
        )
        if row is None or row.status not in OPEN_REFERRAL_STATUSES:
            return 0
        if not referral_due_reminder(row.updated_at, row.reminded_at, now):
            return 0
        report = await uow.session.get(Report, row.report_id)
        if report is None or is_finished(CaseStatus(report.status)):
            return 0
        worker = await uow.session.get(Worker, report.assigned_worker_id or row.worker_id or 0)
        if worker is None or worker.telegram_user_id is None or not worker.active:
            return 0
        quiet_since = max(row.updated_at, row.reminded_at or row.updated_at)
        key = f"referral:{referral_id}:{quiet_since.isoformat()}"
        notice = QuietReferral(
            reference=report.reference,
            service_name=await _name(uow, row),
            status=row.status,
            region_code=report.kabkota_code,
            since=row.updated_at,
            assignment_id=await _assignment_id(uow, report.id or 0),
        )
        message = deps.messages.referral_reminder(Envelope(key, worker.telegram_user_id), notice)
        row.reminded_at = now
        uow.session.add(row)
        try:
            queued = await enqueue(uow.session, message, now, report_id=report.id)
            await uow.commit()
        except IntegrityError:  # another process reminded of this spell first
            return 0
        return int(queued)


async def _name(uow: UnitOfWork, row: ReferralRow) -> str:
    service = await uow.session.get(ServiceEntry, row.service_id) if row.service_id else None
    return service.name if service is not None else row.typed_service or "-"


async def _assignment_id(uow: UnitOfWork, report_id: int) -> int | None:
    query = select(Assignment.id).where(
        col(Assignment.report_id) == report_id, col(Assignment.active)
    )
    return (await uow.session.exec(query.order_by(col(Assignment.id).desc()))).first()
