"""Text a worker owes the bot after a button: a note, the reason for declining ("Lainnya"), a
service the directory lacks ("other, type it"), or why a service declined a referral.

The waiting state lives in the database, on the case timeline: an "awaiting_input" event by
the worker, cleared by the worker's next event of any kind (the note itself, a cancel, any
other action on any case) or by age, so a restart or a second process loses nothing.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from sqlmodel import col, select

from triage.domain.case import DeclineReason
from triage.services.cases.accept import (
    Acting,
    ActionResult,
    ActionStatus,
    load_action,
    refuse,
    run_action,
)
from triage.services.cases.decline import decline_in
from triage.services.common.deps import TriageDeps
from triage.services.common.events import add_event
from triage.services.referrals.actions import decline_note_in, refer_typed_in
from triage.services.workers.records import account
from triage.storage.tables import CaseEvent, Worker
from triage.storage.uow import UnitOfWork

AWAITING = "awaiting_input"
CANCELLED = "input_cancelled"
WAIT_AT_MOST = timedelta(minutes=30)
NOTE_CHARS = 4000


class Awaited(StrEnum):
    NOTE = "note"
    DECLINE_REASON = "decline_reason"
    REFERRAL = "referral"  # the name of a service the directory lacks
    REFERRAL_NOTE = "referral_note"  # why the service declined (Pending.referral_id)


@dataclass(frozen=True, slots=True)
class Pending:
    what: Awaited
    assignment_id: int
    report_id: int
    message_id: int | None
    referral_id: int | None = None


@dataclass(frozen=True, slots=True)
class TypedResult:
    """What a typed message was taken as, and what came of it."""

    what: Awaited
    assignment_id: int
    result: ActionResult


def _mark(
    uow: UnitOfWork, report_id: int, kind: str, actor: str, data: Mapping[str, Any], now: datetime
) -> None:
    """A timeline row that is screen state, not case progress (last_event_at stays)."""
    uow.session.add(CaseEvent(report_id=report_id, at=now, kind=kind, actor=actor, data=dict(data)))


async def await_input(
    deps: TriageDeps,
    telegram_user_id: int,
    assignment_id: int,
    what: Awaited,
    message_id: int | None,
    referral_id: int | None = None,
) -> ActionResult:
    """Remember that the worker's next text message is a note (or a reason, a service's name)."""

    async def body(uow: UnitOfWork, acting: Acting, now: datetime) -> ActionResult:
        accepted = acting.assignment.accepted_at is not None
        if what is Awaited.DECLINE_REASON and accepted:
            return acting.result(ActionStatus.ALREADY_ACCEPTED)
        if what is not Awaited.DECLINE_REASON and not accepted:  # offered after accepting
            return acting.result(ActionStatus.NOT_ACCEPTED)
        data = {"what": what.value, "assignment_id": acting.assignment.id, "message_id": message_id}
        if referral_id is not None:
            data["referral_id"] = referral_id
        _mark(uow, acting.report_id, AWAITING, acting.actor, data, now)
        return acting.result(message_id=message_id)

    return await run_action(deps, telegram_user_id, assignment_id, f"await_{what.value}", body)


async def cancel_input(deps: TriageDeps, telegram_user_id: int, assignment_id: int) -> ActionResult:
    """Stop waiting for text on this assignment (the Batal button)."""

    async def body(uow: UnitOfWork, acting: Acting, now: datetime) -> ActionResult:
        pending = await pending_input(uow, acting.worker, now)
        if pending is None or pending.assignment_id != assignment_id:
            return acting.result(ActionStatus.ALREADY_DONE)
        _mark(uow, acting.report_id, CANCELLED, acting.actor, {"what": pending.what.value}, now)
        return acting.result(message_id=pending.message_id)

    return await run_action(deps, telegram_user_id, assignment_id, "cancel_input", body)


async def pending_input(uow: UnitOfWork, worker: Worker, now: datetime) -> Pending | None:
    """What the worker's latest timeline row says we wait for, if it is fresh enough."""
    query = (
        select(CaseEvent)
        .where(col(CaseEvent.actor) == f"worker:{worker.id}")
        .order_by(col(CaseEvent.id).desc())
        .limit(1)
    )
    event = (await uow.session.exec(query)).first()
    if event is None or event.kind != AWAITING or event.at < now - WAIT_AT_MOST:
        return None
    data = event.data
    message_id = data.get("message_id")
    return Pending(
        Awaited(data["what"]),
        int(data["assignment_id"]),
        event.report_id,
        int(message_id) if message_id is not None else None,
        int(data["referral_id"]) if data.get("referral_id") is not None else None,
    )


async def take_typed_input(
    deps: TriageDeps, telegram_user_id: int, text: str
) -> TypedResult | None:
    """Use a worker's text message as the awaited note or reason; None if nothing is awaited.

    A note or reason typed after the worker's access ended is refused (ACCESS_ENDED) and
    audited, and nothing of it is kept."""
    now = deps.clock()
    async with deps.uow() as uow:
        found = await account(uow.session, telegram_user_id)
        worker = found.active or found.ended
        pending = await pending_input(uow, worker, now) if worker is not None else None
        if worker is None or pending is None:
            return None
        if found.active is None:
            return await _refuse_ended(uow, telegram_user_id, pending, now)
        action = f"typed_{pending.what.value}"
        loaded = await load_action(uow, telegram_user_id, pending.assignment_id, now, action)
        if isinstance(loaded, ActionResult):
            result = loaded
        else:
            result = await _use(uow, deps, loaded, pending, text, now)
        if result.status is not ActionStatus.DONE:
            actor = f"worker:{worker.id}"
            _mark(uow, pending.report_id, CANCELLED, actor, {"what": pending.what.value}, now)
        await uow.commit()
    result = replace(result, message_id=pending.message_id)
    return TypedResult(pending.what, pending.assignment_id, result)


async def _refuse_ended(
    uow: UnitOfWork, telegram_user_id: int, pending: Pending, now: datetime
) -> TypedResult:
    action = f"typed_{pending.what.value}"
    refuse(uow, telegram_user_id, now, action, pending.assignment_id, why="access_ended")
    await uow.commit()
    ended = ActionResult(ActionStatus.ACCESS_ENDED, message_id=pending.message_id)
    return TypedResult(pending.what, pending.assignment_id, ended)


async def _use(
    uow: UnitOfWork, deps: TriageDeps, acting: Acting, pending: Pending, text: str, now: datetime
) -> ActionResult:
    if pending.what is Awaited.DECLINE_REASON:
        return await decline_in(uow, deps, acting, now, DeclineReason.OTHER, text)
    if pending.what is Awaited.REFERRAL:
        return await refer_typed_in(uow, acting, now, text)
    if pending.what is Awaited.REFERRAL_NOTE and pending.referral_id is not None:
        return await decline_note_in(uow, acting, now, pending.referral_id, text)
    data = {"assignment_id": acting.assignment.id, "text": text.strip()[:NOTE_CHARS]}
    await add_event(uow.session, acting.report_id, "note", acting.actor, data, now)
    return acting.result()
