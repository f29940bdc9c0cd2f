"""A worker's referral of a case, from Telegram: to a service of the directory that serves the
case's kabupaten/kota, or to one they type ("other, type it"); then its status, sent →
accepted → completed or declined, each change on the timeline. Typed words are sealed (the
referral's columns and the event's `text`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import col, select

from triage.domain.case import CaseStatus
from triage.domain.referrals import (
    OPEN_REFERRAL_STATUSES,
    ReferralStatus,
    ServiceType,
    may_move_referral,
    serves,
)
from triage.services.cases.accept import (
    Acting,
    ActionResult,
    ActionStatus,
    Body,
    advance,
    run_action,
)
from triage.services.common.deps import TriageDeps
from triage.services.common.events import add_event
from triage.services.referrals.choices import ServiceChoice, services_serving, types_serving
from triage.storage.tables import ReferralRow, ServiceEntry
from triage.storage.uow import UnitOfWork

# Why a referral action found the service or the referral, not the case, moved on.
SERVICE_GONE, REFERRAL_MOVED = "service_gone", "referral_moved"
TYPED_CHARS = 200  # a service's name as typed
NOTE_CHARS = 1000  # why a referral was declined


async def _accepted(
    deps: TriageDeps, telegram_user_id: int, assignment_id: int, action: str, body: Body
) -> ActionResult:
    """Like run_action, for referrals: the case must be accepted first."""

    async def checked(uow: UnitOfWork, acting: Acting, now: datetime) -> ActionResult:
        if acting.assignment.accepted_at is None:
            return acting.result(ActionStatus.NOT_ACCEPTED)
        return await body(uow, acting, now)

    return await run_action(deps, telegram_user_id, assignment_id, action, checked)


@dataclass(frozen=True, slots=True)
class Offer:
    """What the picker shows: the case's reference, and the types or the services to choose."""

    result: ActionResult
    types: tuple[ServiceType, ...] = ()
    services: tuple[ServiceChoice, ...] = ()


async def referral_types(deps: TriageDeps, telegram_user_id: int, assignment_id: int) -> Offer:
    """The types of service the case's kabupaten/kota has in the directory."""
    found: list[ServiceType] = []

    async def body(uow: UnitOfWork, acting: Acting, _now: datetime) -> ActionResult:
        found.extend(await types_serving(uow.session, acting.report.kabkota_code))
        return acting.result()

    result = await _accepted(deps, telegram_user_id, assignment_id, "refer_types", body)
    return Offer(result, types=tuple(found))


async def referral_services(
    deps: TriageDeps, telegram_user_id: int, assignment_id: int, service_type: str
) -> Offer:
    """The case's kabupaten/kota's services of one type, by name."""
    found: list[ServiceChoice] = []

    async def body(uow: UnitOfWork, acting: Acting, _now: datetime) -> ActionResult:
        kabkota = acting.report.kabkota_code
        found.extend(await services_serving(uow.session, kabkota, service_type))
        return acting.result()

    result = await _accepted(deps, telegram_user_id, assignment_id, "refer_services", body)
    return Offer(result, services=tuple(found))


async def refer_to_service(
    deps: TriageDeps, telegram_user_id: int, assignment_id: int, service_id: int
) -> ActionResult:
    """Refer the case to a directory service serving its place; once while one is open."""

    async def body(uow: UnitOfWork, acting: Acting, now: datetime) -> ActionResult:
        service = await uow.session.get(ServiceEntry, service_id)
        if service is None or not service.active:  # deactivated since the list was shown
            return acting.result(ActionStatus.GONE, detail=SERVICE_GONE)
        if not serves(service.region_codes, acting.report.kabkota_code):
            return acting.result(ActionStatus.NOT_YOURS)
        if await _open_to(uow, acting.report_id, service_id):
            return acting.result(ActionStatus.ALREADY_DONE, detail=service.name)
        row = ReferralRow(
            report_id=acting.report_id,
            service_id=service_id,
            service_type=service.type,
            worker_id=acting.worker.id,
            created_at=now,
            updated_at=now,
        )
        await _record(uow, acting, row, now, {"service_id": service_id})
        return acting.result(detail=service.name)

    return await _accepted(deps, telegram_user_id, assignment_id, "refer", body)


