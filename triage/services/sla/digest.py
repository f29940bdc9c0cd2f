"""Periodic scans of open cases: each supervisor's daily digest, and stale-case reminders."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy.exc import IntegrityError
from sqlmodel import col, select

from triage.domain.case import FINISHED_STATUSES
from triage.domain.model import Urgency
from triage.domain.rules.model import Rules
from triage.domain.sla import DeadlineKind, next_digest_at, stale_check, stale_key, targets_for
from triage.domain.timezones import WIB, UnknownRegionError, zone_for
from triage.services.common.deps import TriageDeps
from triage.services.outbox.notices import Digest, OverdueLine, StaleCase
from triage.services.outbox.port import Envelope, OutgoingMessage
from triage.services.outbox.queue import enqueue
from triage.storage.filters import region_filter
from triage.storage.tables import OutboxMessage, Report, Worker
from triage.storage.tables.cases import without_sealed_details
from triage.storage.uow import UnitOfWork, UnitOfWorkFactory

DIGEST_GRACE = timedelta(hours=12)  # a digest missed for longer than this is skipped
KEY_CHUNK = 500


def supervisor_zone(region_codes: Sequence[str]) -> ZoneInfo:
    """The zone of the supervisor's first region (WIB when they have none we know)."""
    for code in sorted(region_codes):
        try:
            return zone_for(code)
        except UnknownRegionError:
            continue
    return WIB


def digest_day(now: datetime, zone: ZoneInfo, hour: int) -> date | None:
    """The local day whose digest is due at `now`, or None before its hour or after the grace."""
    latest = next_digest_at(now - timedelta(days=1), zone, hour)
    return latest.astimezone(zone).date() if now - latest < DIGEST_GRACE else None


def missed_target(report: Report, now: datetime, rules: Rules) -> DeadlineKind | None:
    """The first target an open case has missed at `now`, by its current urgency."""
    targets = targets_for(Urgency(report.urgency), rules)
    opened = report.received_at
    if report.accepted_at is None and now >= opened + targets.accept:
        return DeadlineKind.ACCEPT_BREACH
    if report.first_contact_at is None and now >= opened + targets.first_contact:
        return DeadlineKind.CONTACT_BREACH
    return DeadlineKind.CLOSURE_BREACH if now >= opened + targets.closure else None


async def send_digests(deps: TriageDeps) -> int:
    """Queue today's digest for every supervisor whose local digest hour has passed; once a day."""
    now = deps.clock()
    async with deps.uow() as uow:
        found = await uow.session.exec(
            select(Worker).where(
                Worker.role == "supervisor",
                col(Worker.telegram_user_id).is_not(None),
                col(Worker.active).is_(True),
            )
        )
        supervisors = list(found)
    due: dict[str, Worker] = {}
    for worker in supervisors:
        day = digest_day(now, supervisor_zone(worker.region_codes), deps.rules.digest_hour)
        if day is not None:
            due[f"digest:{worker.id}:{day.isoformat()}"] = worker
    sent = 0
    for key in await _unsent(deps.uow, list(due)):
        sent += await _send_digest(deps, key, due[key], now)
    return sent


async def _send_digest(deps: TriageDeps, key: str, worker: Worker, now: datetime) -> int:
    assert worker.telegram_user_id is not None
    async with deps.uow() as uow:
        query = (
            select(Report)
            .where(
                col(Report.status).notin_(FINISHED_STATUSES),
                region_filter(col(Report.kabkota_code), worker.region_codes),
            )
            .options(*without_sealed_details())
        )
        cases = list(await uow.session.exec(query))
        missed = [(r, m) for r in cases if (m := missed_target(r, now, deps.rules)) is not None]
        missed.sort(key=lambda pair: (-Urgency(pair[0].urgency).rank, pair[0].received_at))
        place = deps.regions.name
        lines = [
            OverdueLine(r.reference, r.urgency, place(r.kabkota_code or "") or "-", m)
            for r, m in missed
        ]
        day = date.fromisoformat(key.rsplit(":", 1)[1])
        digest = Digest(day, len(cases), tuple(lines))
        message = deps.messages.daily_digest(Envelope(key, worker.telegram_user_id), digest)
        return await _enqueue_once(uow, message, now)


async def remind_stale(deps: TriageDeps) -> int:
    """Remind the assignee of every open case quiet for `rules.stale_after`, once per spell."""
    now = deps.clock()
    async with deps.uow() as uow:
        query = select(col(Report.id), col(Report.reference), col(Report.last_event_at)).where(
            col(Report.status).notin_(FINISHED_STATUSES),
            col(Report.assigned_worker_id).is_not(None),
            col(Report.last_event_at) <= now - deps.rules.stale_after,
        )
        quiet = {
            stale_key(reference, last): report_id or 0
            for report_id, reference, last in await uow.session.exec(query)
            if last is not None and stale_check(last, now, deps.rules)
        }
    sent = 0
    for key in await _unsent(deps.uow, list(quiet)):
        sent += await _send_stale(deps, key, quiet[key], now)
    return sent


async def _send_stale(deps: TriageDeps, key: str, report_id: int, now: datetime) -> int:
    """Re-read the case: an event since the scan starts a new spell and the key changes."""
    async with deps.uow() as uow:
        report = await uow.session.get(Report, report_id)
        if report is None or report.last_event_at is None or report.status in FINISHED_STATUSES:
            return 0
        worker = await uow.session.get(Worker, report.assigned_worker_id or 0)
        if worker is None or worker.telegram_user_id is None:
            return 0
        if stale_key(report.reference, report.last_event_at) != key:
            return 0
        stale = StaleCase(
            report.reference, report.urgency, report.kabkota_code, report.last_event_at
        )
        message = deps.messages.stale_case(Envelope(key, worker.telegram_user_id), stale)
        return await _enqueue_once(uow, message, now, report.id)


async def _unsent(uow_factory: UnitOfWorkFactory, keys: list[str]) -> list[str]:
    """The keys with no outbox row yet (read in chunks to stay under parameter limits)."""
    seen: set[str] = set()
    async with uow_factory() as uow:
        for start in range(0, len(keys), KEY_CHUNK):
            chunk = keys[start : start + KEY_CHUNK]
            query = select(col(OutboxMessage.dedup_key)).where(
                col(OutboxMessage.dedup_key).in_(chunk)
            )
            seen.update(await uow.session.exec(query))
    return [key for key in keys if key not in seen]


async def _enqueue_once(
    uow: UnitOfWork, message: OutgoingMessage, now: datetime, report_id: int | None = None
) -> int:
    """Queue and commit; another process queuing the same key first is not an error."""
    try:
        queued = await enqueue(uow.session, message, now, report_id=report_id)
        await uow.commit()
    except IntegrityError:
        return 0
    return int(queued)