async def refer_typed_in(uow: UnitOfWork, acting: Acting, now: datetime, text: str) -> ActionResult:
    """ "Other, type it": a service the directory lacks, named in the worker's words."""
    if acting.assignment.accepted_at is None:
        return acting.result(ActionStatus.NOT_ACCEPTED)
    typed = " ".join(text.split())[:TYPED_CHARS]
    row = ReferralRow(
        report_id=acting.report_id,
        service_type=ServiceType.OTHER.value,
        typed_service=typed,
        worker_id=acting.worker.id,
        created_at=now,
        updated_at=now,
    )
    await _record(uow, acting, row, now, {"text": typed})
    return acting.result(detail=typed)


async def _record(
    uow: UnitOfWork, acting: Acting, row: ReferralRow, now: datetime, extra: dict[str, object]
) -> None:
    uow.session.add(row)
    await uow.session.flush()
    advance(acting.report, CaseStatus.REFERRED)
    data = {
        "assignment_id": acting.assignment.id,
        "referral_id": row.id,
        "type": row.service_type,
        **extra,
    }
    await add_event(uow.session, acting.report_id, "referred", acting.actor, data, now)


async def _open_to(uow: UnitOfWork, report_id: int, service_id: int) -> bool:
    query = select(ReferralRow.id).where(
        col(ReferralRow.report_id) == report_id,
        col(ReferralRow.service_id) == service_id,
        col(ReferralRow.status).in_(OPEN_REFERRAL_STATUSES),
    )
    return (await uow.session.exec(query)).first() is not None


async def update_referral(
    deps: TriageDeps,
    telegram_user_id: int,
    assignment_id: int,
    referral_id: int,
    status: str,
) -> ActionResult:
    """Move one of the case's referrals on (accepted, completed, declined)."""
    target = ReferralStatus(status)  # ValueError for a status the bot never offers

    async def body(uow: UnitOfWork, acting: Acting, now: datetime) -> ActionResult:
        row = await uow.session.get(ReferralRow, referral_id, with_for_update=True)
        if row is None or row.report_id != acting.report_id:
            return acting.result(ActionStatus.NOT_YOURS)
        current = ReferralStatus(row.status)
        if current is target:
            return acting.result(ActionStatus.ALREADY_DONE, detail=target)
        if not may_move_referral(current, target):  # moved on since the buttons were shown
            return acting.result(ActionStatus.GONE, detail=REFERRAL_MOVED)
        row.status, row.updated_at = target.value, now
        uow.session.add(row)
        data = {
            "assignment_id": acting.assignment.id,
            "referral_id": referral_id,
            "from": current.value,
            "to": target.value,
        }
        await add_event(uow.session, acting.report_id, "referral_updated", acting.actor, data, now)
        return acting.result(detail=target)

    return await _accepted(deps, telegram_user_id, assignment_id, "referral_update", body)


async def decline_note_in(
    uow: UnitOfWork, acting: Acting, now: datetime, referral_id: int, text: str
) -> ActionResult:
    """Why the service declined, in the worker's words (sealed), on the referral and timeline."""
    row = await uow.session.get(ReferralRow, referral_id)
    if row is None or row.report_id != acting.report_id:
        return acting.result(ActionStatus.NOT_YOURS)
    note = text.strip()[:NOTE_CHARS]
    row.decline_note = note
    uow.session.add(row)
    data = {"assignment_id": acting.assignment.id, "referral_id": referral_id, "text": note}
    await add_event(uow.session, acting.report_id, "referral_note", acting.actor, data, now)
    return acting.result()
